import { Analyzer, Cluster, Endpoint, FlowPort, Matrix } from '../analysis';
import { evaluateFlow } from '../analysis/explain';
import { matchingPeer, policyGoverns, policySelects } from '../analysis/semantics';
import { DecidingTier } from '../analysis/verdict';
import { Subject } from '../analysis/subject';
import { LabelSelector, PolicySpec, PolicyType, Protocol, Rule, SelectorPeer } from '../model';

// The allowed-traffic graph: workloads as nodes (grouped by namespace), one edge per ordered pair
// that may connect on at least one of the destination's ports, labelled with those ports.

/**
 * Ports evaluated on a destination for which neither its containers nor the policies name any:
 * HTTP and HTTPS, the ports such a workload most often serves.
 */
export const DEFAULT_GRAPH_PORTS: readonly FlowPort[] = Object.freeze([
  { port: 80, protocol: Protocol.TCP },
  { port: 443, protocol: Protocol.TCP },
]);

/** A workload of the graph (or an assumed pod, or an external address). */
export interface GraphNode {
  /** The analyzer's endpoint name: `namespace/name`, `namespace:labels` or `ip:<address>`. */
  readonly id: string;
  /** The namespace, or `EXTERNAL_GROUP` for an external address. */
  readonly namespace: string;
  readonly name: string;
  readonly kind: string;
  /** Some policy selects it for ingress (docs/semantics.md rule 2): only allowed sources get in. */
  readonly ingressIsolated: boolean;
  /** Some policy selects it for egress: only allowed destinations are reachable. */
  readonly egressIsolated: boolean;
  /** The ports evaluated when it is the destination (declared, then named by policies), e.g. `8080/TCP`. */
  readonly ports: string[];
  /** True when `ports` are the defaults because neither the workload nor the policies name any. */
  readonly defaultPorts: boolean;
}

/** Allowed traffic from one workload to another. */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  /** Allowed destination ports, e.g. `['8080/TCP']`, in the destination's port order. */
  readonly ports: string[];
  /**
   * Per port of `ports`, the tier of the ClusterNetworkPolicy Accept that let it through on one
   * side (`Admin`, else `Baseline`), or '' where NetworkPolicy (or no policy) decided both sides.
   * Undefined when no cluster policy decided any of them.
   */
  readonly clusterTiers?: string[];
}

/** Nodes in namespace order (sorted), then input order; edges in node order. */
export interface TrafficGraph {
  readonly namespaces: string[];
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  readonly policyCount: number;
}

/** Options of `buildTrafficGraph`. */
export interface TrafficGraphOptions {
  /** Ports to evaluate on every destination instead of its declared ones and the policies' ones. */
  readonly ports?: FlowPort[];
  /** Pods assumed by namespace and labels (`shop:app=web`), drawn as workloads. */
  readonly assumed?: string[];
  /** External IP addresses, drawn in an `external` group. */
  readonly externals?: string[];
}

/** The group of external addresses (not a namespace: a name no namespace can have). */
export const EXTERNAL_GROUP = '(external)';

/** The title of a group of nodes: `namespace shop`, or `external addresses`. */
export function groupTitle(group: string): string {
  return group === EXTERNAL_GROUP ? 'external addresses' : `namespace ${group}`;
}

const portText = (p: FlowPort) => `${p.port}/${p.protocol ?? Protocol.TCP}`;

/**
 * Numbered ports the policies name for traffic into a destination: in the ingress rules of
 * policies selecting it, and in egress rules whose peers match it (ranges by their two ends). A
 * flow the policies allow on a port no container declares (a metrics port) is then drawn too.
 * Rules are indexed once: a policy selects only pods of its own namespace (rule 2), and an egress
 * rule whose peers all lack a namespaceSelector matches only its own namespace (rule 16).
 */
function policyPortsIndex(cluster: Cluster): (to: Subject) => FlowPort[] {
  type Egress = { rule: Rule; ns: string; order: number };
  const byNamespace = new Map<string, Array<{ policy: PolicySpec; order: number }>>();
  const localEgress = new Map<string, Egress[]>();
  const globalEgress: Egress[] = [];
  const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => (m.has(k) ? m.get(k)!.push(v) : m.set(k, [v]));
  let order = 0;
  for (const policy of cluster.policies) {
    push(byNamespace, policy.namespace, { policy, order: order++ });
    if (!policyGoverns(policy, PolicyType.EGRESS)) continue;
    for (const rule of policy.egress) {
      const at = order++;
      if (rule.peers.length === 0 || rule.ports.length === 0) continue;
      const local = rule.peers.every((p) => p instanceof SelectorPeer && !p.namespaceSelector);
      if (local) push(localEgress, policy.namespace, { rule, ns: policy.namespace, order: at });
      else globalEgress.push({ rule, ns: policy.namespace, order: at });
    }
  }
  // The other egress rules by the namespaces their selector peers can match (rules 16, 17: a
  // namespaceSelector matches by the namespace's labels), so that a destination is asked only
  // about rules that may match it; a rule with an ipBlock peer may match any pod (rule 22).
  const labelsOf = new Map(cluster.namespaces.map((n) => [n.name, n.labels]));
  const matchedBy = new Map<string, string[]>();
  const namespacesOf = (selector: LabelSelector): string[] => {
    const key = JSON.stringify(selector.toJson());
    let names = matchedBy.get(key);
    if (!names) matchedBy.set(key, (names = [...labelsOf].filter(([, labels]) => selector.matches(labels as { [key: string]: string })).map(([n]) => n)));
    return names;
  };
  const anyNamespace: Egress[] = [];
  const byDestinationNamespace = new Map<string, Egress[]>();
  for (const e of globalEgress) {
    if (!e.rule.peers.every((p) => p instanceof SelectorPeer)) {
      anyNamespace.push(e);
      continue;
    }
    const names = new Set<string>();
    for (const p of e.rule.peers as SelectorPeer[]) {
      if (p.namespaceSelector) for (const n of namespacesOf(p.namespaceSelector)) names.add(n);
      else names.add(e.ns);
    }
    for (const n of names) push(byDestinationNamespace, n, e);
  }
  const candidates = (ns: string): Egress[] => (labelsOf.has(ns) ? [...(byDestinationNamespace.get(ns) ?? []), ...anyNamespace] : globalEgress);
  return (to) => {
    // In policy order: a selecting policy's ingress rules, then its matching egress rules.
    const found: Array<{ order: number; rules: Rule[] }> = [];
    for (const { policy, order: at } of byNamespace.get(to.namespace ?? '') ?? []) {
      if (policyGoverns(policy, PolicyType.INGRESS) && policySelects(policy, to)) found.push({ order: at, rules: policy.ingress });
    }
    for (const { rule, ns, order: at } of [...(localEgress.get(to.namespace ?? '') ?? []), ...candidates(to.namespace ?? '')]) {
      if (matchingPeer(rule, ns, to) !== undefined) found.push({ order: at, rules: [rule] });
    }
    const out: FlowPort[] = [];
    for (const { rules } of found.sort((a, b) => a.order - b.order)) {
      for (const rule of rules) {
        for (const p of rule.ports) {
          for (const n of [p.port, p.endPort]) if (n !== undefined) out.push({ port: n, protocol: p.protocol });
        }
      }
    }
    return out;
  };
}

/** The allowed-traffic graph of a cluster's workloads, computed with the analyzer's matrix. */
export function buildTrafficGraph(cluster: Cluster, options: TrafficGraphOptions = {}): TrafficGraph {
  const analyzer = Analyzer.of(cluster);
  const workloads = cluster.workloads.filter((w) => cluster.findWorkload(w.namespace, w.name) === w);
  const endpoints: Array<{ id: string; namespace: string; name: string; kind: string; subject: Subject; declared: FlowPort[] }> = [];
  for (const w of workloads) {
    const id = `${w.namespace}/${w.name}`;
    const declared = (w.containerPorts ?? []).map((c) => ({ port: c.port, protocol: c.protocol ?? Protocol.TCP }));
    endpoints.push({ id, namespace: w.namespace, name: w.name, kind: w.kind ?? 'Pod', subject: cluster._resolve(Endpoint.workload(w.namespace, w.name)), declared });
  }
  for (const text of options.assumed ?? []) {
    const e = Endpoint.parse(text);
    if (endpoints.some((x) => x.id === e.id)) continue;
    endpoints.push({ id: e.id, namespace: e.namespace!, name: e.id.slice(e.namespace!.length + 1), kind: 'assumed pod', subject: cluster._resolve(e), declared: [] });
  }
  for (const text of options.externals ?? []) {
    const e = Endpoint.ip(text);
    if (endpoints.some((x) => x.id === e.id)) continue;
    endpoints.push({ id: e.id, namespace: EXTERNAL_GROUP, name: e.address!, kind: 'External', subject: cluster._resolve(e), declared: [] });
  }
  const policyPorts = policyPortsIndex(cluster);
  const portsOf = new Map<string, { ports: FlowPort[]; dflt: boolean }>();
  for (const x of endpoints) {
    const found: FlowPort[] = [];
    for (const p of [...x.declared, ...(x.subject.isPod ? policyPorts(x.subject) : [])]) {
      if (!found.some((d) => portText(d) === portText(p))) found.push(p);
    }
    const chosen = options.ports && options.ports.length > 0 ? options.ports : found.length > 0 ? found : [...DEFAULT_GRAPH_PORTS];
    portsOf.set(x.id, { ports: chosen, dflt: !options.ports?.length && found.length === 0 });
  }
  const all: FlowPort[] = [];
  for (const { ports } of portsOf.values()) {
    for (const p of ports) if (!all.some((a) => portText(a) === portText(p))) all.push(p);
  }
  const matrix = all.length > 0 && endpoints.length > 0
    ? analyzer.matrix({ ports: all, externals: options.externals, assumed: options.assumed })
    : undefined;
  // Rule 2: isolated in a direction iff some policy selects it and governs that direction; a
  // policy selects only pods of its own namespace.
  const policiesIn = new Map<string, PolicySpec[]>();
  for (const p of cluster.policies) (policiesIn.get(p.namespace) ?? policiesIn.set(p.namespace, []).get(p.namespace)!).push(p);
  const isolated = (s: Subject, direction: PolicyType) => (policiesIn.get(s.namespace ?? '') ?? []).some((p) => policyGoverns(p, direction) && policySelects(p, s));
  const namespaces = [...new Set(endpoints.map((x) => x.namespace))].sort();
  const inNamespace = new Map<string, typeof endpoints>(namespaces.map((ns) => [ns, []]));
  for (const x of endpoints) inNamespace.get(x.namespace)!.push(x);
  const nodes: GraphNode[] = namespaces.flatMap((ns) => inNamespace.get(ns)!.map((x) => {
    const ports = portsOf.get(x.id)!;
    return {
      id: x.id, namespace: x.namespace, name: x.name, kind: x.kind,
      ingressIsolated: isolated(x.subject, PolicyType.INGRESS), egressIsolated: isolated(x.subject, PolicyType.EGRESS),
      ports: ports.ports.map(portText), defaultPorts: ports.dflt,
    };
  }));
  const found = matrix ? allowedEdges(nodes, portsOf, matrix) : [];
  const subjectOf = new Map(endpoints.map((x) => [x.id, x.subject]));
  const edges = cluster._tiers ? found.map((e) => withClusterTiers(e, cluster, subjectOf)) : found;
  return { namespaces, nodes, edges, policyCount: cluster.policies.length };
}

/**
 * An edge per ordered pair of nodes allowed on at least one of the destination's ports: asked of
 * the matrix per destination and port (`sourcesOf`), then listed in node order, from then to.
 */
function allowedEdges(nodes: GraphNode[], portsOf: Map<string, { ports: FlowPort[] }>, matrix: Matrix): GraphEdge[] {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  // The node of each matrix endpoint (endpoints sharing a name are one node).
  const nodeOf = matrix.endpoints.map((name) => index.get(name) ?? -1);
  // For each source, the allowed ports to each destination (by destination index).
  const out = nodes.map(() => new Map<number, string[]>());
  nodes.forEach((to, j) => {
    for (const p of portsOf.get(to.id)!.ports) {
      const text = portText(p);
      const from = new Set<number>();
      for (const e of matrix._sourceIndices(to.id, p.port, p.protocol)) from.add(nodeOf[e]);
      for (const i of from) {
        if (i < 0 || i === j) continue;
        const ports = out[i].get(j);
        if (ports) ports.push(text);
        else out[i].set(j, [text]);
      }
    }
  });
  const edges: GraphEdge[] = [];
  out.forEach((targets, i) => {
    for (const j of [...targets.keys()].sort((a, b) => a - b)) edges.push({ from: nodes[i].id, to: nodes[j].id, ports: targets.get(j)! });
  });
  return edges;
}

/**
 * The edge with `clusterTiers` when a ClusterNetworkPolicy Accept let some port through
 * (docs/cluster-network-policy.md rule 1: an Admin Accept decides before any NetworkPolicy, a
 * Baseline Accept only where none isolates the pod). A drawn edge is allowed, so the deciding
 * cluster rule of either side is an Accept.
 */
function withClusterTiers(edge: GraphEdge, cluster: Cluster, subjectOf: Map<string, Subject>): GraphEdge {
  const [from, to] = [subjectOf.get(edge.from)!, subjectOf.get(edge.to)!];
  const tiers = edge.ports.map((text) => {
    const [port, protocol] = text.split('/');
    const v = evaluateFlow(cluster.policies, from, to, Number(port), protocol as Protocol, cluster._tiers);
    const sides = [v.egress.decidedBy, v.ingress.decidedBy];
    return sides.includes(DecidingTier.ADMIN) ? DecidingTier.ADMIN : sides.includes(DecidingTier.BASELINE) ? DecidingTier.BASELINE : '';
  });
  return tiers.some((t) => t !== '') ? { ...edge, clusterTiers: tiers } : edge;
}

/**
 * Ports of an edge, short: `8080/TCP, 9090/TCP`, or `all 3 ports` when every evaluated port is
 * allowed. Ports a cluster policy Accept let through are grouped after its tier, plain ports
 * first: `Admin Accept: 80/TCP, 443/TCP`, `80/TCP, Baseline Accept: 443/TCP` (characters every
 * format writes as they are).
 */
export function edgeLabel(edge: GraphEdge, to: GraphNode | undefined): string {
  const all = to !== undefined && to.ports.length > 2 && edge.ports.length === to.ports.length;
  if (!edge.clusterTiers && !all) return edge.ports.join(', '); // the common case, one plain group
  const tiers = edge.clusterTiers ?? edge.ports.map(() => '');
  const groups = ['', DecidingTier.ADMIN, DecidingTier.BASELINE as string].flatMap((tier) => {
    const ports = edge.ports.filter((_p, i) => tiers[i] === tier);
    if (ports.length === 0) return [];
    const text = all && ports.length === edge.ports.length ? `all ${edge.ports.length} ports` : ports.join(', ');
    return [tier ? `${tier} Accept: ${text}` : text];
  });
  return groups.join(', ');
}
