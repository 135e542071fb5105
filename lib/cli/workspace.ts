import { Cluster } from '../analysis';
import { LintClusterPolicy, LintNamespace, LintPod, LintPolicy, lintPodOf } from '../lint';
import { ReadObjectsOptions, emptyReadResult, mergeObjects, readObjectInto } from '../manifest/read-objects';
import { SourcedObject, readYaml } from '../manifest/read-yaml';
import { validateNetworkPolicyJson } from '../manifest/validate-network-policy';
import { editDistance } from '../lint/support/selectors';
import { Issue, PolicySpec, Severity } from '../model';
import { InputText } from './load-inputs';

/** Reader codes that mean an input (or part of it) could not be used at all. */
const UNUSABLE = new Set(['input-unreadable', 'input-too-large', 'read-binary', 'read-syntax', 'read-not-an-object', 'read-missing-kind', 'read-list-items', 'read-kind-misspelled', 'read-limit']);

/** Kinds that take part in the analysis (spelled as the API spells them). */
const KINDS = ['NetworkPolicy', 'Namespace', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob',
  'ClusterNetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy'];

/** Everything read from the inputs, with each object's origin. */
export interface Workspace {
  readonly objects: SourcedObject[];
  /** Problems met while reading, each naming file, document, object, field and line where known. */
  readonly issues: Issue[];
  /** True when some input could not be read or parsed (exit code 2). */
  readonly unusable: boolean;
  /**
   * What the API server's validation says of each NetworkPolicy read (placed in its file); the
   * errors are in `issues` too. Invalid policies are analyzed as written, never dropped.
   */
  readonly policyIssues: Issue[];
  /** Policies for lint, with their written JSON and source. */
  readonly policies: LintPolicy[];
  /** ClusterNetworkPolicies (and v1alpha1 ANP/BANP) for lint, with their source. */
  readonly clusterPolicies: LintClusterPolicy[];
  /** Declared Namespace objects. */
  readonly namespaces: LintNamespace[];
  /** Pods and workloads. */
  readonly pods: LintPod[];
  /** The analyzer's view of the inputs. */
  readonly cluster: Cluster;
}

/**
 * Reads every input into objects, policies, pods and namespaces; never throws. Objects without
 * `metadata.namespace` get `options.defaultNamespace` (default `default`, as kubectl would; rule 38).
 */
export function buildWorkspace(inputs: InputText[], inputIssues: Issue[] = [], options: ReadObjectsOptions = {}): Workspace {
  const issues: Issue[] = [...inputIssues];
  const objects: SourcedObject[] = [];
  for (const input of inputs) {
    const read = readYaml(input.text, input.file, { skipNonManifest: input.walked });
    for (const o of read.objects) objects.push(o);
    for (const i of read.issues) issues.push(i);
  }
  // Per object, so each problem can be placed in its file; the merge step's own findings
  // (duplicates, implied namespaces) are the ones left over. All objects are read into one result
  // (a 110k-policy export would otherwise allocate a result of seven arrays per object), each
  // object's findings, policies and cluster policies being what it appended.
  const read = emptyReadResult();
  const sourceOf = new Map<PolicySpec, SourcedObject>();
  const clusterSourceOf = new Map<string, SourcedObject>();
  const policyIssues: Issue[] = [];
  for (const obj of objects) {
    const meant = misspelledKind(obj.kind);
    if (meant) {
      issues.push(place({
        code: 'read-kind-misspelled', severity: Severity.ERROR, field: 'kind',
        message: `kind ${JSON.stringify(obj.kind)} is not a Kubernetes kind (kinds are case-sensitive): did you mean ${JSON.stringify(meant)}?`,
        hint: `kind: ${meant}`,
      }, obj));
      continue;
    }
    const issuesBefore = read.issues.length;
    const policiesBefore = read.policies.length;
    const clusterBefore = read._clusterPolicies.length;
    readObjectInto(obj.json, options, read);
    for (let k = issuesBefore; k < read.issues.length; k++) issues.push(place(read.issues[k], obj));
    for (let k = policiesBefore; k < read.policies.length; k++) sourceOf.set(read.policies[k], obj);
    if (obj.kind === 'NetworkPolicy') {
      // What is analyzed is validated, in every command, not only by `check`.
      const found = validateNetworkPolicyJson(obj.json);
      for (const i of found) {
        const placed = place(i, obj);
        policyIssues.push(placed);
        // Errors are reported by every command. The policy is still analyzed as written: leaving
        // it out would widen what the input allows (a deny-all with one bad label key would vanish).
        if (placed.severity === Severity.ERROR) issues.push(placed);
      }
    }
    for (let k = clusterBefore; k < read._clusterPolicies.length; k++) clusterSourceOf.set(read._clusterPolicies[k].id, obj);
  }
  const merged = mergeObjects([read]);
  // The merge's own findings follow the objects' own ones.
  let lastByRef: Map<string, SourcedObject> | undefined;
  for (let k = read.issues.length; k < merged.issues.length; k++) {
    const i = merged.issues[k];
    // Merge findings (duplicates, workloads represented by their pods) name the object they
    // concern: place them on its last occurrence, the one kubectl apply would keep.
    if (i.object && lastByRef === undefined) {
      lastByRef = new Map();
      for (const o of objects) lastByRef.set(o.ref, o);
    }
    const at = i.object ? lastByRef?.get(i.object) : undefined;
    issues.push(at ? place(escalate(i), at) : escalate(i));
  }
  // Merged policies are the very specs read (the last of each namespace/name). The object read
  // is their source as it is (file, document, item, line, locate): no copy per policy.
  const policies: LintPolicy[] = merged.policies.map((spec) => {
    const o = sourceOf.get(spec);
    return o ? { spec, json: o.json, source: o } : { spec };
  });
  const clusterPolicies: LintClusterPolicy[] = merged._clusterPolicies.map((spec) => {
    const o = clusterSourceOf.get(spec.id);
    return o ? { spec, source: { file: o.file, document: o.document, item: o.item, line: o.line, locate: o.locate } } : { spec };
  });
  const declared = new Set(objects.filter((o) => o.kind === 'Namespace').map((o) => o.name ?? ''));
  const namespaces = merged.namespaces
    .filter((n) => declared.has(n.name))
    .map((n) => ({ name: n.name, labels: { ...(n.labels ?? {}) } }));
  const pods: LintPod[] = merged.workloads.map(lintPodOf);
  const cluster = Cluster._of({ namespaces: merged.namespaces, workloads: merged.workloads, policies: merged.policies, services: merged.services }, merged._clusterPolicies);
  return {
    objects,
    issues,
    policyIssues,
    unusable: issues.some((i) => UNUSABLE.has(i.code) && i.severity === 'error'),
    policies,
    clusterPolicies,
    namespaces,
    pods,
    cluster,
  };
}

/** The issue, tagged with the object's file, document, name and the line of its field. */
export function place(issue: Issue, obj: SourcedObject): Issue {
  const line = issue.field !== undefined ? obj.locate(issue.field) ?? obj.line : obj.line;
  const out: { -readonly [K in keyof Issue]: Issue[K] } = { ...issue, file: obj.file, document: obj.document, object: issue.object ?? obj.ref };
  if (line !== undefined) out.line = line;
  if (out.hint !== undefined && obj.requote) out.hint = obj.requote(out.hint, issue.field);
  return out;
}

/** The kind a misspelled one (wrong case, or one or two typos) was meant to be. */
function misspelledKind(kind: string): string | undefined {
  if (!kind || KINDS.includes(kind) || kind.endsWith('List')) return undefined;
  return KINDS.find((k) => k.toLowerCase() === kind.toLowerCase() || (k.length >= 6 && editDistance(k.toLowerCase(), kind.toLowerCase()) <= 2));
}

/**
 * Two NetworkPolicies with one namespace/name: kubectl apply keeps the last and the first is lost
 * without a word, so it is an error here, not a warning.
 */
function escalate(i: Issue): Issue {
  if (i.code !== 'read-duplicate' || !i.object?.startsWith('NetworkPolicy ')) return i;
  return { ...i, severity: Severity.ERROR, hint: 'rename one of them: kubectl apply keeps only the last, so the other one silently disappears' };
}
