import { CNP_API_VERSIONS } from '../../dialects/cluster-network-policy/read';
import { ClusterPolicyInput, clusterObjectRef } from '../../import/cluster-policy-code';
import { CLUSTER_UNREPRESENTABLE_CODE, clusterPolicyProblems } from '../../import/cluster-policy-problems';
import { metadataNotCarried, prototypeKeys } from '../../import';
import { UNKNOWN_FIELD } from '../../manifest/validate-decode';
import { Issue, Severity } from '../../model';
import { SourcedObject } from '../../manifest/read-yaml';
import { Workspace, place } from '../workspace';

// `netpol import` for cluster policies (ClusterNetworkPolicy, AdminNetworkPolicy,
// BaselineAdminNetworkPolicy): their metadata, and what the constructs cannot write, as problems
// placed in their files; the inputs for the generator.

/** Whether the object is one of the cluster policy kinds of policy.networking.k8s.io. */
export function isClusterPolicyObject(obj: SourcedObject): boolean {
  return CNP_API_VERSIONS[obj.kind] !== undefined && /^policy\.networking\.k8s\.io\//.test(String(obj.json.apiVersion ?? ''));
}

/** The cluster policies read, with their metadata and source objects, and every problem found importing them. */
export function clusterImportInputs(ws: Workspace): { inputs: ClusterPolicyInput[]; problems: Issue[]; sources: Map<string, SourcedObject> } {
  const problems: Issue[] = [];
  const sources = new Map<string, SourcedObject>();
  const inputs: ClusterPolicyInput[] = [];
  for (const { spec } of ws.clusterPolicies) {
    // The object the reader kept: the last of that kind and name (as kubectl apply would).
    const obj = [...ws.objects].reverse().find((o) => o.kind === spec.source && isClusterPolicyObject(o) && metaName(o) === spec.name);
    if (!obj) continue;
    sources.set(clusterObjectRef(spec), obj);
    const meta = asObject(obj.json.metadata) ?? {};
    const map = (field: 'labels' | 'annotations') => {
      const m = meta[field];
      if (m === undefined || m === null) return {};
      const o = asObject(m);
      const bad = o ? Object.keys(o).find((k) => typeof o[k] !== 'string') : undefined;
      if (!o || bad !== undefined) {
        problems.push(place({
          code: CLUSTER_UNREPRESENTABLE_CODE, severity: Severity.ERROR, field: bad !== undefined ? `metadata.${field}.${bad}` : `metadata.${field}`,
          message: `Invalid value: ${bad !== undefined ? 'not a string' : 'not a map of strings'}: the API server stores ${field} as strings`,
        }, obj));
        return {};
      }
      return o as { [key: string]: string };
    };
    inputs.push({ spec, labels: map('labels'), annotations: map('annotations') });
    problems.push(...metadataNotCarried(obj.json).map((i) => place(i, obj)));
    problems.push(...prototypeKeys(obj.json).map((i) => place(i, obj)));
  }
  for (const i of clusterPolicyProblems(inputs)) {
    const obj = sources.get(i.object ?? '');
    problems.push(obj ? place(i, obj) : i);
  }
  return { inputs, problems, sources };
}

/**
 * Unknown fields of a cluster policy are errors for import, as for NetworkPolicy: the constructs
 * cannot write them (and a `ports` list in v1alpha2, pruned, would make the rule match every port).
 */
export function escalateUnknownClusterFields(i: Issue): Issue {
  const kind = (i.object ?? '').split(' ')[0];
  if (i.code !== UNKNOWN_FIELD || CNP_API_VERSIONS[kind] === undefined || i.severity === Severity.ERROR) return i;
  return { ...i, severity: Severity.ERROR, message: `${i.message}; the constructs cannot write it` };
}

function metaName(o: SourcedObject): string | undefined {
  const meta = asObject(o.json.metadata);
  if (!meta) return undefined;
  return typeof meta.name === 'string' && meta.name ? meta.name : typeof meta.generateName === 'string' ? meta.generateName : undefined;
}

function asObject(v: unknown): { [key: string]: unknown } | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as { [key: string]: unknown }) : undefined;
}
