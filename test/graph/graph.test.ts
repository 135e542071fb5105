import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { Analyzer, Cluster } from '../../lib/analysis';
import { buildTrafficGraph, formatGraphDot, formatGraphHtml, formatGraphMermaid } from '../../lib/graph';
import { Protocol, Severity } from '../../lib/model';
import { run } from '../cli/fake-io';
import { SHOP_WORKLOADS, shopObjects, shopYaml } from './shop-cluster';

const REPO = join(__dirname, '..', '..');
const PAYMENTS_YAML = readFileSync(join(REPO, 'examples/yaml/payments.yaml'), 'utf8');
const payments = () => Cluster.fromManifests(parseAllDocuments(PAYMENTS_YAML).map((d) => d.toJSON()).filter(Boolean));

describe('buildTrafficGraph', () => {
  test.each([
    { name: 'payments (seed)', cluster: payments },
    { name: 'shop (20 workloads)', cluster: () => Cluster.fromManifests(shopObjects()) },
  ])('$name: an edge per pair allowed on one of the destination\'s declared ports, per the analyzer', ({ cluster }) => {
    const c = cluster();
    const g = buildTrafficGraph(c);
    const analyzer = Analyzer.of(c);
    expect(g.nodes.map((n) => n.id).sort()).toEqual(c.endpointNames.sort());
    for (const from of g.nodes) {
      for (const to of g.nodes) {
        if (from === to) continue;
        // Each verdict asked one flow at a time (explain), not through the matrix the graph uses.
        const allowed = to.ports.filter((p) => {
          const [port, protocol] = p.split('/');
          return analyzer.isAllowed(from.id, to.id, Number(port), protocol as Protocol);
        });
        const edge = g.edges.find((e) => e.from === from.id && e.to === to.id);
        expect(edge?.ports ?? [], `${from.id} -> ${to.id}`).toEqual(allowed);
      }
    }
  });

  test('payments: the intended flows and none of the blocked ones', () => {
    const g = buildTrafficGraph(payments());
    const edge = (from: string, to: string) => g.edges.find((e) => e.from === from && e.to === to)?.ports;
    expect(edge('monitoring/prometheus', 'payments/payments-backend')).toEqual(['8080/TCP', '9090/TCP']);
    expect(edge('payments/payments-backend', 'payments/postgres')).toEqual(['5432/TCP']);
    expect(edge('payments/payments-backend', 'kube-system/coredns')).toEqual(['53/UDP', '53/TCP']);
    // Both default denies isolate the frontend's egress and nothing lets it out.
    expect(edge('payments/payments-frontend', 'payments/payments-backend')).toBeUndefined();
    expect(edge('payments/payments-backend', 'payments/redis')).toBeUndefined();
    const node = (id: string) => g.nodes.find((n) => n.id === id)!;
    expect([node('payments/postgres').ingressIsolated, node('payments/postgres').egressIsolated]).toEqual([true, true]);
    expect([node('kube-system/coredns').ingressIsolated, node('kube-system/coredns').egressIsolated]).toEqual([false, false]);
    expect(g.namespaces).toEqual(['ingress-nginx', 'kube-system', 'monitoring', 'payments']);
  });

  test('a workload that declares no port is evaluated on 80/TCP and 443/TCP; --port replaces declared ports', () => {
    const c = Cluster.of({ workloads: [
      { namespace: 'a', name: 'client', labels: { app: 'client' } },
      { namespace: 'a', name: 'server', labels: { app: 'server' }, containerPorts: [{ port: 8443, protocol: Protocol.TCP }] },
    ] });
    const g = buildTrafficGraph(c);
    expect(g.nodes.map((n) => [n.name, n.ports, n.defaultPorts])).toEqual([
      ['client', ['80/TCP', '443/TCP'], true],
      ['server', ['8443/TCP'], false],
    ]);
    expect(g.edges).toEqual([
      { from: 'a/client', to: 'a/server', ports: ['8443/TCP'] },
      { from: 'a/server', to: 'a/client', ports: ['80/TCP', '443/TCP'] },
    ]);
    const fixed = buildTrafficGraph(c, { ports: [{ port: 53, protocol: Protocol.UDP }] });
    expect(fixed.edges.map((e) => e.ports)).toEqual([['53/UDP'], ['53/UDP']]);
    expect(fixed.nodes.every((n) => !n.defaultPorts)).toBe(true);
  });
});

describe('text formats', () => {
  const g = buildTrafficGraph(payments());

  test('mermaid: a subgraph per namespace, a node per workload, an arrow per edge with its ports', () => {
    const text = formatGraphMermaid(g);
    expect(text.split('\n')[0]).toBe('flowchart LR');
    expect(text.match(/^ {2}subgraph /gm)).toHaveLength(g.namespaces.length);
    expect(text.match(/^ {4}n\d+\["[^"]+"\]$/gm)).toHaveLength(g.nodes.length);
    expect(text.match(/^ {2}n\d+ -->\|"[^"]+"\| n\d+$/gm)).toHaveLength(g.edges.length);
    expect(text).toContain('["namespace payments"]');
    const id = (name: string) => `n${g.nodes.findIndex((n) => n.name === name)}`;
    expect(text).toContain(`${id('payments-backend')} -->|"5432/TCP"| ${id('postgres')}`);
  });

  test('dot: a cluster per namespace, unisolated workloads dashed, labelled edges', () => {
    const text = formatGraphDot(g);
    expect(text.startsWith('digraph netpol {')).toBe(true);
    expect(text.match(/subgraph cluster_\d+ \{/g)).toHaveLength(g.namespaces.length);
    expect(text.match(/ -> /g)).toHaveLength(g.edges.length);
    expect(text).toContain('"payments/payments-backend" -> "payments/postgres" [label="5432/TCP"];');
    expect(text).toContain('"kube-system/coredns" [label="coredns", style="rounded,dashed"];');
  });

  test('deterministic', () => {
    expect(formatGraphMermaid(buildTrafficGraph(payments()))).toBe(formatGraphMermaid(g));
    expect(formatGraphDot(buildTrafficGraph(payments()))).toBe(formatGraphDot(g));
  });
});

describe('html', () => {
  const g = buildTrafficGraph(Cluster.fromManifests(shopObjects()));
  const issues = [{ code: 'demo-rule', severity: Severity.WARNING, object: 'NetworkPolicy shop/<x>', message: 'a <b>bold</b> & "quoted" claim', hint: 'do <this>' }];
  const html = formatGraphHtml(g, { issues });

  test('is one self-contained page: nothing to fetch', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]+src=|<link\b|<img\b|<iframe\b|@import|url\((?!#)/i);
    // The only URL is the SVG namespace name, which is never fetched.
    expect(html.match(/https?:\/\/[^\s"'<)]+/g)).toEqual(['http://www.w3.org/2000/svg']);
  });

  test('holds a node per workload, an edge per allowed pair, the matrix and the findings', () => {
    expect(html.match(/<g class="node /g)).toHaveLength(SHOP_WORKLOADS + 1);
    // Every allowed pair is drawn: one arrow each, or folded into a namespace-wide arrow.
    const counts = [...html.matchAll(/<g class="edge[^"]*" data-from="[^"]+" data-to="[^"]+" data-count="(\d+)"/g)].map((m) => Number(m[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(g.edges.length);
    // shop: all 20 workloads reach coredns on 53/UDP and 53/TCP: one arrow from the namespace box.
    expect(html).toContain('<g class="edge group" data-from="ns:shop" data-to="kube-system/coredns" data-count="20">');
    expect(html.match(/<th class="row" /g)).toHaveLength(g.nodes.length);
    expect(html.match(/<td class="(allow|part)"/g)).toHaveLength(g.edges.length);
    expect(html).toContain('<td><code>demo-rule</code></td>');
  });

  test('escapes what it shows', () => {
    expect(html).toContain('a &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; claim');
    expect(html).toContain('NetworkPolicy shop/&lt;x&gt;');
    expect(html).not.toContain('<b>bold</b>');
  });
});

describe('netpol graph', () => {
  test.each(['mermaid', 'dot', 'html'])('--format %s prints the graph of the inputs', async (format) => {
    const r = await run(['graph', '--format', format, 'shop.yaml'], { 'shop.yaml': shopYaml() });
    expect(r.code).toBe(0);
    const g = buildTrafficGraph(Cluster.fromManifests(shopObjects()));
    const expected = format === 'mermaid' ? formatGraphMermaid(g) : format === 'dot' ? formatGraphDot(g) : undefined;
    if (expected) expect(r.stdout).toBe(expected);
    else expect(r.stdout.match(/<g class="node /g)).toHaveLength(SHOP_WORKLOADS + 1);
  });

  test('html lists the lint findings of the inputs', async () => {
    const r = await run(['graph', '-f', 'html', 'payments.yaml'], { 'payments.yaml': PAYMENTS_YAML });
    const check = await run(['check', '--format', 'json', 'payments.yaml'], { 'payments.yaml': PAYMENTS_YAML });
    const lintCodes = (JSON.parse(check.stdout).issues as Array<{ code: string }>).map((i) => i.code).filter((c) => !/^(V-|read-|decode)/.test(c));
    expect(lintCodes.length).toBeGreaterThan(0);
    for (const code of lintCodes) expect(r.stdout).toContain(`<code>${code}</code>`);
  });

  test.each([
    { args: ['graph', 'np.yaml'], files: { 'np.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: a, namespace: b}\nspec: {podSelector: {}}\n' }, err: /no Pod or workload/ },
    { args: ['graph', '--format', 'png', 'x.yaml'], files: { 'x.yaml': '' }, err: /png/ },
    { args: ['graph', '--port', '99999', 'x.yaml'], files: { 'x.yaml': '' }, err: /between 1 and 65535/ },
    { args: ['graph', 'broken.yaml'], files: { 'broken.yaml': 'kind: [' }, err: /broken\.yaml/ },
  ])('$args: exit 2 with a clear message', async ({ args, files, err }) => {
    const r = await run(args, files);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(err);
  });
});
