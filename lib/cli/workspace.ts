import { Cluster } from '../analysis';
import { LintNamespace, LintPod, LintPolicy } from '../lint';
import { ReadObjectsOptions, readObject, readObjects } from '../manifest/read-objects';
import { SourcedObject, readYaml } from '../manifest/read-yaml';
import { Issue, PolicySpec } from '../model';
import { InputText } from './load-inputs';

/** Reader codes that mean an input (or part of it) could not be used at all. */
const UNUSABLE = new Set(['input-unreadable', 'read-binary', 'read-syntax', 'read-not-an-object', 'read-missing-kind', 'read-list-items']);

/** Everything read from the inputs, with each object's origin. */
export interface Workspace {
  readonly objects: SourcedObject[];
  /** Problems met while reading, each naming file, document, object, field and line where known. */
  readonly issues: Issue[];
  /** True when some input could not be read or parsed (exit code 2). */
  readonly unusable: boolean;
  /** Policies for lint, with their written JSON and source. */
  readonly policies: LintPolicy[];
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
    const read = readYaml(input.text, input.file);
    objects.push(...read.objects);
    issues.push(...read.issues);
  }
  // Per object, so each problem can be placed in its file; the merge step's own findings
  // (duplicates, implied namespaces) are the ones left over.
  const perObject: string[] = [];
  const sourceOf = new Map<string, { obj: SourcedObject; spec: PolicySpec }>();
  for (const obj of objects) {
    const one = readObject(obj.json, options);
    for (const i of one.issues) {
      perObject.push(JSON.stringify(i));
      issues.push(place(i, obj));
    }
    for (const spec of one.policies) sourceOf.set(`${spec.namespace}/${spec.name}`, { obj, spec });
  }
  const merged = readObjects(objects.map((o) => o.json), options);
  const leftover = [...perObject];
  const lastByRef = new Map<string, SourcedObject>();
  for (const o of objects) lastByRef.set(o.ref, o);
  for (const i of merged.issues) {
    const k = leftover.indexOf(JSON.stringify(i));
    if (k >= 0) leftover.splice(k, 1);
    else {
      // Merge findings (duplicates, workloads represented by their pods) name the object they
      // concern: place them on its last occurrence, the one kubectl apply would keep.
      const at = i.object ? lastByRef.get(i.object) : undefined;
      issues.push(at ? place(i, at) : i);
    }
  }
  const policies: LintPolicy[] = merged.policies.map((spec) => {
    const src = sourceOf.get(`${spec.namespace}/${spec.name}`);
    if (!src) return { spec };
    const o = src.obj;
    return { spec, json: o.json, source: { file: o.file, document: o.document, line: o.line, locate: o.locate } };
  });
  const declared = new Set(objects.filter((o) => o.kind === 'Namespace').map((o) => o.name ?? ''));
  const namespaces = merged.namespaces
    .filter((n) => declared.has(n.name))
    .map((n) => ({ name: n.name, labels: { ...(n.labels ?? {}) } }));
  const pods: LintPod[] = merged.workloads.map((w) => ({
    kind: w.kind ?? 'Pod',
    namespace: w.namespace,
    name: w.name,
    labels: { ...(w.labels ?? {}) },
    hostNetwork: w.hostNetwork,
    ip: w.ips?.[0],
    ports: w.containerPorts,
  }));
  const cluster = Cluster.of({ namespaces: merged.namespaces, workloads: merged.workloads, policies: merged.policies });
  return {
    objects,
    issues,
    unusable: issues.some((i) => UNUSABLE.has(i.code) && i.severity === 'error'),
    policies,
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
  return out;
}
