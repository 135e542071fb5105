import { TrafficGraph, edgeLabel, groupTitle } from './traffic-graph';

// Mermaid and Graphviz renderings of the traffic graph: one subgraph per namespace, one arrow
// per allowed (source, destination) pair labelled with its ports. Deterministic.

/** A Mermaid flowchart (`flowchart LR`), for Markdown renderers that draw Mermaid. */
export function formatGraphMermaid(g: TrafficGraph): string {
  const id = new Map(g.nodes.map((n, i) => [n.id, `n${i}`]));
  const q = (s: string) => `"${s.replace(/"/g, '#quot;')}"`;
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
  const q = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
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
