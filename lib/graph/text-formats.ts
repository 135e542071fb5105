import { escapeControlChars } from '../model/untrusted-text';
import { TrafficGraph, edgeLabel, groupTitle } from './traffic-graph';

// Mermaid and Graphviz renderings of the traffic graph: one subgraph per namespace, one arrow
// per allowed (source, destination) pair labelled with its ports. Deterministic.

/** A Mermaid flowchart (`flowchart LR`), for Markdown renderers that draw Mermaid. */
export function formatGraphMermaid(g: TrafficGraph): string {
  const id = new Map(g.nodes.map((n, i) => [n.id, `n${i}`]));
  const q = mermaidString;
  const lines = ['flowchart LR'];
  g.namespaces.forEach((ns, k) => {
    lines.push(`  subgraph ns${k}[${q(groupTitle(ns))}]`);
    for (const n of g.nodes.filter((x) => x.namespace === ns)) lines.push(`    ${id.get(n.id)}[${q(n.name)}]`);
    lines.push('  end');
  });
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  for (const e of g.edges) lines.push(`  ${id.get(e.from)} -->|${q(edgeLabel(e, byId.get(e.to)))}| ${id.get(e.to)}`);
  const open = g.nodes.filter((n) => !n.ingressIsolated && !n.egressIsolated).map((n) => id.get(n.id));
  if (open.length > 0) {
    lines.push('  classDef open stroke-dasharray: 4 3');
    lines.push(`  class ${open.join(',')} open`);
  }
  return lines.join('\n') + '\n';
}

/** A Graphviz digraph: `dot -Tsvg` draws it. Namespaces are clusters; unisolated workloads dashed. */
export function formatGraphDot(g: TrafficGraph): string {
  const q = dotString;
  const lines = [
    'digraph netpol {',
    '  rankdir=LR;',
    '  node [shape=box, style="rounded", fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  g.namespaces.forEach((ns, k) => {
    lines.push(`  subgraph cluster_${k} {`, `    label=${q(groupTitle(ns))};`);
    for (const n of g.nodes.filter((x) => x.namespace === ns)) {
      const open = !n.ingressIsolated && !n.egressIsolated;
      lines.push(`    ${q(n.id)} [label=${q(n.name)}${open ? ', style="rounded,dashed"' : ''}];`);
    }
    lines.push('  }');
  });
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  for (const e of g.edges) lines.push(`  ${q(e.from)} -> ${q(e.to)} [label=${q(edgeLabel(e, byId.get(e.to)))}];`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

/**
 * Text as a quoted Mermaid string that shows literally: control characters escaped (`\x1b`),
 * then every character but letters, digits, space and `. / : , _ -` written as Mermaid's own
 * numeric entity code (`#34;` for `"`). Mermaid decodes `#name;` codes, renders HTML tags and
 * backtick Markdown in labels, and reads `%%{...}%%` directives anywhere in the text, so a
 * name's own `#quot;`, `<b>`, backticks and `%%` must all be written as codes.
 */
export function mermaidString(s: string): string {
  return `"${escapeControlChars(s).replace(/[^A-Za-z0-9 ./:,_-]/gu, (c) => `#${c.codePointAt(0)};`)}"`;
}

/**
 * Text as a quoted Graphviz string: control characters escaped (`\x1b`), then backslash and
 * double quote backslash-escaped (Graphviz reads `\N`, `\G`, `\l` in labels as substitutions
 * and line breaks; a doubled backslash is a literal one).
 */
export function dotString(s: string): string {
  return `"${escapeControlChars(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
