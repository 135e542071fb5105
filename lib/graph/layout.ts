import { GraphEdge, GraphNode, TrafficGraph, groupTitle } from './traffic-graph';

// A deterministic layout for the SVG: one box per namespace, its workloads on a grid inside, the
// boxes placed left to right and wrapped into rows. No external layout engine.

export const NODE_W = 168;
export const NODE_H = 40;
const GAP_X = 36;
const GAP_Y = 44;
const PAD = 22;
const TITLE = 30;
const BOX_GAP = 48;
const MAX_ROW_WIDTH = 1500;

export interface Box { readonly x: number; readonly y: number; readonly w: number; readonly h: number }

/** Widths of characters in em, of a wide sans-serif (DejaVu Sans, Chromium's default on Linux). */
const NARROW = /[ijl.,:;'|!()[\]{}\/\\ ]/;
const WIDE = /[mwMW@%]/;

/**
 * The width a text takes at `px` pixels, estimated on the wide side (DejaVu Sans; system fonts
 * are narrower) so that boxes fit their names and labels keep clear of each other.
 */
export function textWidth(s: string, px: number, bold = false): number {
  let em = 0;
  for (const c of s) em += NARROW.test(c) ? 0.36 : WIDE.test(c) ? 0.98 : c >= 'A' && c <= 'Z' ? 0.76 : c.charCodeAt(0) > 0x7f ? 1 : 0.64;
  return em * px * (bold ? 1.12 : 1);
}

/** Width of a workload box showing `name` whole (13px text, 12px padding each side). */
export function nodeWidth(name: string): number {
  return Math.max(NODE_W, Math.ceil(textWidth(name, 13) + 24));
}

/** Positions: each node's top-left corner and each namespace's box. */
export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly nodes: Map<string, Box>;
  readonly namespaces: Map<string, Box>;
}

/**
 * Lays the graph out: columns per namespace about 1.6 x rows (20 workloads: 6 columns), workloads
 * in layers so arrows inside a namespace mostly point down: servers at the bottom, their clients
 * above them; workloads with no connection inside the namespace last.
 */
export function layoutGraph(g: TrafficGraph): Layout {
  const nodes = new Map<string, Box>();
  const namespaces = new Map<string, Box>();
  let x = BOX_GAP / 2;
  let y = BOX_GAP / 2;
  let rowHeight = 0;
  let width = 0;
  const byNamespace = new Map(g.namespaces.map((ns) => [ns, [] as GraphNode[]]));
  for (const n of g.nodes) byNamespace.get(n.namespace)!.push(n);
  // Inside-namespace edges, grouped once.
  const nsOf = new Map(g.nodes.map((n) => [n.id, n.namespace]));
  const inside = new Map(g.namespaces.map((ns) => [ns, [] as GraphEdge[]]));
  for (const e of g.edges) if (nsOf.get(e.from) === nsOf.get(e.to)) inside.get(nsOf.get(e.from)!)!.push(e);
  for (const ns of g.namespaces) {
    const members = byNamespace.get(ns)!;
    const cols = Math.max(1, Math.min(members.length, Math.ceil(Math.sqrt(members.length * 1.6))));
    // One width for the namespace's boxes: the widest name shown whole.
    const nodeW = Math.max(NODE_W, ...members.map((n) => nodeWidth(n.name)));
    const grid = layeredRows(members.map((n) => n.id), inside.get(ns)!, cols);
    const rows = grid.length;
    // Wide enough for the title `namespace <name>` (14px, bold).
    const w = Math.max(cols * nodeW + (cols - 1) * GAP_X + 2 * PAD, Math.ceil(28 + textWidth(groupTitle(ns), 14, true)));
    const h = TITLE + rows * NODE_H + (rows - 1) * GAP_Y + 2 * PAD;
    if (x > BOX_GAP / 2 && x + w > MAX_ROW_WIDTH) {
      x = BOX_GAP / 2;
      y += rowHeight + BOX_GAP;
      rowHeight = 0;
    }
    namespaces.set(ns, { x, y, w, h });
    grid.forEach((row, r) => row.forEach((id, c) => {
      // Short rows are centred.
      const shift = (w - 2 * PAD - (row.length * nodeW + (row.length - 1) * GAP_X)) / 2;
      nodes.set(id, { x: x + PAD + shift + c * (nodeW + GAP_X), y: y + TITLE + PAD + r * (NODE_H + GAP_Y), w: nodeW, h: NODE_H });
    }));
    x += w + BOX_GAP;
    width = Math.max(width, x - BOX_GAP / 2);
    rowHeight = Math.max(rowHeight, h);
  }
  return { width: Math.max(width, 200), height: y + rowHeight + BOX_GAP / 2, nodes, namespaces };
}

/** A drawn edge: its SVG path, the middle of the curve, and its start, control and end points. */
export interface EdgeCurve {
  readonly d: string;
  readonly lx: number;
  readonly ly: number;
  readonly points: [number, number, number, number, number, number];
}

/**
 * An edge as a quadratic curve between two boxes, bent to its left so the two directions of a
 * pair stay apart; it starts and ends on the boxes' borders. Returns the path and a label point.
 */
export function edgePath(a: Box, b: Box): EdgeCurve {
  const ax = a.x + a.w / 2;
  const ay = a.y + a.h / 2;
  const bx = b.x + b.w / 2;
  const by = b.y + b.h / 2;
  const dx = bx - ax;
  const dy = by - ay;
  const len = Math.max(1, Math.hypot(dx, dy));
  const bend = Math.min(60, 0.18 * len);
  const cx = (ax + bx) / 2 - (dy / len) * bend;
  const cy = (ay + by) / 2 + (dx / len) * bend;
  const [sx, sy] = border(a, cx, cy);
  const [ex, ey] = border(b, cx, cy);
  const r = (v: number) => Math.round(v * 10) / 10;
  return {
    d: `M${r(sx)},${r(sy)} Q${r(cx)},${r(cy)} ${r(ex)},${r(ey)}`,
    lx: r(0.25 * sx + 0.5 * cx + 0.25 * ex),
    ly: r(0.25 * sy + 0.5 * cy + 0.25 * ey),
    points: [sx, sy, cx, cy, ex, ey],
  };
}

/** Where the segment from the box's centre towards (px, py) leaves the box. */
function border(b: Box, px: number, py: number): [number, number] {
  const cx = b.x + b.w / 2;
  const cy = b.y + b.h / 2;
  const dx = px - cx;
  const dy = py - cy;
  if (dx === 0 && dy === 0) return [cx, cy];
  const t = Math.min(dx !== 0 ? (b.w / 2) / Math.abs(dx) : Infinity, dy !== 0 ? (b.h / 2 + 3) / Math.abs(dy) : Infinity);
  return [cx + dx * t, cy + dy * t];
}

/**
 * Rows of at most `cols` workloads: layer k holds workloads whose longest chain of connections
 * inside the namespace (cycles broken in input order) ends k steps later, drawn top to bottom
 * from the longest chains; within a layer, workloads sit near the average column of what they
 * connect to in the rows below.
 */
function layeredRows(ids: string[], edges: GraphEdge[], cols: number): string[][] {
  const inside = new Set(ids);
  const out = new Map(ids.map((id) => [id, [] as string[]]));
  for (const e of edges) if (inside.has(e.from) && inside.has(e.to)) out.get(e.from)!.push(e.to);
  const connected = new Set(edges.filter((e) => inside.has(e.from) && inside.has(e.to)).flatMap((e) => [e.from, e.to]));
  // Height above the sinks, on the graph without back edges (DFS in input order).
  const height = new Map<string, number>();
  const onStack = new Set<string>();
  const visit = (id: string): number => {
    if (height.has(id)) return height.get(id)!;
    onStack.add(id);
    let h = 0;
    for (const next of out.get(id)!) if (!onStack.has(next)) h = Math.max(h, visit(next) + 1);
    onStack.delete(id);
    height.set(id, h);
    return h;
  };
  ids.forEach(visit);
  const layers: string[][] = [];
  const top = Math.max(0, ...ids.filter((id) => connected.has(id)).map((id) => height.get(id)!));
  for (let h = top; h >= 0; h--) {
    const layer = ids.filter((id) => connected.has(id) && height.get(id) === h);
    if (layer.length > 0) layers.push(layer);
  }
  const loose = ids.filter((id) => !connected.has(id));
  // Order each layer by where its targets sit (bottom-up), stable for ties.
  const column = new Map<string, number>();
  const rows: string[][] = [];
  for (let k = layers.length - 1; k >= 0; k--) {
    const layer = layers[k];
    const weight = (id: string) => {
      const cs = out.get(id)!.map((t) => column.get(t)).filter((c): c is number => c !== undefined);
      return cs.length > 0 ? cs.reduce((a, b) => a + b, 0) / cs.length : Infinity;
    };
    const ordered = layer.map((id, i) => ({ id, i, w: weight(id) })).sort((a, b) => (a.w - b.w) || (a.i - b.i)).map((x) => x.id);
    const chunks: string[][] = [];
    for (let i = 0; i < ordered.length; i += cols) chunks.push(ordered.slice(i, i + cols));
    chunks.forEach((row) => row.forEach((id, c) => column.set(id, c + (cols - row.length) / 2)));
    rows.unshift(...chunks);
  }
  for (let i = 0; i < loose.length; i += cols) rows.push(loose.slice(i, i + cols));
  return rows.length > 0 ? rows : [[]];
}
