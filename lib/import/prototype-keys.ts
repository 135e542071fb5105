import { Issue, Severity } from '../model';
import { labelKeyErrors, labelKeyHint } from '../model/validation';

/** Code of the error for a `__proto__` key in the input. */
export const PROTOTYPE_KEY_CODE = 'import-prototype-key';

/**
 * Every `__proto__` key of a NetworkPolicy's JSON, as an error naming the object that holds it.
 * JSON and YAML parsers make it an own key, but a JavaScript object copy (`Object.assign`, an
 * object literal) sets the copy's prototype instead and the key is gone: a selector's only
 * label would vanish and the selector would select every pod. The API server rejects the key in
 * every map a policy has (labels, annotations, matchLabels: a qualified name starts and ends
 * with an alphanumeric character) and knows no field of that name, so import refuses it
 * wherever it is, before anything reads the policy through a copy.
 */
export function prototypeKeys(json: unknown): Issue[] {
  const out: Issue[] = [];
  const walk = (v: unknown, field: string) => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${field}[${i}]`));
      return;
    }
    if (v === null || typeof v !== 'object') return;
    for (const k of Object.keys(v)) {
      if (k === '__proto__') {
        const why = labelKeyErrors(k).join('; ');
        out.push({
          code: PROTOTYPE_KEY_CODE, severity: Severity.ERROR, field: field || undefined,
          message: `Invalid value: "__proto__": ${why}`,
          hint: labelKeyHint(k) ?? 'remove the key',
        });
        continue;
      }
      walk((v as { [k: string]: unknown })[k], field ? `${field}.${k}` : k);
    }
  };
  walk(json, '');
  return out;
}
