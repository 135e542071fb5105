import { Box, EdgeCurve, textWidth } from './layout';

// Where edge labels go: each label is tried at points along its curve and beside it, and takes
// the first spot that overlaps no workload box, no namespace title and no label placed before
// it. A label with no free spot is not shown by default (its arrow's hover and tooltip still
// tell the ports). Obstacles sit in a grid of cells so that placing stays fast at any size.

/** Label font size in pixels (the page's `.elabel` style). */
export const LABEL_PX = 11;
const CELL = 120;
/** Along the curve, middle first. */
const ALONG = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.15, 0.85];
/** Beside the curve, in pixels along its normal. */
const BESIDE = [0, -13, 13, -26, 26];

/** The box a label drawn at (x, y) covers: centred text, baseline at y, with its white halo. */
export function labelBox(text: string, x: number, y: number): Box {
  const w = textWidth(text, LABEL_PX) + 6;
  return { x: x - w / 2, y: y - LABEL_PX - 2, w, h: LABEL_PX + 7 };
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Obstacles by grid cell. */
export class Obstacles {
  private readonly cells = new Map<string, Box[]>();

  /** `width` and `height`: the drawing; a label must stay inside it. */
  public constructor(private readonly width: number, private readonly height: number) {}

  public add(b: Box): void {
    this.each(b, (key) => {
      const list = this.cells.get(key);
      if (list) list.push(b);
      else this.cells.set(key, [b]);
    });
  }

  public hits(b: Box): boolean {
    if (b.x < 0 || b.y < 0 || b.x + b.w > this.width || b.y + b.h > this.height) return true;
    let hit = false;
    this.each(b, (key) => {
      if (!hit) hit = (this.cells.get(key) ?? []).some((o) => overlaps(o, b));
    });
    return hit;
  }

  private each(b: Box, f: (key: string) => void): void {
    for (let i = Math.floor(b.x / CELL); i <= Math.floor((b.x + b.w) / CELL); i++) {
      for (let j = Math.floor(b.y / CELL); j <= Math.floor((b.y + b.h) / CELL); j++) f(`${i},${j}`);
    }
  }
}

/**
 * A free spot for a label on `curve` (baseline point of centred text), or undefined. A placed
 * label becomes an obstacle for the next ones.
 */
export function placeLabel(text: string, curve: EdgeCurve, obstacles: Obstacles): { x: number; y: number } | undefined {
  const [sx, sy, cx, cy, ex, ey] = curve.points;
  for (const t of ALONG) {
    const u = 1 - t;
    const px = u * u * sx + 2 * u * t * cx + t * t * ex;
    const py = u * u * sy + 2 * u * t * cy + t * t * ey;
    // The curve's normal at t.
    const dx = 2 * u * (cx - sx) + 2 * t * (ex - cx);
    const dy = 2 * u * (cy - sy) + 2 * t * (ey - cy);
    const len = Math.hypot(dx, dy) || 1;
    for (const off of BESIDE) {
      const x = Math.round((px - (dy / len) * off) * 10) / 10;
      // Text sits above its baseline: centre the box on the point.
      const y = Math.round((py + (dx / len) * off + LABEL_PX / 2 - 1) * 10) / 10;
      const box = labelBox(text, x, y);
      if (!obstacles.hits(box)) {
        obstacles.add(box);
        return { x, y };
      }
    }
  }
  return undefined;
}
