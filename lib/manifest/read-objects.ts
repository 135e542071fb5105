import { CnpSpec } from '../dialects/cluster-network-policy/model';
import { CNP_API_VERSIONS, readClusterPolicy } from '../dialects/cluster-network-policy/read';
import { Issue, NAMESPACE_NAME_LABEL, PolicySpec, Severity } from '../model';
import { parseNetworkPolicy } from './parse-network-policy';
import { NamespaceInfo, ServiceInfo, WorkloadInfo } from './read-types';
import { isList, itemField, listItems } from './list-items';
import { readService } from './read-service';
import { WORKLOAD_KINDS, controllerOf, readWorkload } from './read-workload';
import { labelMapIssues, nameIssues, nameRuleOf, namespaceIssues } from './validate-object-meta';

// Kubernetes objects (plain JSON, already parsed from YAML) -> the analyzer's input. Never throws:
// every problem is an Issue naming the object (`Kind namespace/name`) and the field.

/** Options of `readObjects`. */
export interface ReadObjectsOptions {
  /**
   * Namespace assumed for namespaced objects without `metadata.namespace` (rule 38).
   * @default 'default'
   */
  readonly defaultNamespace?: string;
}

/** Everything `readObjects` found. */
export interface ReadObjectsResult {
  /** Declared namespaces, then implied ones (referenced but not declared), sorted by name. */
  readonly namespaces: NamespaceInfo[];
  /** Pods and workloads, in input order. */
  readonly workloads: WorkloadInfo[];
  /** NetworkPolicies, in input order. */
  readonly policies: PolicySpec[];
  /** Services, in input order (to resolve a ClusterIP to its pods). */
  readonly services: ServiceInfo[];
  /** ClusterNetworkPolicies and v1alpha1 Admin/BaselineAdminNetworkPolicies, in input order. @internal */
  readonly _clusterPolicies: CnpSpec[];
  readonly issues: Issue[];
}

/** What one object (or one `List` of objects) contributes. */
export interface ReadObjectResult {
  readonly namespaces: NamespaceInfo[];
  readonly workloads: WorkloadInfo[];
  readonly policies: PolicySpec[];
  readonly services: ServiceInfo[];
  /** @internal */
  readonly _clusterPolicies: CnpSpec[];
  readonly issues: Issue[];
  /** `Kind namespace/name` of workloads whose pods are described elsewhere (their controller). @internal */
  readonly _owners: Array<{ workload: string; owner: string }>;
}

type Json = { [key: string]: unknown };

/** apiVersions of the Kubernetes NetworkPolicy (extensions/v1beta1 before 1.16, same semantics). */
const K8S_NETWORK_POLICY_VERSIONS = ['networking.k8s.io/v1', 'extensions/v1beta1'];

/** Reads one object; a `List` (or `XxxList`) is read item by item. */
export function readObject(obj: unknown, opts: ReadObjectsOptions = {}): ReadObjectResult {
  const out = emptyResult();
  readInto(obj, opts, out, '');
  return out;
}

/**
 * `readObject` appending to `out` (from `emptyReadResult`), for a caller reading many objects: a
 * 110k-policy export would otherwise allocate seven arrays per object only to concatenate them.
 * @internal
 */
export function readObjectInto(obj: unknown, opts: ReadObjectsOptions, out: ReadObjectResult): void {
  readInto(obj, opts, out, '');
}

/** An empty result for `readObjectInto` to fill. @internal */
export function emptyReadResult(): ReadObjectResult {
  return emptyResult();
}

function readInto(obj: unknown, opts: ReadObjectsOptions, out: ReturnType<typeof emptyResult>, prefix: string): void {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    out.issues.push({ code: 'read-not-an-object', severity: Severity.ERROR, field: prefix || undefined, message: `expected a Kubernetes object, got ${obj === null ? 'null' : Array.isArray(obj) ? 'a list' : typeof obj}` });
    return;
  }
  const json = obj as Json;
  if (isList(json)) {
    // Items of typed lists take the list's kind; nested lists are read (to a bound) like the outer one.
    const issues: Issue[] = [];
    for (const item of listItems(json, issues)) readInto(item.json, opts, out, `${prefix}${itemField(item.path)}`);
    out.issues.push(...issues.map((i) => (prefix ? { ...i, field: `${prefix}.${i.field}` } : i)));
    return;
  }
  const kind = typeof json.kind === 'string' ? json.kind : '';
  const metadata = (json.metadata !== null && typeof json.metadata === 'object' ? json.metadata : {}) as Json;
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  const where = (i: Issue): Issue => (prefix ? { ...i, field: i.field ? `${prefix}.${i.field}` : prefix } : i);
  if (kind === 'Namespace') {
    const labels = stringMap(metadata.labels);
    const object = `Namespace ${name}`;
    const invalid = [...nameIssues(metadata.name, metadata.generateName, 'label'), ...labelMapIssues(labels, 'metadata.labels')];
    out.issues.push(...invalid.map((i) => where({ ...i, object })));
    if (invalid.length > 0) {
      // The API server would reject it: it is reported, never analyzed as something else.
      out.issues.push(where(notAnalyzed(object)));
      return;
    }
    out.namespaces.push({ name, labels });
    return;
  }
  const defaultNamespace = opts.defaultNamespace ?? 'default';
  const apiVersion = typeof json.apiVersion === 'string' ? json.apiVersion : undefined;
  if (kind === 'NetworkPolicy' && apiVersion !== undefined && !K8S_NETWORK_POLICY_VERSIONS.includes(apiVersion)) {
    // e.g. Calico's projectcalico.org/v3 NetworkPolicy: same kind, another dialect.
    out.issues.push(where({
      code: 'read-kind-ignored', severity: Severity.INFO,
      object: `NetworkPolicy ${typeof metadata.namespace === 'string' ? metadata.namespace + '/' : ''}${name}`,
      message: `apiVersion ${JSON.stringify(apiVersion)} is not a Kubernetes NetworkPolicy (networking.k8s.io/v1); ignored`,
    }));
    return;
  }
  if (kind === 'NetworkPolicy') {
    const parsed = parseNetworkPolicy(json, { defaultNamespace });
    for (const i of parsed.issues) out.issues.push(where(i));
    if (parsed.spec) out.policies.push(parsed.spec);
    return;
  }
  if (kind === 'Service') {
    out.services.push(readService(json, typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : defaultNamespace));
    return;
  }
  if (CNP_API_VERSIONS[kind] !== undefined && (apiVersion ?? '').startsWith('policy.networking.k8s.io/')) {
    const object = `${kind} ${name}`;
    if (apiVersion !== CNP_API_VERSIONS[kind]) {
      out.issues.push(where({ code: 'read-api-version', severity: Severity.ERROR, field: 'apiVersion', object, message: `Invalid value: ${JSON.stringify(apiVersion)}: ${kind} is served as ${CNP_API_VERSIONS[kind]}`, hint: `apiVersion: ${CNP_API_VERSIONS[kind]}` }));
      return;
    }
    const read = readClusterPolicy(json);
    out.issues.push(...read.issues.map((i) => where({ ...i, object })));
    if (read.spec) out._clusterPolicies.push(read.spec);
    return;
  }
  if (kind === 'Pod' || WORKLOAD_KINDS.includes(kind)) {
    const namespace = typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : defaultNamespace;
    const object = `${kind} ${namespace}/${name}`;
    if (namespace !== metadata.namespace) {
      out.issues.push(where({ code: 'read-namespace-assumed', severity: Severity.INFO, field: 'metadata.namespace', object, message: `no namespace: assuming "${namespace}"` }));
    }
    const { workload, issues } = readWorkload(kind, json, namespace);
    const invalid = [...nameIssues(metadata.name, metadata.generateName, nameRuleOf(kind)), ...namespaceIssues(metadata.namespace), ...issues.filter((i) => i.severity === Severity.ERROR)];
    out.issues.push(...[...invalid, ...issues.filter((i) => i.severity !== Severity.ERROR)].map((i) => where({ ...i, object })));
    if (invalid.length > 0) {
      out.issues.push(where(notAnalyzed(object)));
      return;
    }
    out.workloads.push(workload);
    const owner = controllerOf(json);
    if (owner) out._owners.push({ workload: `${kind} ${namespace}/${name}`, owner: ownerKey(owner, namespace, workload) });
    return;
  }
  out.issues.push(where({
    code: 'read-kind-ignored',
    severity: Severity.INFO,
    object: `${kind || '(no kind)'} ${typeof metadata.namespace === 'string' ? metadata.namespace + '/' : ''}${name}`,
    message: `kind ${JSON.stringify(kind)} does not take part in NetworkPolicy analysis; ignored`,
  }));
}

function emptyResult(): {
  namespaces: NamespaceInfo[]; workloads: WorkloadInfo[]; policies: PolicySpec[]; services: ServiceInfo[]; _clusterPolicies: CnpSpec[]; issues: Issue[];
  _owners: Array<{ workload: string; owner: string }>;
} {
  return { namespaces: [], workloads: [], policies: [], services: [], _clusterPolicies: [], issues: [], _owners: [] };
}

/**
 * A Pod controlled by a ReplicaSet `web-5d4f8c` that carries `pod-template-hash=5d4f8c` belongs
 * to the Deployment `web`, even when the ReplicaSet itself is not in the input.
 */
function ownerKey(owner: { kind: string; name: string }, namespace: string, w: WorkloadInfo): string {
  const hash = w.labels?.['pod-template-hash'];
  if (w.kind === 'Pod' && owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) {
    return `Deployment ${namespace}/${owner.name.slice(0, -hash.length - 1)}`;
  }
  return `${owner.kind} ${namespace}/${owner.name}`;
}

/**
 * Reads Kubernetes objects into namespaces, workloads and policies. When both a workload and
 * the pods it controls are present (e.g. a `kubectl get -o yaml` export), the pods (which carry
 * IPs) stand for it and the workload is dropped with an info Issue. Later objects with the same
 * `Kind namespace/name` replace earlier ones, as `kubectl apply` would.
 */
export function readObjects(objects: unknown[], opts: ReadObjectsOptions = {}): ReadObjectsResult {
  return mergeObjects(objects.map((obj) => readObject(obj, opts)));
}

/**
 * `readObjects` of objects already read one by one with `readObject` (in their order), for a
 * caller that needs each object's own findings too: each object is read once.
 * @internal
 */
export function mergeObjects(reads: ReadObjectResult[]): ReadObjectsResult {
  const all = emptyResult();
  // One by one, not push(...list): a single read of 110k objects would overflow the call stack.
  for (const one of reads) {
    for (const x of one.namespaces) all.namespaces.push(x);
    for (const x of one.workloads) all.workloads.push(x);
    for (const x of one.policies) all.policies.push(x);
    for (const x of one.services) all.services.push(x);
    for (const x of one._clusterPolicies) all._clusterPolicies.push(x);
    for (const x of one.issues) all.issues.push(x);
    for (const x of one._owners) all._owners.push(x);
  }
  const issues = [...all.issues];

  // Workloads whose pods are present are represented by those pods.
  const parent = new Map(all._owners.map((o) => [o.workload, o.owner]));
  const represented = new Set<string>();
  for (const w of all.workloads) {
    if (w.kind !== 'Pod') continue;
    let key = parent.get(`Pod ${w.namespace}/${w.name}`);
    for (let depth = 0; key && depth < 8; depth++, key = parent.get(key)) represented.add(key);
  }
  const workloads = new Map<string, WorkloadInfo>();
  for (const w of all.workloads) {
    const key = `${w.kind} ${w.namespace}/${w.name}`;
    if (represented.has(key)) {
      issues.push({ code: 'read-workload-represented', severity: Severity.INFO, object: key, message: 'its pods are in the input; they are analysed instead of the template' });
      continue;
    }
    if (workloads.has(key)) issues.push(duplicate(key));
    workloads.delete(key);
    workloads.set(key, w);
  }
  const policies = new Map<string, PolicySpec>();
  for (const p of all.policies) {
    const key = `NetworkPolicy ${p.namespace}/${p.name}`;
    if (policies.has(key)) issues.push(duplicate(key));
    policies.delete(key);
    policies.set(key, p);
  }

  // docs/semantics.md rule 20: a namespace referenced but not declared exists with its automatic
  // kubernetes.io/metadata.name label only (added by the analyzer).
  const namespaces = new Map<string, NamespaceInfo>();
  for (const ns of all.namespaces) {
    if (namespaces.has(ns.name)) issues.push(duplicate(`Namespace ${ns.name}`));
    namespaces.set(ns.name, ns);
  }
  const referenced = [...[...workloads.values()].map((w) => w.namespace), ...[...policies.values()].map((p) => p.namespace)];
  for (const name of [...new Set(referenced)].sort()) {
    if (namespaces.has(name)) continue;
    namespaces.set(name, { name, labels: { [NAMESPACE_NAME_LABEL]: name } });
    issues.push({
      code: 'read-namespace-implied', severity: Severity.INFO, object: `Namespace ${name}`,
      message: `namespace "${name}" is used but not declared; assuming it has only the label ${NAMESPACE_NAME_LABEL}=${name}`,
      hint: 'include the Namespace object if namespaceSelectors depend on its labels',
    });
  }
  return {
    namespaces: [...namespaces.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    workloads: [...workloads.values()],
    policies: [...policies.values()],
    services: all.services,
    _clusterPolicies: lastOfEachName(all._clusterPolicies, issues),
    issues,
  };
}

/** Cluster policies by `Kind/name`: a later one replaces an earlier one, as kubectl apply would. */
function lastOfEachName(list: CnpSpec[], issues: Issue[]): CnpSpec[] {
  const byId = new Map<string, CnpSpec>();
  for (const p of list) {
    if (byId.has(p.id)) issues.push(duplicate(p.id.replace('/', ' ')));
    byId.delete(p.id);
    byId.set(p.id, p);
  }
  return [...byId.values()];
}

function duplicate(key: string): Issue {
  return { code: 'read-duplicate', severity: Severity.WARNING, object: key, message: `${key} appears more than once; the last one is used, as kubectl apply would` };
}

/** Labels as read: every own key kept (`__proto__` too, so that validation reports it). */
function stringMap(v: unknown): { [key: string]: string } {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v as Json).map(([k, x]) => [k, String(x)]));
}

/** Says that an object the API server would reject is left out of the analysis. */
function notAnalyzed(object: string): Issue {
  return {
    code: 'read-object-invalid', severity: Severity.WARNING, object,
    message: 'the API server would reject this object (see the errors above), so it is left out of the analysis',
  };
}
