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

/** The edges to draw, with namespace-wide fan-in and fan-out folded. Deterministic. */
export function aggregateEdges(g: TrafficGraph): DrawnEdge[] {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const members = new Map(g.namespaces.map((ns) => [ns, g.nodes.filter((n) => n.namespace === ns).map((n) => n.id)]));
  let rest: GraphEdge[] = [...g.edges];
  const folded: DrawnEdge[] = [];
  const key = (ports: string[]) => ports.join(',');
  for (const direction of ['in', 'out'] as const) {
    for (const node of g.nodes) {
      for (const [ns, ids] of members) {
        if (ns === node.namespace || ids.length < MIN_GROUP) continue;
        const mine = rest.filter((e) => (direction === 'in' ? e.to === node.id && ids.includes(e.from) : e.from === node.id && ids.includes(e.to)));
        if (mine.length !== ids.length || new Set(mine.map((e) => key(e.ports))).size !== 1) continue;
        const ports = mine[0].ports;
        const label = `${direction === 'in' ? 'all of' : 'to all of'} ${ns}: ${edgeLabel(mine[0], direction === 'in' ? node : undefined)}`;
        folded.push(direction === 'in'
          ? { from: `ns:${ns}`, to: node.id, ports, label, count: mine.length }
          : { from: node.id, to: `ns:${ns}`, ports, label, count: mine.length });
        rest = rest.filter((e) => !mine.includes(e));
      }
    }
  }
  const plain = rest.map((e) => ({ from: e.from, to: e.to, ports: e.ports, label: edgeLabel(e, byId.get(e.to)), count: 1 }));
  return [...plain, ...folded];
}
