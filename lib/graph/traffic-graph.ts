import { Analyzer, Cluster, FlowPort } from '../analysis';
import { Protocol } from '../model';

// The allowed-traffic graph: workloads as nodes (grouped by namespace), one edge per ordered pair
// that may connect on at least one of the destination's ports, labelled with those ports.

/**
 * Ports evaluated on a destination that declares no container port: HTTP and HTTPS, the ports a
 * workload without declared ports most often serves. Declared ports are used when there are any.
 */
export const DEFAULT_GRAPH_PORTS: readonly FlowPort[] = Object.freeze([
  { port: 80, protocol: Protocol.TCP },
  { port: 443, protocol: Protocol.TCP },
]);

/** A workload of the graph. */
export interface GraphNode {
  /** `namespace/name`, the analyzer's endpoint name. */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly kind: string;
  /** Some policy selects it for ingress (SEMANTICS.md rule 2): only allowed sources get in. */
  readonly ingressIsolated: boolean;
  /** Some policy selects it for egress: only allowed destinations are reachable. */
  readonly egressIsolated: boolean;
  /** The ports evaluated when it is the destination, e.g. `8080/TCP`. */
  readonly ports: string[];
  /** True when `ports` are the defaults because the workload declares none. */
  readonly defaultPorts: boolean;
}

/** Allowed traffic from one workload to another. */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  /** Allowed destination ports, e.g. `['8080/TCP']`, in the destination's port order. */
  readonly ports: string[];
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
  /** Ports to evaluate on every destination instead of its declared ones. */
  readonly ports?: FlowPort[];
}

const portText = (p: FlowPort) => `${p.port}/${p.protocol ?? Protocol.TCP}`;

/** The allowed-traffic graph of a cluster's workloads, computed with the analyzer's matrix. */
export function buildTrafficGraph(cluster: Cluster, options: TrafficGraphOptions = {}): TrafficGraph {
  const workloads = cluster.workloads.filter((w) => cluster.findWorkload(w.namespace, w.name) === w);
  const portsOf = new Map<string, { ports: FlowPort[]; dflt: boolean }>();
  for (const w of workloads) {
    const declared: FlowPort[] = [];
    for (const c of w.containerPorts ?? []) {
      const p = { port: c.port, protocol: c.protocol ?? Protocol.TCP };
      if (!declared.some((d) => portText(d) === portText(p))) declared.push(p);
    }
    const chosen = options.ports && options.ports.length > 0 ? options.ports : declared.length > 0 ? declared : [...DEFAULT_GRAPH_PORTS];
    portsOf.set(`${w.namespace}/${w.name}`, { ports: chosen, dflt: !options.ports?.length && declared.length === 0 });
  }
  const all: FlowPort[] = [];
  for (const { ports } of portsOf.values()) {
    for (const p of ports) if (!all.some((a) => portText(a) === portText(p))) all.push(p);
  }
  const matrix = all.length > 0 ? Analyzer.of(cluster).matrix({ ports: all }) : undefined;
  const isolated = (w: typeof workloads[number], ingress: boolean) => !w.hostNetwork && cluster.policies.some((p) =>
    p.namespace === w.namespace && (ingress ? p.isolatesIngress : p.isolatesEgress) && p.podSelector.matches(w.labels ?? {}));
  const namespaces = [...new Set(workloads.map((w) => w.namespace))].sort();
  const nodes: GraphNode[] = namespaces.flatMap((ns) => workloads.filter((w) => w.namespace === ns).map((w) => {
    const id = `${w.namespace}/${w.name}`;
    const ports = portsOf.get(id)!;
    return {
      id, namespace: w.namespace, name: w.name, kind: w.kind ?? 'Pod',
      ingressIsolated: isolated(w, true), egressIsolated: isolated(w, false),
      ports: ports.ports.map(portText), defaultPorts: ports.dflt,
    };
  }));
  const edges: GraphEdge[] = [];
  for (const from of nodes) {
    for (const to of nodes) {
      if (from === to || !matrix) continue;
      const ok = portsOf.get(to.id)!.ports.filter((p) => matrix.isAllowed(from.id, to.id, p.port, p.protocol));
      if (ok.length > 0) edges.push({ from: from.id, to: to.id, ports: ok.map(portText) });
    }
  }
  return { namespaces, nodes, edges, policyCount: cluster.policies.length };
}

/** Ports of an edge, short: `8080/TCP, 9090/TCP`, or `all 3 ports` when every evaluated port is allowed. */
export function edgeLabel(edge: GraphEdge, to: GraphNode | undefined): string {
  if (to && to.ports.length > 2 && edge.ports.length === to.ports.length) return `all ${to.ports.length} ports`;
  return edge.ports.join(', ');
}
