import { Issue, Severity } from '../model';
import { quote } from '../model/validation/quote';

/** Code of the notes about input the generated program leaves out. */
export const NOT_CARRIED_CODE = 'import-not-carried';
/** Code of the error on a policy without a metadata.name (a generateName only). */
export const NO_NAME_CODE = 'import-no-name';

/**
 * Annotations that are a tool's bookkeeping, not the policy's: kubectl rewrites its record of the
 * last apply on every `kubectl apply`, so the program leaves it out.
 */
export const BOOKKEEPING_ANNOTATIONS: readonly string[] = ['kubectl.kubernetes.io/last-applied-configuration'];

/**
 * Metadata the constructs cannot write: set by a user or a controller, and meaningful, so leaving
 * it out is worth a warning naming the field.
 */
const USER_FIELDS: { [field: string]: string } = {
  ownerReferences: 'the constructs write no owner references, so garbage collection no longer removes the policy with its owner',
  finalizers: 'the constructs write no finalizers',
  generateName: 'the constructs keep metadata.name, which the API server prefers over generateName',
};

/**
 * What of one NetworkPolicy's metadata the generated program does not carry, each naming its
 * field: warnings for fields a user or controller set (ownerReferences, finalizers,
 * generateName), a note for bookkeeping annotations. Fields the API server fills in (uid,
 * resourceVersion, creationTimestamp, managedFields, status, ...) describe the live object, not
 * the policy, and are left out without a word, as `kubectl apply` ignores them.
 */
export function metadataNotCarried(json: unknown): Issue[] {
  const meta = objectAt(objectAt(json)?.metadata);
  if (!meta) return [];
  const out: Issue[] = [];
  // The API server names an object that has only a generateName (a random suffix); the constructs
  // write a fixed metadata.name, so such a policy cannot be written as it is: refused, never renamed.
  if (typeof meta.name !== 'string' || meta.name === '') {
    const generated = typeof meta.generateName === 'string' ? ` (it has a generateName only: ${quote(meta.generateName)})` : '';
    return [{
      code: NO_NAME_CODE, severity: Severity.ERROR, field: 'metadata.name',
      message: `Required value: the policy has no metadata.name${generated}; the constructs write a fixed name, so it is not imported`,
      hint: 'give it a metadata.name in the input (the live object\'s, which `kubectl get -o yaml` shows)',
    }];
  }
  for (const [field, why] of Object.entries(USER_FIELDS)) {
    const value = meta[field];
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
    out.push({
      code: NOT_CARRIED_CODE, severity: Severity.WARNING, field: `metadata.${field}`,
      message: `metadata.${field} is not carried into the program: ${why}`,
      hint: field === 'generateName' ? 'nothing to do' : `add it after synthesis if it is still needed, or drop it from the input`,
    });
  }
  const annotations = objectAt(meta.annotations) ?? {};
  for (const key of BOOKKEEPING_ANNOTATIONS) {
    if (!(key in annotations)) continue;
    out.push({
      code: NOT_CARRIED_CODE, severity: Severity.INFO, field: 'metadata.annotations',
      message: `the annotation ${key} is not carried into the program: it is kubectl's record of the last apply, rewritten on every apply`,
    });
  }
  return out;
}

function objectAt(v: unknown): { [key: string]: unknown } | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as { [key: string]: unknown }) : undefined;
}
