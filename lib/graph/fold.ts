import { DrawnEdge } from './aggregate';
import { Box, textWidth } from './layout';
import { GraphNode, TrafficGraph, groupTitle } from './traffic-graph';

// Namespaces folded: past FOLD_ABOVE workloads the page draws one box per namespace and one
// arrow per pair of namespaces that have any allowed connection between their workloads. The
// page then lists each namespace's connections by workload instead of the full matrix.

/** Workloads beyond which the HTML page folds namespaces by default. */
export const FOLD_ABOVE = 200;

/** A namespace drawn as one box. */
export interface FoldedNamespace {
  readonly namespace: string;
  readonly members: GraphNode[];
  /** Allowed connections between its own workloads. */
  readonly inside: number;
  readonly box: Box;
}

const BOX_H = 58;
const GAP = 40;
const MAX_ROW_WIDTH = 1500;

/** The namespace boxes laid out in rows (hubs first, then by name), and the arrows between namespaces. */
export function foldNamespaces(g: TrafficGraph): { namespaces: FoldedNamespace[]; edges: DrawnEdge[]; width: number; height: number } {
  const nsOf = new Map(g.nodes.map((n) => [n.id, n.namespace]));
  const members = new Map(g.namespaces.map((ns) => [ns, [] as GraphNode[]]));
  for (const n of g.nodes) members.get(n.namespace)!.push(n);
  const inside = new Map<string, number>();
  const between = new Map<string, { from: string; to: string; ports: string[]; count: number }>();
  for (const e of g.edges) {
    const [a, b] = [nsOf.get(e.from)!, nsOf.get(e.to)!];
    if (a === b) {
      inside.set(a, (inside.get(a) ?? 0) + 1);
      continue;
    }
    const key = `${a}\n${b}`;
    let x = between.get(key);
    if (!x) between.set(key, (x = { from: `ns:${a}`, to: `ns:${b}`, ports: [], count: 0 }));
    x.count++;
    for (const p of e.ports) if (!x.ports.includes(p)) x.ports.push(p);
  }
  // Hubs first (DNS, monitoring, the ingress controller: namespaces with arrows to or from many
  // others), in the top rows, so that their many arrows run one way instead of criss-crossing.
  const degree = new Map<string, number>();
  for (const e of between.values()) for (const end of [e.from, e.to]) degree.set(end.slice(3), (degree.get(end.slice(3)) ?? 0) + 1);
  const isHub = (ns: string) => (degree.get(ns) ?? 0) > Math.max(4, g.namespaces.length / 10);
  const order = [...g.namespaces.filter(isHub), ...g.namespaces.filter((ns) => !isHub(ns))];
  const namespaces: FoldedNamespace[] = [];
  let x = GAP / 2;
  let y = GAP / 2;
  let width = 0;
  for (const ns of order) {
    const count = members.get(ns)!.length;
    const w = Math.ceil(Math.max(textWidth(groupTitle(ns), 14, true), textWidth(summary(count, inside.get(ns) ?? 0), 12)) + 28);
    if (x > GAP / 2 && x + w > MAX_ROW_WIDTH) {
      x = GAP / 2;
      y += BOX_H + GAP;
    }
    namespaces.push({ namespace: ns, members: members.get(ns)!, inside: inside.get(ns) ?? 0, box: { x, y, w, h: BOX_H } });
    x += w + GAP;
    width = Math.max(width, x - GAP / 2);
  }
  const edges = [...between.values()].map((e) => ({ ...e, label: e.ports.length > 3 ? `${e.ports.length} ports` : e.ports.join(', ') }));
  return { namespaces, edges, width: Math.max(width, 200), height: y + BOX_H + GAP / 2 };
}

/** The second line of a folded namespace's box. */
export function summary(workloads: number, inside: number): string {
  return `${workloads} workload${workloads === 1 ? '' : 's'}, ${inside} connection${inside === 1 ? '' : 's'} inside`;
}
