import { Issue } from '../model';
import { FOLD_ABOVE } from './fold';
import { escapeHtml, foldedSvg, workloadSvg } from './svg';
import { TrafficGraph, edgeLabel } from './traffic-graph';

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
  /**
   * Draw one box per namespace, and list connections by namespace instead of the matrix.
   * @default - when there are more than FOLD_ABOVE (200) workloads
   */
  readonly fold?: boolean;
}

export { escapeHtml };
const esc = escapeHtml;

/** The graph page. */
export function formatGraphHtml(g: TrafficGraph, options: GraphHtmlOptions = {}): string {
  const title = options.title ?? 'NetworkPolicy traffic graph';
  const issues = options.issues ?? [];
  const fold = options.fold ?? g.nodes.length > FOLD_ABOVE;
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
    ...(fold ? [`<p class="folded">Namespaces are folded: with ${g.nodes.length} workloads (more than ${FOLD_ABOVE}), each box stands for a namespace and each arrow for every allowed connection between the workloads of two namespaces, labelled with their ports. `
      + 'Hover or focus a namespace to highlight its arrows; its tooltip names its workloads. The connections of each workload are listed by namespace below. '
      + 'To draw the workloads themselves, graph fewer namespaces\' files.</p>'] : []),
    `<div class="scroll">${fold ? foldedSvg(g) : workloadSvg(g)}</div></section>`,
    fold ? connectionsByNamespace(g) : matrixTable(g),
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

/** Folded pages: per namespace, every allowed connection from or to its workloads. */
function connectionsByNamespace(g: TrafficGraph): string {
  const nsOf = new Map(g.nodes.map((n) => [n.id, n.namespace]));
  const rows = new Map(g.namespaces.map((ns) => [ns, [] as string[]]));
  const count = new Map(g.namespaces.map((ns) => [ns, 0]));
  for (const n of g.nodes) count.set(n.namespace, count.get(n.namespace)! + 1);
  for (const e of g.edges) {
    const row = `<tr><td>${esc(e.from)}</td><td>${esc(e.to)}</td><td>${esc(edgeLabel(e, undefined))}</td></tr>`;
    const [a, b] = [nsOf.get(e.from)!, nsOf.get(e.to)!];
    rows.get(a)!.push(row);
    if (b !== a) rows.get(b)!.push(row);
  }
  const sections = g.namespaces.map((ns) => `<details data-namespace="${esc(ns)}"><summary>${esc(ns)}: ${count.get(ns)} workload${count.get(ns) === 1 ? '' : 's'}, ${rows.get(ns)!.length} connection${rows.get(ns)!.length === 1 ? '' : 's'}</summary>`
    + (rows.get(ns)!.length > 0 ? `<table class="conns"><tr><th>from</th><th>to</th><th>allowed ports</th></tr>${rows.get(ns)!.join('')}</table>` : '') + '</details>');
  return '<section id="connections-section"><h2>Connections by namespace</h2>'
    + '<p class="hint">Every allowed connection from or to a workload of the namespace; open a namespace to see them. Unlisted pairs are denied on every evaluated port.</p>'
    + `${sections.join('\n')}</section>`;
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
.edge path{fill:none;stroke:#4a6fa5;stroke-width:1.4;opacity:.75}.edge.group path{stroke-width:2.6}
.elabel{font-size:11px;fill:#243b53;paint-order:stroke;stroke:#fff;stroke-width:3px;text-anchor:middle}
.elabel.off{display:none}.nsnode .nstitle{text-anchor:start;font-weight:600;font-size:14px;fill:#334e68}.nsnode .nssum{text-anchor:start;font-size:12px;fill:#5c6b7f}
.folded{background:#fff9db;border:1px solid #ffe066;border-radius:6px;padding:6px 10px;font-size:13px}details{margin:2px 0}table.conns{margin:4px 0 8px 16px}
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
