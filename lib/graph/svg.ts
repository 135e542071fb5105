import { escapeControlChars } from '../model/untrusted-text';
import { DrawnEdge, aggregateEdges } from './aggregate';
import { foldNamespaces, summary } from './fold';
import { Obstacles, placeLabel } from './labels';
import { Box, NODE_H, edgePath, layoutGraph, textWidth } from './layout';
import { GraphNode, TrafficGraph, groupTitle } from './traffic-graph';

// The graph as inline SVG: workloads in namespace boxes, or (folded) one box per namespace.
// Edge labels are placed where they cover no box, title or other label (labels.ts).

/** Edges drawn up to this count get their port labels placed; beyond it, only namespace-wide ones. */
const LABELS_ALWAYS = 40;

/**
 * Text as HTML character data or a quoted attribute value (the page has no other context for
 * input-derived text: no inline script or style reads it). Control characters and bidi overrides
 * are shown escaped (`\x1b`, `\u202e`): HTML forbids most of them, and an override would reorder
 * what the reader sees.
 */
export function escapeHtml(s: string): string {
  if (PLAIN.test(s)) return s; // most names and ports: nothing to escape
  return escapeControlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
const esc = escapeHtml;
/** Text with none of the characters escapeHtml rewrites (UNSAFE_TEXT_CHARS and & < > " '). */
const PLAIN = /^[^\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069&<>"']*$/;

function isolation(n: GraphNode): { cls: string; text: string } {
  if (n.ingressIsolated && n.egressIsolated) return { cls: 'iso-both', text: 'isolated for ingress and egress' };
  if (n.ingressIsolated) return { cls: 'iso-in', text: 'isolated for ingress only: egress is open' };
  if (n.egressIsolated) return { cls: 'iso-out', text: 'isolated for egress only: ingress is open' };
  return { cls: 'iso-none', text: 'no policy selects it: all traffic allowed' };
}

const MARKERS = '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
  + '<path d="M0,0 L10,5 L0,10 z" fill="#4a6fa5"/></marker>'
  + '<marker id="arrow-hl" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
  + '<path d="M0,0 L10,5 L0,10 z" fill="#d9480f"/></marker></defs>';

const endName = (end: string) => (end.startsWith('ns:') ? `every workload of namespace ${end.slice(3)}` : end);

/**
 * The edges, labels placed: those `show` asks for (all, or namespace-wide ones) are shown where
 * they fit; the others show on hover (class `off`).
 */
function edgesSvg(drawn: DrawnEdge[], box: (end: string) => Box, obstacles: Obstacles, show: 'all' | 'groups' | 'none'): string[] {
  const out: string[] = ['<g class="edges">'];
  const curves = drawn.map((e) => edgePath(box(e.from), box(e.to)));
  // Namespace-wide arrows claim their spots first: they stand for the most connections.
  const order = drawn.map((_, i) => i).sort((a, b) => drawn[b].count - drawn[a].count || a - b);
  const spot = new Map<number, { x: number; y: number }>();
  for (const i of order) {
    if (show === 'none' || (show === 'groups' && drawn[i].count === 1)) continue;
    const at = placeLabel(drawn[i].label, curves[i], obstacles);
    if (at) spot.set(i, at);
  }
  drawn.forEach((e, i) => {
    const p = curves[i];
    const at = spot.get(i);
    out.push(`<g class="edge${e.count > 1 ? ' group' : ''}" data-from="${esc(e.from)}" data-to="${esc(e.to)}" data-count="${e.count}">`
      + `<title>${esc(`${endName(e.from)} -> ${endName(e.to)}: ${e.ports.join(', ')}`)}</title>`
      + `<path d="${p.d}" marker-end="url(#arrow)"/><text class="elabel${at ? '' : ' off'}" x="${at?.x ?? p.lx}" y="${at?.y ?? p.ly}">${esc(e.label)}</text></g>`);
  });
  out.push('</g>');
  return out;
}

function open(width: number, height: number, label: string): string {
  return `<svg id="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" `
    + `width="${Math.ceil(width)}" role="img" aria-label="${esc(label)}">${MARKERS}`;
}

/** Workloads in their namespace boxes. */
export function workloadSvg(g: TrafficGraph): string {
  const lay = layoutGraph(g);
  const drawn = aggregateEdges(g);
  const svg: string[] = [open(lay.width, lay.height, `${g.nodes.length} workloads, ${g.edges.length} allowed connections`)];
  const obstacles = new Obstacles(Math.ceil(lay.width), Math.ceil(lay.height));
  for (const ns of g.namespaces) {
    const b = lay.namespaces.get(ns)!;
    const title = groupTitle(ns);
    obstacles.add({ x: b.x + 10, y: b.y + 6, w: textWidth(title, 14, true) + 8, h: 22 });
    svg.push(`<g class="namespace" data-namespace="${esc(ns)}"><rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="10"/>`
      + `<text x="${b.x + 14}" y="${b.y + 22}">${esc(title)}</text></g>`);
  }
  for (const b of lay.nodes.values()) obstacles.add({ x: b.x - 2, y: b.y - 2, w: b.w + 4, h: b.h + 4 });
  const box = (end: string) => (end.startsWith('ns:') ? lay.namespaces.get(end.slice(3))! : lay.nodes.get(end)!);
  svg.push(...edgesSvg(drawn, box, obstacles, drawn.length <= LABELS_ALWAYS ? 'all' : 'groups'));
  svg.push('<g class="nodes">');
  for (const n of g.nodes) {
    const b = lay.nodes.get(n.id)!;
    const iso = isolation(n);
    svg.push(`<g class="node ${iso.cls}" data-id="${esc(n.id)}" tabindex="0"><title>${[`${n.kind} ${n.id}`, iso.text, `ports evaluated: ${n.ports.join(', ')}${n.defaultPorts ? ' (none declared: defaults)' : ''}`].map(esc).join('\n')}</title>`
      + `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="7"/>`
      + `<text x="${b.x + b.w / 2}" y="${b.y + NODE_H / 2 + 5}">${esc(n.name)}</text></g>`);
  }
  svg.push('</g></svg>');
  return svg.join('\n');
}

/** One box per namespace (folded), arrows between namespaces. */
export function foldedSvg(g: TrafficGraph): string {
  const f = foldNamespaces(g);
  const svg: string[] = [open(f.width, f.height, `${g.namespaces.length} namespaces (folded), ${g.nodes.length} workloads, ${g.edges.length} allowed connections`)];
  const obstacles = new Obstacles(Math.ceil(f.width), Math.ceil(f.height));
  for (const ns of f.namespaces) obstacles.add({ x: ns.box.x - 2, y: ns.box.y - 2, w: ns.box.w + 4, h: ns.box.h + 4 });
  const boxes = new Map(f.namespaces.map((ns) => [`ns:${ns.namespace}`, ns.box]));
  // Every folded arrow stands for many connections: past a few, their labels show on hover only.
  svg.push(...edgesSvg(f.edges, (end) => boxes.get(end)!, obstacles, f.edges.length <= LABELS_ALWAYS ? 'all' : 'none'));
  svg.push('<g class="nodes">');
  for (const ns of f.namespaces) {
    const b = ns.box;
    const open = ns.members.filter((n) => !n.ingressIsolated && !n.egressIsolated).length;
    const both = ns.members.filter((n) => n.ingressIsolated && n.egressIsolated).length;
    const cls = open > 0 ? 'iso-none' : both === ns.members.length ? 'iso-both' : 'iso-in';
    const title = [`namespace ${ns.namespace}: ${ns.members.length} workloads (${both} isolated both ways, ${open} with no policy)`,
      ...ns.members.slice(0, 30).map((n) => n.name), ...(ns.members.length > 30 ? [`... and ${ns.members.length - 30} more`] : [])];
    svg.push(`<g class="node nsnode ${cls}" data-id="${esc(`ns:${ns.namespace}`)}" tabindex="0"><title>${title.map(esc).join('\n')}</title>`
      + `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="9"/>`
      + `<text class="nstitle" x="${b.x + 14}" y="${b.y + 24}">${esc(groupTitle(ns.namespace))}</text>`
      + `<text class="nssum" x="${b.x + 14}" y="${b.y + 44}">${esc(summary(ns.members.length, ns.inside))}</text></g>`);
  }
  svg.push('</g></svg>');
  return svg.join('\n');
}
