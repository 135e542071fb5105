import { TrafficGraph } from './traffic-graph';

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

/** Positions: each node's top-left corner and each namespace's box. */
export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly nodes: Map<string, Box>;
  readonly namespaces: Map<string, Box>;
}

/** Lays the graph out: columns per namespace about 1.6 x rows, so 20 workloads are 6 x 4. */
export function layoutGraph(g: TrafficGraph): Layout {
  const nodes = new Map<string, Box>();
  const namespaces = new Map<string, Box>();
  let x = BOX_GAP / 2;
  let y = BOX_GAP / 2;
  let rowHeight = 0;
  let width = 0;
  for (const ns of g.namespaces) {
    const members = g.nodes.filter((n) => n.namespace === ns);
    const cols = Math.max(1, Math.min(members.length, Math.ceil(Math.sqrt(members.length * 1.6))));
    const rows = Math.ceil(members.length / cols);
    // Wide enough for the title `namespace <name>` (about 8.5px a character at 14px).
    const w = Math.max(cols * NODE_W + (cols - 1) * GAP_X + 2 * PAD, Math.ceil(28 + `namespace ${ns}`.length * 8.5));
    const h = TITLE + rows * NODE_H + (rows - 1) * GAP_Y + 2 * PAD;
    if (x > BOX_GAP / 2 && x + w > MAX_ROW_WIDTH) {
      x = BOX_GAP / 2;
      y += rowHeight + BOX_GAP;
      rowHeight = 0;
    }
    namespaces.set(ns, { x, y, w, h });
    members.forEach((n, i) => {
      const c = i % cols;
      const r = Math.floor(i / cols);
      nodes.set(n.id, { x: x + PAD + c * (NODE_W + GAP_X), y: y + TITLE + PAD + r * (NODE_H + GAP_Y), w: NODE_W, h: NODE_H });
    });
    x += w + BOX_GAP;
    width = Math.max(width, x - BOX_GAP / 2);
    rowHeight = Math.max(rowHeight, h);
  }
  return { width: Math.max(width, 200), height: y + rowHeight + BOX_GAP / 2, nodes, namespaces };
}

/**
 * An edge as a quadratic curve between two boxes, bent to its left so the two directions of a
 * pair stay apart; it starts and ends on the boxes' borders. Returns the path and a label point.
 */
export function edgePath(a: Box, b: Box): { d: string; lx: number; ly: number } {
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
