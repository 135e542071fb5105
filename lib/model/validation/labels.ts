import { Issue, Severity } from '../issue';
import { dns1123SubdomainErrors, suggestDns1123Subdomain } from './names';
import { quote } from './quote';

// Label key and value syntax (VALIDATION.md V-5, V-6), messages as apimachinery prints them.

const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** The answer for a valid input, shared: callers only read it. */
const NO_ERRORS: string[] = Object.freeze([]) as unknown as string[];

/** IsQualifiedName: `[prefix/]name`; prefix a DNS-1123 subdomain, name 1-63 characters. */
export function labelKeyErrors(key: string): string[] {
  // Most keys are a plain valid name (`app`): answered without splitting or allocating.
  if (key.length <= 63 && NAME_PART.test(key)) return NO_ERRORS;
  const parts = key.split('/');
  let name: string;
  const errors: string[] = [];
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const [prefix, n] = parts;
    name = n;
    if (prefix.length === 0) errors.push('prefix part must be non-empty');
    else errors.push(...dns1123SubdomainErrors(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errors.push('name part must be non-empty');
  else if (name.length > 63) errors.push('name part must be no more than 63 characters');
  // apimachinery runs the regex even on an empty name, so `""` and `x/` get both messages.
  if (!NAME_PART.test(name)) {
    errors.push(
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    );
  }
  return errors;
}

/** IsValidLabelValue: empty, or at most 63 of `[A-Za-z0-9_.-]` starting and ending alphanumeric. */
export function labelValueErrors(value: string): string[] {
  if (value.length <= 63 && VALUE.test(value)) return NO_ERRORS;
  const errors: string[] = [];
  if (value.length > 63) errors.push('must be no more than 63 characters');
  if (!VALUE.test(value)) {
    errors.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  }
  return errors;
}

/** ValidateAnnotations' limit on all keys and values together, in bytes. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/**
 * V-4: annotation keys are qualified names once lowercased (`ValidateAnnotations` checks
 * `strings.ToLower(k)`), and all keys and values together are at most 262144 bytes.
 */
export function annotationErrors(annotations: { [key: string]: string }, field: string): Issue[] {
  const issues: Issue[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations)) {
    for (const m of labelKeyErrors(k.toLowerCase())) {
      issues.push({ code: 'V-4', severity: Severity.ERROR, field, message: `Invalid value: ${quote(k)}: ${m}` });
    }
    size += utf8Length(k) + utf8Length(String(v));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) {
    issues.push({ code: 'V-4', severity: Severity.ERROR, field, message: `Too long: may not be more than ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes` });
  }
  return issues;
}

function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** `a b!` -> `a-b`: characters a label name part cannot hold become `-`, ends trimmed to alphanumerics. */
function cleanNamePart(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/-{2,}/g, '-').slice(0, 63).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}

/**
 * `did you mean "app-name"?` for a bad label key, when a close valid one exists: characters a key
 * cannot hold become `-`, the prefix is lowercased into a DNS subdomain.
 */
export function labelKeyHint(key: string): string | undefined {
  const text = String(key);
  const slash = text.indexOf('/');
  const name = cleanNamePart(slash < 0 ? text : text.slice(slash + 1).replace(/\//g, '-'));
  const prefix = slash < 0 ? undefined : (dns1123SubdomainErrors(text.slice(0, slash)).length === 0 ? text.slice(0, slash) : suggestDns1123Subdomain(text.slice(0, slash)));
  if (slash >= 0 && prefix === undefined) return undefined;
  const fixed = prefix === undefined ? name : `${prefix}/${name}`;
  return name && fixed !== text && labelKeyErrors(fixed).length === 0 ? `did you mean ${JSON.stringify(fixed)}?` : undefined;
}

/** `did you mean "web"?` for a bad label value (`-web`, `a b`), when a close valid one exists. */
export function labelValueHint(value: string): string | undefined {
  const fixed = cleanNamePart(String(value));
  return fixed !== value && labelValueErrors(fixed).length === 0 ? `did you mean ${JSON.stringify(fixed)}?` : undefined;
}
