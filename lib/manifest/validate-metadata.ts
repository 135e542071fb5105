import { Issue, LabelSelector, PolicySpec, Severity } from '../model';
import { dns1123SubdomainErrors, nameHint, namespaceHint } from '../model/validation';
import { BAD, Bad, JsonDecoder, JsonObject, child } from './validate-decode';
import { quote } from '../model/validation/quote';

// ObjectMeta fields (metav1.ObjectMeta); read-only ones appear in objects exported from a cluster.
const STRING_FIELDS = ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp'] as const;
const INT_FIELDS = ['generation', 'deletionGracePeriodSeconds'] as const;
const LIST_FIELDS = ['finalizers', 'ownerReferences', 'managedFields'] as const;
const META_FIELDS = [...STRING_FIELDS, ...INT_FIELDS, 'labels', 'annotations', ...LIST_FIELDS];
const META_HINTS = { namespaceSelector: 'a NetworkPolicy applies to its own namespace: set metadata.namespace' };
/** `metadata.<field>`, built once rather than for every object read. */
const META_PATHS: { readonly [key: string]: string } = Object.fromEntries(META_FIELDS.map((k) => [k, child('metadata', k)]));

/** The decoded identity of the object, for update checks. */
export interface DecodedMetadata {
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
}

/** Options of metadata validation. */
export interface MetadataValidationOptions {
  /** Report a missing namespace as an error rather than as info (kubectl fills it from its context). */
  readonly requireNamespace?: boolean;
  /** Update: name and namespace are checked for immutability instead (V-27). */
  readonly update?: boolean;
}

/** Reads `metadata` without validating it; `undefined` fields read as "". */
export function decodeMetadata(d: JsonDecoder, raw: unknown): { meta: DecodedMetadata; labels: { [k: string]: string }; annotations: { [k: string]: string }; generateName: string } {
  const obj = d.object(raw, 'metadata', 'an object');
  const m: JsonObject = obj === undefined || obj === BAD ? {} : obj;
  if (obj !== undefined && obj !== BAD) {
    d.unknownFields(m, 'metadata', META_FIELDS, META_HINTS);
  }
  const strings: { [k: string]: string } = {};
  for (const k of STRING_FIELDS) {
    const v: string | undefined | Bad = d.string(m[k], META_PATHS[k]);
    strings[k] = v === undefined || v === BAD ? '' : v;
  }
  for (const k of INT_FIELDS) {
    const v = m[k];
    if (v !== undefined && v !== null && !(typeof v === 'number' && Number.isInteger(v))) d.typeError(child('metadata', k), v, 'integer');
  }
  for (const k of LIST_FIELDS) {
    if (k === 'finalizers') d.stringList(m[k], META_PATHS[k], 'a list of strings');
    else d.list(m[k], META_PATHS[k], 'a list of objects');
  }
  const labels = d.stringMap(m.labels, 'metadata.labels', 'a map of label keys to values');
  const annotations = d.stringMap(m.annotations, 'metadata.annotations', 'a map of annotation keys to values');
  return {
    meta: { name: strings.name, namespace: strings.namespace, uid: strings.uid },
    labels: labels === undefined || labels === BAD ? {} : labels,
    annotations: annotations === undefined || annotations === BAD ? {} : annotations,
    generateName: strings.generateName,
  };
}

/**
 * `ValidateObjectMeta(meta, requiresNamespace=true, NameIsDNSSubdomain)`: V-1..V-4, through the
 * model's `PolicySpec.validate` for name, namespace, labels and annotations.
 */
export function validateMetadata(decoded: ReturnType<typeof decodeMetadata>, options: MetadataValidationOptions): Issue[] {
  const issues: Issue[] = [];
  const { meta, generateName } = decoded;
  if (generateName && !options.update) {
    // NameIsDNSSubdomain(prefix=true) masks one trailing '-' (the generator appends a suffix).
    const masked = generateName.endsWith('-') ? `${generateName.slice(0, -1)}a` : generateName;
    for (const m of dns1123SubdomainErrors(masked)) {
      issues.push({ code: 'V-2', severity: Severity.ERROR, field: 'metadata.generateName', message: `Invalid value: ${quote(generateName)}: ${m}` });
    }
  }
  const spec = PolicySpec._of({
    name: meta.name,
    namespace: meta.namespace,
    podSelector: LabelSelector.everything(),
    labels: decoded.labels,
    annotations: decoded.annotations,
  });
  for (const issue of spec.validate()) {
    if (options.update && (issue.field === 'metadata.name' || issue.field === 'metadata.namespace')) continue;
    if (issue.code === 'V-1') {
      // On create the server generates the name from generateName before validating.
      if (generateName) continue;
      issues.push({ ...issue, hint: 'set metadata.name (a lowercase DNS name such as "allow-frontend")' });
    } else if (issue.code === 'V-3' && !meta.namespace) {
      issues.push(options.requireNamespace
        ? { ...issue, hint: 'set metadata.namespace' }
        : {
          ...issue,
          severity: Severity.INFO,
          hint: 'kubectl fills it from its context (--namespace), so the policy applies to whichever namespace that is; set metadata.namespace to pin it',
        });
    } else {
      issues.push(issue.code === 'V-2' || issue.code === 'V-3' ? withNameHint(issue, issue.code === 'V-2' ? meta.name : meta.namespace) : issue);
    }
  }
  return issues;
}

/** V-27: `ValidateObjectMetaUpdate` — name, namespace (and uid, when both carry one) are immutable. */
export function validateMetadataUpdate(oldMeta: DecodedMetadata, newMeta: DecodedMetadata): Issue[] {
  const issues: Issue[] = [];
  for (const key of ['name', 'namespace', 'uid'] as const) {
    if (key === 'uid' && (!oldMeta.uid || !newMeta.uid)) continue;
    if (oldMeta[key] !== newMeta[key]) {
      issues.push({
        code: 'V-27', severity: Severity.ERROR, field: `metadata.${key}`,
        message: `Invalid value: ${quote(newMeta[key])}: field is immutable`,
        ...(key === 'uid' ? {} : { hint: `a ${key} cannot change: delete the policy ${JSON.stringify(oldMeta.name)} and create it anew` }),
      });
    }
  }
  return issues;
}

/** Suggests the DNS-safe form of a bad name (`Allow_DB` -> `allow-db`), unless the issue has a hint. */
function withNameHint(issue: Issue, value: string): Issue {
  if (issue.hint !== undefined) return issue;
  const hint = issue.code === 'V-3' ? namespaceHint(value) : nameHint(value);
  return hint === undefined ? issue : { ...issue, hint };
}
