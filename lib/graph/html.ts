import { Issue } from '../model';
import { escapeControlChars } from '../model/untrusted-text';
import { NODE_H, edgePath, layoutGraph } from './layout';
import { aggregateEdges } from './aggregate';
import { GraphNode, TrafficGraph, groupTitle } from './traffic-graph';

// One self-contained HTML page: the graph as inline SVG laid out here, the reachability matrix
// and the lint findings. No script, style sheet, font or image is fetched from anywhere.

/** Options of `formatGraphHtml`. */
export interface GraphHtmlOptions {
  /** Page title. @default 'NetworkPolicy traffic graph' */
  readonly title?: string;
  /** Lint findings to list. @default - none */
  readonly issues?: Issue[];
  /** A line under the title, e.g. the inputs and the tool version. */
  readonly subtitle?: string;
}

/** Edges drawn with their port labels always visible up to this count; beyond it, on hover. */
const LABELS_ALWAYS = 40;

/**
 * Text as HTML character data or a quoted attribute value (the page has no other context for
 * input-derived text: no inline script or style reads it). Control characters and bidi overrides
 * are shown escaped (`\x1b`, `\u202e`): HTML forbids most of them, and an override would reorder
 * what the reader sees.
 */
export function escapeHtml(s: string): string {
  return escapeControlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
const esc = escapeHtml;

function isolation(n: GraphNode): { cls: string; text: string } {
  if (n.ingressIsolated && n.egressIsolated) return { cls: 'iso-both', text: 'isolated for ingress and egress' };
  if (n.ingressIsolated) return { cls: 'iso-in', text: 'isolated for ingress only: egress is open' };
  if (n.egressIsolated) return { cls: 'iso-out', text: 'isolated for egress only: ingress is open' };
  return { cls: 'iso-none', text: 'no policy selects it: all traffic allowed' };
}

/** The graph page. */
export function formatGraphHtml(g: TrafficGraph, options: GraphHtmlOptions = {}): string {
  const title = options.title ?? 'NetworkPolicy traffic graph';
  const issues = options.issues ?? [];
  const lay = layoutGraph(g);
  const drawn = aggregateEdges(g);
  const svg: string[] = [];
  svg.push(`<svg id="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${Math.ceil(lay.width)} ${Math.ceil(lay.height)}" `
    + `width="${Math.ceil(lay.width)}" role="img" aria-label="${esc(`${g.nodes.length} workloads, ${g.edges.length} allowed connections`)}"`
    + `${drawn.length > LABELS_ALWAYS ? ' class="many"' : ''}>`);
  svg.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
    + '<path d="M0,0 L10,5 L0,10 z" fill="#4a6fa5"/></marker>'
    + '<marker id="arrow-hl" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
    + '<path d="M0,0 L10,5 L0,10 z" fill="#d9480f"/></marker></defs>');
  for (const ns of g.namespaces) {
    const b = lay.namespaces.get(ns)!;
    svg.push(`<g class="namespace" data-namespace="${esc(ns)}"><rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="10"/>`
      + `<text x="${b.x + 14}" y="${b.y + 22}">${esc(groupTitle(ns))}</text></g>`);
  }
  svg.push('<g class="edges">');
  const box = (end: string) => (end.startsWith('ns:') ? lay.namespaces.get(end.slice(3))! : lay.nodes.get(end)!);
  const endName = (end: string) => (end.startsWith('ns:') ? `every workload of namespace ${end.slice(3)}` : end);
  for (const e of drawn) {
    const p = edgePath(box(e.from), box(e.to));
    svg.push(`<g class="edge${e.count > 1 ? ' group' : ''}" data-from="${esc(e.from)}" data-to="${esc(e.to)}" data-count="${e.count}">`
      + `<title>${esc(`${endName(e.from)} -> ${endName(e.to)}: ${e.ports.join(', ')}`)}</title>`
      + `<path d="${p.d}" marker-end="url(#arrow)"/><text class="elabel" x="${p.lx}" y="${p.ly}">${esc(e.label)}</text></g>`);
  }
  svg.push('</g><g class="nodes">');
  for (const n of g.nodes) {
    const b = lay.nodes.get(n.id)!;
    const iso = isolation(n);
    const name = n.name.length > 22 ? `${n.name.slice(0, 21)}…` : n.name;
    svg.push(`<g class="node ${iso.cls}" data-id="${esc(n.id)}" tabindex="0"><title>${[`${n.kind} ${n.id}`, iso.text, `ports evaluated: ${n.ports.join(', ')}${n.defaultPorts ? ' (none declared: defaults)' : ''}`].map(esc).join('\n')}</title>`
      + `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="7"/>`
      + `<text x="${b.x + b.w / 2}" y="${b.y + NODE_H / 2 + 5}">${esc(name)}</text></g>`);
  }
  svg.push('</g></svg>');

  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    `<header><h1>${esc(title)}</h1>${options.subtitle ? `<p class="sub">${esc(options.subtitle)}</p>` : ''}`,
    `<p class="summary">${g.nodes.length} workload${g.nodes.length === 1 ? '' : 's'} in ${g.namespaces.length} namespace${g.namespaces.length === 1 ? '' : 's'}, `
      + `${g.policyCount} NetworkPolic${g.policyCount === 1 ? 'y' : 'ies'}, ${g.edges.length} allowed connection${g.edges.length === 1 ? '' : 's'} between workloads; `
      + `${issues.length} lint finding${issues.length === 1 ? '' : 's'}.</p></header>`,
    '<section id="graph-section"><h2>Allowed traffic</h2>',
    '<p class="legend"><span class="key iso-both">isolated both ways</span><span class="key iso-in">ingress isolated only</span>'
      + '<span class="key iso-out">egress isolated only</span><span class="key iso-none">no policy: wide open</span>'
      + '<span class="hint">Arrows point from client to server, labelled with the destination ports allowed; an arrow from or to a namespace box stands for every workload in it. Hover or focus a workload to highlight its connections.</span></p>',
    `<div class="scroll">${svg.join('\n')}</div></section>`,
    matrixTable(g),
    findingsTable(issues),
    '<footer>Ports: each destination is evaluated on the ports its containers declare and the policies name for it; where there are none, on 80/TCP and 443/TCP. '
      + 'Traffic from a pod to itself is always allowed and not drawn.</footer>',
    `<script>${SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}

/** Rows are sources, columns destinations; a cell lists the allowed ports (TCP shown bare). */
function matrixTable(g: TrafficGraph): string {
  const allowed = new Map(g.edges.map((e) => [`${e.from}|${e.to}`, e.ports]));
  const short = (p: string) => (p.endsWith('/TCP') ? p.slice(0, -4) : p);
  const rows: string[] = [];
  const groups = g.namespaces.map((ns) => `<th colspan="${g.nodes.filter((n) => n.namespace === ns).length}" class="nsh">${esc(ns)}</th>`).join('');
  rows.push(`<tr><th class="corner" rowspan="2">from \\ to</th>${groups}</tr>`);
  rows.push(`<tr>${g.nodes.map((n) => `<th class="col" title="${esc(n.id)}"><span>${esc(n.name)}</span></th>`).join('')}</tr>`);
  for (const from of g.nodes) {
    const cells = g.nodes.map((to) => {
      if (from === to) return '<td class="self">–</td>';
      const ports = allowed.get(`${from.id}|${to.id}`);
      if (!ports) return `<td class="deny" title="${esc(`${from.id} -> ${to.id}: denied on ${to.ports.join(', ')}`)}">✗</td>`;
      const all = ports.length === to.ports.length;
      return `<td class="${all ? 'allow' : 'part'}" title="${esc(`${from.id} -> ${to.id}: ${ports.join(', ')} allowed${all ? '' : ` (of ${to.ports.join(', ')})`}`)}">${esc(ports.map(short).join(' '))}</td>`;
    }).join('');
    rows.push(`<tr><th class="row" title="${esc(from.id)}">${esc(from.id)}</th>${cells}</tr>`);
  }
  return '<section id="matrix-section"><h2>Reachability matrix</h2>'
    + '<p class="hint">Rows connect to columns. A cell lists the allowed destination ports (TCP unless marked); ✗ means denied on every evaluated port, – is the workload itself.</p>'
    + `<div class="scroll"><table id="matrix">${rows.join('\n')}</table></div></section>`;
}

function findingsTable(issues: Issue[]): string {
  if (issues.length === 0) return '<section id="lint-section"><h2>Lint findings</h2><p class="ok">No lint findings.</p></section>';
  const rows = issues.map((i) => {
    const where = i.file ? `${i.file}${i.line !== undefined ? `:${i.line}` : ''}` : '';
    return `<tr class="sev-${esc(i.severity)}"><td>${esc(i.severity)}</td><td><code>${esc(i.code)}</code></td><td>${esc(i.object ?? '')}</td>`
      + `<td><code>${esc(i.field ?? '')}</code></td><td>${esc(i.message)}${i.hint ? `<div class="fix">fix: ${esc(i.hint)}</div>` : ''}</td><td>${esc(where)}</td></tr>`;
  });
  return '<section id="lint-section"><h2>Lint findings</h2><table id="findings"><tr><th>severity</th><th>rule</th><th>object</th><th>field</th><th>message</th><th>where</th></tr>'
    + `${rows.join('\n')}</table></section>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:0;padding:16px 24px;color:#1d2633;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px}.sub{color:#5c6b7f;margin:0}.summary{margin:6px 0 0}
.scroll{overflow:auto;max-width:100%}
#graph{max-width:100%;height:auto;display:block}
.namespace rect{fill:#f4f7fb;stroke:#9fb3c8;stroke-width:1.5}.namespace text{font-weight:600;fill:#334e68;font-size:14px}
.node rect{fill:#fff;stroke-width:2}.node text{text-anchor:middle;font-size:13px;fill:#102a43}
.node{cursor:pointer}.node:focus{outline:none}
.iso-both rect{stroke:#2f9e44}.iso-in rect,.iso-out rect{stroke:#f08c00}.iso-none rect{stroke:#e03131;stroke-dasharray:5 3}
.edge path{fill:none;stroke:#4a6fa5;stroke-width:1.4;opacity:.75}.edge.group path{stroke-width:2.6}#graph.many .edge path{opacity:.5}
.elabel{font-size:11px;fill:#243b53;paint-order:stroke;stroke:#fff;stroke-width:3px;text-anchor:middle}
#graph.many .elabel{display:none}#graph.many .edge.group .elabel{display:inline}
#graph.focus .edge{opacity:.08}#graph.focus .node{opacity:.35}
#graph.focus .edge.hl{opacity:1}#graph.focus .edge.hl path{stroke:#d9480f;stroke-width:2.2;marker-end:url(#arrow-hl)}
#graph.focus .edge.hl .elabel{display:inline}#graph.focus .node.hl{opacity:1}
.legend{display:flex;flex-wrap:wrap;gap:10px;align-items:center}.key{border:2px solid;border-radius:6px;padding:1px 8px;font-size:12px}
.key.iso-both{border-color:#2f9e44}.key.iso-in,.key.iso-out{border-color:#f08c00}.key.iso-none{border-color:#e03131;border-style:dashed}
.hint{color:#5c6b7f;font-size:12px}
table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #d9e2ec;padding:3px 6px}
#matrix td{text-align:center;min-width:26px}#matrix th.row{text-align:left;white-space:nowrap;font-weight:500}
#matrix th.col{vertical-align:bottom;font-weight:500}#matrix th.col span{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}
#matrix th.nsh{background:#f4f7fb}
td.allow{background:#d3f9d8}td.part{background:#fff3bf}td.deny{color:#9aa5b1}td.self{color:#c0c8d2;background:#f8f9fa}
#findings td{vertical-align:top}.sev-error td:first-child{color:#c92a2a;font-weight:600}.sev-warning td:first-child{color:#e67700;font-weight:600}
.fix{color:#5c6b7f}.ok{color:#2f9e44}footer{margin-top:24px;color:#5c6b7f;font-size:12px}
`;

const SCRIPT = `
(function(){var svg=document.getElementById('graph');if(!svg)return;
function touches(end,id){return end===id||(end.indexOf('ns:')===0&&id.split('/')[0]===end.slice(3));}
function clear(){svg.classList.remove('focus');svg.querySelectorAll('.hl').forEach(function(e){e.classList.remove('hl');});}
function focus(id){clear();svg.classList.add('focus');svg.querySelectorAll('.edge').forEach(function(e){
var ends=[e.getAttribute('data-from'),e.getAttribute('data-to')];
if(ends.some(function(n){return touches(n,id);})){e.classList.add('hl');
svg.querySelectorAll('.node').forEach(function(x){if(ends.some(function(n){return touches(n,x.getAttribute('data-id'));}))x.classList.add('hl');});}});
svg.querySelectorAll('.node').forEach(function(x){if(x.getAttribute('data-id')===id)x.classList.add('hl');});}
svg.querySelectorAll('.node').forEach(function(n){var id=n.getAttribute('data-id');
n.addEventListener('mouseenter',function(){focus(id);});n.addEventListener('focus',function(){focus(id);});
n.addEventListener('mouseleave',clear);n.addEventListener('blur',clear);});})();
`;
