// What "the same ClusterNetworkPolicy" means for an imported cluster policy, and the v1alpha1 ->
// v1alpha2 conversion `netpol import` states, restated from docs/cluster-network-policy.md
// independently of lib/import: nothing else is forgiven.

type J = { [k: string]: any };

const BOOKKEEPING = 'kubectl.kubernetes.io/last-applied-configuration';

function selector(s: J | null | undefined): J {
  const out: J = {};
  if (s?.matchLabels && Object.keys(s.matchLabels).length > 0) out.matchLabels = s.matchLabels;
  if (s?.matchExpressions && s.matchExpressions.length > 0) out.matchExpressions = s.matchExpressions;
  return out;
}

/** CNP rule 7: an omitted namespaceSelector of a `pods` entry is every namespace, as `{}` is. */
function podSet(p: J): J {
  if (p.namespaces) return { namespaces: selector(p.namespaces) };
  return { pods: { namespaceSelector: selector(p.pods.namespaceSelector), podSelector: selector(p.pods.podSelector) } };
}

function peer(p: J): J {
  if (p.namespaces || p.pods) return podSet(p);
  if (p.nodes) return { nodes: selector(p.nodes) };
  return p;
}

function rule(r: J, key: 'from' | 'to'): J {
  return {
    action: r.action,
    ...(r.name ? { name: r.name } : {}),
    [key]: r[key].map(peer),
    ...(r.protocols ? { protocols: r.protocols } : {}),
  };
}

/** The normalized v1alpha2 object: apiVersion, kind, name, labels, annotations (no kubectl bookkeeping) and spec. */
export function normalizeClusterPolicy(o: J): J {
  const spec = o.spec ?? {};
  const annotations = Object.fromEntries(Object.entries(o.metadata?.annotations ?? {}).filter(([k]) => k !== BOOKKEEPING));
  return sortKeys({
    apiVersion: o.apiVersion,
    kind: o.kind,
    name: o.metadata?.name,
    namespace: o.metadata?.namespace,
    labels: o.metadata?.labels ?? {},
    annotations,
    spec: {
      tier: spec.tier,
      priority: spec.priority,
      subject: podSet(spec.subject),
      ingress: (spec.ingress ?? []).map((r: J) => rule(r, 'from')),
      egress: (spec.egress ?? []).map((r: J) => rule(r, 'to')),
    },
  });
}

/** v1alpha1 `ports` entry -> v1alpha2 `protocols` entry (protocol defaults to TCP). */
function protocolOf(p: J): J {
  if (p.namedPort !== undefined) return { destinationNamedPort: p.namedPort };
  if (p.portNumber) return { [(p.portNumber.protocol ?? 'TCP').toLowerCase()]: { destinationPort: { number: p.portNumber.port } } };
  return { [(p.portRange.protocol ?? 'TCP').toLowerCase()]: { destinationPort: { range: { start: p.portRange.start, end: p.portRange.end } } } };
}

/**
 * The conversion the import states for v1alpha1 objects: ClusterNetworkPolicy v1alpha2, tier
 * Admin (ANP, priority kept) or Baseline (BANP, priority 0, named `baseline-default`), Allow ->
 * Accept, ports -> protocols. A v1alpha2 object is returned as it is.
 */
export function asV1alpha2(o: J): J {
  if (o.kind === 'ClusterNetworkPolicy') return o;
  const baseline = o.kind === 'BaselineAdminNetworkPolicy';
  const rules = (list: J[] | undefined) => list?.map((r) => {
    const { ports, ...rest } = r;
    return { ...rest, action: r.action === 'Allow' ? 'Accept' : r.action, ...(ports ? { protocols: ports.map(protocolOf) } : {}) };
  });
  return {
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    kind: 'ClusterNetworkPolicy',
    metadata: { ...o.metadata, name: baseline ? 'baseline-default' : o.metadata.name },
    spec: {
      tier: baseline ? 'Baseline' : 'Admin',
      priority: baseline ? 0 : o.spec.priority,
      subject: o.spec.subject,
      ...(o.spec.ingress ? { ingress: rules(o.spec.ingress) } : {}),
      ...(o.spec.egress ? { egress: rules(o.spec.egress) } : {}),
    },
  };
}

function sortKeys(v: any): any {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}
