// RFC 1123 name checks, messages exactly as apimachinery's util/validation prints them.

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const LABEL_RE = new RegExp(`^${DNS1123_LABEL}$`);
const SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN}$`);
/** The answer for a valid name, shared: callers only read it. */
const NO_ERRORS: string[] = Object.freeze([]) as unknown as string[];

/** IsDNS1123Label: namespaces (V-3). At most 63 characters, no dots. */
export function dns1123LabelErrors(value: string): string[] {
  if (value.length <= 63 && LABEL_RE.test(value)) return NO_ERRORS;
  const errors: string[] = [];
  if (value.length > 63) errors.push('must be no more than 63 characters');
  if (!LABEL_RE.test(value)) {
    errors.push(
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    );
  }
  return errors;
}

/** IsDNS1123Subdomain: object names (V-2) and label-key prefixes (V-5). At most 253 characters. */
export function dns1123SubdomainErrors(value: string): string[] {
  if (value.length <= 253 && SUBDOMAIN_RE.test(value)) return NO_ERRORS;
  const errors: string[] = [];
  if (value.length > 253) errors.push('must be no more than 253 characters');
  if (!SUBDOMAIN_RE.test(value)) {
    errors.push(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  }
  return errors;
}

const DNS_LABEL = /^[a-z0-9]+(-[a-z0-9]+)*$/; // no run of hyphens: those are collapsed below

/** Turns any text into a readable DNS-1123 label-ish name: `Allow_DB` -> `allow-db`. */
export function toDnsName(text: string): string {
  if (DNS_LABEL.test(text)) return text; // already in form: the common case, kept cheap
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

/**
 * A valid namespace name (DNS-1123 label) close to `value`, for a `did you mean` hint:
 * `Team.A` -> `team-a`. Undefined when there is none, or when `value` is already valid.
 */
export function suggestDns1123Label(value: string): string | undefined {
  const clean = toDnsName(String(value)).replace(/\./g, '-').replace(/-+/g, '-').slice(0, 63).replace(/-+$/, '');
  return clean && clean !== value && dns1123LabelErrors(clean).length === 0 ? clean : undefined;
}

/**
 * A valid object name (DNS-1123 subdomain) close to `value`, for a `did you mean` hint:
 * `Allow_DB` -> `allow-db`. Undefined when there is none, or when `value` is already valid.
 */
export function suggestDns1123Subdomain(value: string): string | undefined {
  const clean = toDnsName(String(value)).replace(/\.+/g, '.').replace(/-?\.-?/g, '.').slice(0, 253).replace(/[-.]+$/, '');
  return clean && clean !== value && dns1123SubdomainErrors(clean).length === 0 ? clean : undefined;
}

/** `did you mean "team-a"?` for a bad namespace name, when a close valid one exists. */
export function namespaceHint(value: string): string | undefined {
  const s = suggestDns1123Label(value);
  return s === undefined ? undefined : `did you mean ${JSON.stringify(s)}?`;
}

/** `did you mean "allow-db"?` for a bad object name, when a close valid one exists. */
export function nameHint(value: string): string | undefined {
  const s = suggestDns1123Subdomain(value);
  return s === undefined ? undefined : `did you mean ${JSON.stringify(s)}?`;
}
