import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Cluster } from '../../lib/analysis';
import { buildTrafficGraph, formatGraphHtml } from '../../lib/graph';
import { FOLD_ABOVE, foldNamespaces } from '../../lib/graph/fold';
import { Obstacles, labelBox, placeLabel } from '../../lib/graph/labels';
import { Box, edgePath, nodeWidth, textWidth } from '../../lib/graph/layout';
import { generateGraphApp } from '../../bench/graph/graph-app';

// Namespaces folded past FOLD_ABOVE workloads (every connection still accounted for), and edge
// labels placed only on free spots. The browser test checks the same on real rendering.

const graphOf = (workloads: number, namespaces: number, seed = 1) => buildTrafficGraph(Cluster.fromManifests(generateGraphApp(workloads, namespaces, seed)));
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('folded namespaces', () => {
  const g = graphOf(400, 80, 4);

  test('one box per namespace, none overlapping; every connection is inside one or on one arrow', () => {
    const f = foldNamespaces(g);
    expect(f.namespaces.map((n) => n.namespace).sort()).toEqual([...g.namespaces].sort());
    // The hubs, which every application namespace reaches or is reached from, come first.
    expect(f.namespaces.slice(0, 3).map((n) => n.namespace)).toEqual(['ingress-nginx', 'kube-system', 'monitoring']);
    for (const [i, a] of f.namespaces.entries()) for (const b of f.namespaces.slice(i + 1)) expect(overlaps(a.box, b.box), `${a.namespace} / ${b.namespace}`).toBe(false);
    const inside = f.namespaces.reduce((n, x) => n + x.inside, 0);
    expect(inside + f.edges.reduce((n, e) => n + e.count, 0)).toBe(g.edges.length);
    expect(f.edges.every((e) => e.from !== e.to)).toBe(true);
    // The DNS arrow of each application namespace carries both DNS ports.
    expect(f.edges.find((e) => e.to === 'ns:kube-system')?.ports).toEqual(['53/UDP', '53/TCP']);
  });

  test.each([
    { workloads: FOLD_ABOVE, fold: undefined, folded: false },
    { workloads: FOLD_ABOVE + 1, fold: undefined, folded: true },
    { workloads: 12, fold: true, folded: true },
    { workloads: 250, fold: false, folded: false },
  ])('$workloads workloads, fold: $fold -> folded: $folded', ({ workloads, fold, folded }) => {
    const graph = graphOf(workloads, Math.ceil(workloads / 5));
    const html = formatGraphHtml(graph, { fold });
    expect(html.includes('Namespaces are folded')).toBe(folded);
    expect(html.includes('<table id="matrix">')).toBe(!folded);
    expect((html.match(/<g class="node /g) ?? []).length).toBe(folded ? graph.namespaces.length : graph.nodes.length);
    if (folded) {
      // Each connection listed under its source's namespace, and its destination's when another.
      const nsOf = new Map(graph.nodes.map((n) => [n.id, n.namespace]));
      const expected = graph.edges.reduce((n, e) => n + (nsOf.get(e.from) === nsOf.get(e.to) ? 1 : 2), 0);
      expect((html.match(/<tr><td>/g) ?? []).length).toBe(expected);
    }
  });
});

test('folded page: hostile namespace and workload names are escaped everywhere they show', () => {
  const names = ['</script><script>alert(1)</script>', '" onmouseover="x', 'a\u202eb\u001bc', '<img src=x onerror=alert(1)>'];
  const nodes = names.flatMap((ns, i) => [0, 1, 2].map((k) => ({
    id: `${ns}/${names[(i + k) % names.length]}`, namespace: ns, name: names[(i + k) % names.length], kind: 'Pod',
    ingressIsolated: false, egressIsolated: false, ports: ['80/TCP'], defaultPorts: false,
  })));
  const g = { namespaces: [...names].sort(), nodes, edges: nodes.slice(1).map((n) => ({ from: nodes[0].id, to: n.id, ports: ['80/TCP'] })), policyCount: 0 };
  const html = formatGraphHtml(g, { fold: true });
  expect(html.match(/<script/g)).toHaveLength(1);
  expect(html).not.toMatch(/<img|" onmouseover|[\u0000-\u0008\u000b-\u001f\u202a-\u202e]/);
  expect(html).toContain('namespace &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html).toContain('<td>&quot; onmouseover=&quot;x/');
});

describe('edge labels', () => {
  const curve = edgePath({ x: 0, y: 0, w: 100, h: 40 }, { x: 400, y: 300, w: 100, h: 40 });

  test('a label on a free curve sits at its middle; a blocked middle moves it; all blocked: none', () => {
    const free = new Obstacles(1000, 1000);
    expect(placeLabel('53/UDP', curve, free)).toEqual({ x: curve.lx, y: expect.any(Number) });
    const blocked = new Obstacles(1000, 1000);
    blocked.add({ x: curve.lx - 60, y: curve.ly - 30, w: 120, h: 60 });
    const moved = placeLabel('53/UDP', curve, blocked)!;
    expect(overlaps(labelBox('53/UDP', moved.x, moved.y), { x: curve.lx - 60, y: curve.ly - 30, w: 120, h: 60 })).toBe(false);
    const full = new Obstacles(1000, 1000);
    full.add({ x: 0, y: 0, w: 1000, h: 1000 });
    expect(placeLabel('53/UDP', curve, full)).toBeUndefined();
  });

  test('property: placed labels never overlap an obstacle, each other, or leave the drawing', () => {
    const box = fc.record({ x: fc.integer({ min: 0, max: 900 }), y: fc.integer({ min: 0, max: 900 }), w: fc.integer({ min: 10, max: 200 }), h: fc.integer({ min: 10, max: 60 }) });
    fc.assert(fc.property(fc.array(box, { maxLength: 15 }), fc.array(fc.tuple(box, box, fc.string({ minLength: 1, maxLength: 20 })), { maxLength: 12 }), (walls, edges) => {
      const obstacles = new Obstacles(1000, 1000);
      walls.forEach((w) => obstacles.add(w));
      const placed: Box[] = [];
      for (const [a, b, text] of edges) {
        const at = placeLabel(text, edgePath(a, b), obstacles);
        if (!at) continue;
        const mine = labelBox(text, at.x, at.y);
        if (mine.x < 0 || mine.y < 0 || mine.x + mine.w > 1000 || mine.y + mine.h > 1000) return false;
        if (walls.some((w) => overlaps(w, mine)) || placed.some((p) => overlaps(p, mine))) return false;
        placed.push(mine);
      }
      return true;
    }), { numRuns: 200 });
  });

  test('workload boxes are wide enough for their whole name', () => {
    for (const name of ['web', 'ingress-nginx-controller', 'payments-reconciliation-api-4', 'M'.repeat(60)]) {
      expect(nodeWidth(name)).toBeGreaterThanOrEqual(textWidth(name, 13) + 24);
    }
  });
});
