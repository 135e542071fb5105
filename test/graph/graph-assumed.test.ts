import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Cluster } from '../../lib/analysis';
import { EXTERNAL_GROUP, buildTrafficGraph } from '../../lib/graph';
import { parseNetworkPolicy } from '../../lib/manifest/parse-network-policy';
import { Protocol } from '../../lib/model';
import { run } from '../cli/fake-io';

// The graph on what pipelines have (issue 13): the synthesized policies (examples/dist/tour, here
// its snapshot), assumed workloads, external addresses, and the ports the policies name.
const DIST = { 'dist/tour.k8s.yaml': readFileSync(join(__dirname, '..', 'examples', '__snapshots__', 'tour.k8s.yaml'), 'utf8') };
const ASSUMED = ['--assume-pod', 'web:app=frontend', '--assume-pod', 'monitoring:app=prometheus', '--assume-pod', 'payments:app=api-server'];

describe('netpol graph on policies alone', () => {
  test('assumed pods are drawn with the arrows the policies allow, on the ports they name', async () => {
    const r = await run(['graph', 'dist', '-f', 'dot', ...ASSUMED], DIST);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"web:app=frontend" -> "payments:app=api-server" [label="8080/TCP"];');
    expect(r.stdout).toContain('"monitoring:app=prometheus" -> "payments:app=api-server" [label="8080/TCP"];');
    // payments may send nothing but DNS: no arrow out of the api.
    expect(r.stdout).not.toMatch(/"payments:app=api-server" ->/);
  });

  test('--external draws the addresses in their own group, as matrix does', async () => {
    const r = await run(['graph', 'dist', '-f', 'mermaid', ...ASSUMED, '--external', '203.0.113.9'], DIST);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('subgraph ns0["external addresses"]');
    expect(EXTERNAL_GROUP).toBe('(external)');
    expect(r.stdout).toMatch(/n\d+\["203\.0\.113\.9"\]/);
    const bad = await run(['graph', 'dist', ...ASSUMED, '--external', 'nope'], DIST);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--external "nope": not an IP address')]);
  });

  test('html: ✗ marks a denied cell, as in the text and Markdown matrices', async () => {
    const r = await run(['graph', 'dist', '-f', 'html', ...ASSUMED], DIST);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/<td class="deny" title="payments:app=api-server -&gt; web:app=frontend: denied on 80\/TCP, 443\/TCP">✗<\/td>/);
    expect(r.stdout).not.toContain('>·<');
  });

  test('without workloads or assumed pods there is still nothing to draw, and the message says how to assume them', async () => {
    const r = await run(['graph', 'dist'], DIST);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--assume-pod shop:app=web');
  });
});

test('a port the policies allow but no container declares is evaluated and drawn', () => {
  const spec = parseNetworkPolicy({
    kind: 'NetworkPolicy', metadata: { name: 'api', namespace: 'shop' },
    spec: {
      podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'prometheus' } } }], ports: [{ port: 9090 }] }],
    },
  }).spec!;
  const c = Cluster.of({
    workloads: [
      { namespace: 'shop', name: 'api', kind: 'Deployment', labels: { app: 'api' }, containerPorts: [{ port: 8080, protocol: Protocol.TCP }] },
      { namespace: 'monitoring', name: 'prometheus', kind: 'Deployment', labels: { app: 'prometheus' } },
    ],
    policies: [spec],
  });
  const g = buildTrafficGraph(c);
  expect(g.nodes.find((n) => n.id === 'shop/api')!.ports).toEqual(['8080/TCP', '9090/TCP']);
  expect(g.edges).toEqual([
    { from: 'monitoring/prometheus', to: 'shop/api', ports: ['9090/TCP'] },
    { from: 'shop/api', to: 'monitoring/prometheus', ports: ['80/TCP', '443/TCP'] },
  ]);
});
