import { GraphEdge, TrafficGraph, edgeLabel } from './traffic-graph';

// Fewer arrows for the picture: when every workload of a namespace reaches the same workload on
// the same ports (the usual DNS allow, a scraper reaching everything), one arrow from (or to) the
// namespace box stands for all of them. The matrix still lists every pair.

/** An arrow to draw: between workloads, or from/to a namespace box (`ns:<name>`). */
export interface DrawnEdge {
  readonly from: string;
  readonly to: string;
  readonly ports: string[];
  readonly label: string;
  /** How many workload-to-workload edges it stands for. */
  readonly count: number;
}

/** Smallest namespace whose members are folded into one arrow. */
const MIN_GROUP = 3;

/**
 * The edges to draw, with namespace-wide fan-in and fan-out folded. Deterministic: plain edges
 * in graph order, then fan-ins, then fan-outs, each by workload then namespace order. Edges are
 * grouped by (workload, other namespace) in one pass, so the cost is linear in the edges.
 */
export function aggregateEdges(g: TrafficGraph): DrawnEdge[] {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const size = new Map<string, number>();
  for (const n of g.nodes) size.set(n.namespace, (size.get(n.namespace) ?? 0) + 1);
  const nsOrder = new Map(g.namespaces.map((ns, i) => [ns, i]));
  const folded: DrawnEdge[] = [];
  const taken = new Set<GraphEdge>();
  for (const direction of ['in', 'out'] as const) {
    // The workload this direction folds at, and the namespace on the other side.
    const at = (e: GraphEdge) => (direction === 'in' ? e.to : e.from);
    const other = (e: GraphEdge) => byId.get(direction === 'in' ? e.from : e.to)!.namespace;
    const groups = new Map<string, Map<string, GraphEdge[]>>();
    for (const e of g.edges) {
      if (taken.has(e)) continue;
      const ns = other(e);
      if (ns === byId.get(at(e))!.namespace || size.get(ns)! < MIN_GROUP) continue;
      let mine = groups.get(at(e));
      if (!mine) groups.set(at(e), (mine = new Map()));
      const list = mine.get(ns);
      if (list) list.push(e);
      else mine.set(ns, [e]);
    }
    for (const node of g.nodes) {
      const mine = groups.get(node.id);
      if (!mine) continue;
      for (const ns of [...mine.keys()].sort((a, b) => nsOrder.get(a)! - nsOrder.get(b)!)) {
        const list = mine.get(ns)!;
        // Folded only when every edge reads the same: same ports, same cluster policy tiers.
        const same = (e: GraphEdge) => `${e.ports.join(',')}|${(e.clusterTiers ?? []).join(',')}`;
        if (list.length !== size.get(ns) || list.some((e) => same(e) !== same(list[0]))) continue;
        const label = `${direction === 'in' ? 'all of' : 'to all of'} ${ns}: ${edgeLabel(list[0], direction === 'in' ? node : undefined)}`;
        folded.push(direction === 'in'
          ? { from: `ns:${ns}`, to: node.id, ports: list[0].ports, label, count: list.length }
          : { from: node.id, to: `ns:${ns}`, ports: list[0].ports, label, count: list.length });
        for (const e of list) taken.add(e);
      }
    }
  }
  const plain = g.edges.filter((e) => !taken.has(e)).map((e) => ({ from: e.from, to: e.to, ports: e.ports, label: edgeLabel(e, byId.get(e.to)), count: 1 }));
  return [...plain, ...folded];
}
