import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import {
  AllowDns, AllowFromIngressController, AllowMonitoringScrape, DatabaseTier, DefaultDeny, FlowSides, Peer, Port, Reachability, Select,
} from '../../lib';

// Patterns that open flows into their pods say which sides they open: by default the server's
// ingress only; `sides: FlowSides.BOTH` also writes each client's egress, in its namespace's
// chart (issue 13). Held by Reachability under a default deny of both directions everywhere.

function deployment(chart: Chart, name: string, labels: Record<string, string>) {
  return new ApiObject(chart, `${name}-deployment`, {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'x' }] } } },
  });
}

/** shop (api needs-db, postgres, metrics-exposing web), monitoring (prometheus), ingress-nginx (controller), all denied both ways. */
function world(): { app: App; shop: Chart } {
  const app = Testing.app();
  const charts = ['shop', 'monitoring', 'ingress-nginx'].map((ns) => new Chart(app, ns, { namespace: ns }));
  for (const c of charts) {
    new DefaultDeny(c, 'default-deny');
    new AllowDns(c, 'dns');
  }
  const [shop, monitoring, nginx] = charts;
  deployment(shop, 'api', { 'app': 'api', 'needs-db': 'true' });
  deployment(shop, 'postgres', { app: 'postgres' });
  deployment(shop, 'web', { 'app': 'web', 'monitoring.io/expose-metrics': 'true' });
  deployment(monitoring, 'prometheus', { app: 'prometheus' });
  deployment(nginx, 'controller', { 'app.kubernetes.io/name': 'ingress-nginx' });
  return { app, shop };
}

const patterns: Array<{ name: string; add: (shop: Chart, sides?: FlowSides) => void; flow: [string, string, number]; egress: string }> = [
  {
    name: 'DatabaseTier', flow: ['shop/api', 'shop/postgres', 5432], egress: 'shop/postgres-egress',
    add: (shop, sides) => new DatabaseTier(shop, 'postgres', { database: Select.pods({ app: 'postgres' }), sides }),
  },
  {
    name: 'AllowMonitoringScrape', flow: ['monitoring/prometheus', 'shop/web', 9090], egress: 'monitoring/allow-scrape-egress',
    add: (shop, sides) => new AllowMonitoringScrape(shop, 'scrape', { sides }),
  },
  {
    name: 'AllowFromIngressController', flow: ['ingress-nginx/controller', 'shop/web', 8080], egress: 'ingress-nginx/allow-gateway-egress',
    add: (shop, sides) => new AllowFromIngressController(shop, 'gateway', { backends: Select.pods({ app: 'web' }), ports: [Port.tcp(8080)], sides }),
  },
];

describe.each(patterns)('$name', ({ add, flow, egress }) => {
  test.each([undefined, FlowSides.SERVER])('sides %s: only the server side, so the flow stays closed under the clients\' egress deny', (sides) => {
    const { app, shop } = world();
    add(shop, sides);
    const r = Reachability.of(app);
    expect(r.isAllowed(...flow)).toBe(false);
    expect(r.explain(...flow).ingress.allowed).toBe(true);
    expect(r.cluster.policies.map((p) => p.id)).not.toContain(egress);
  });

  test('FlowSides.BOTH: the clients\' egress policy is written in their namespace and the flow opens, on that port only', () => {
    const { app, shop } = world();
    add(shop, FlowSides.BOTH);
    const r = Reachability.of(app);
    r.assertAllowed(...flow);
    r.assertDenied(flow[0], flow[1], flow[2] + 1);
    const policy = r.cluster.policies.find((p) => p.id === egress)!;
    expect(policy.policyTypes).toEqual(['Egress']);
    expect(policy.labels['netpol.cdk8s.io/pattern']).toBeDefined();
    expect(policy.annotations['netpol.cdk8s.io/intent']).toMatch(/\(the client side of the flow\)$/);
  });
});

describe('FlowSides.BOTH: AND kept, and clients that have no egress side', () => {
  test('a client in another namespace gets pods AND namespace in one `to` entry', () => {
    const { app, shop } = world();
    new DatabaseTier(shop, 'postgres', { database: Select.pods({ app: 'postgres' }), clients: [Peer.pods({ app: 'prometheus' }).inNamespace('monitoring')], sides: FlowSides.BOTH });
    const monitoring = app.charts.find((c) => c.namespace === 'monitoring')!;
    const written = Testing.synth(monitoring).find((o) => o.metadata.name === 'postgres-egress');
    expect(written.spec).toEqual({
      podSelector: { matchLabels: { app: 'prometheus' } }, policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }, podSelector: { matchLabels: { app: 'postgres' } } }], ports: [{ port: 5432, protocol: 'TCP' }] }],
    });
    Reachability.of(app).assertOnlyReachableFrom('shop/postgres', ['monitoring/prometheus'], 5432);
  });

  test.each([
    { name: 'an IP block', client: Peer.ipBlock('10.0.0.0/8'), says: /\[shop\/postgres\] sides: clients\[0\] \(10\.0\.0\.0\/8\): an IP block has no egress side to open/ },
    { name: 'namespaces chosen by label', client: Peer.pods({ app: 'x' }).inNamespacesLabelled({ team: 'a' }), says: /\[shop\/postgres\] sides: clients\[0\] .*: the namespaces are chosen by labels, not by name/ },
    { name: 'a namespace without a chart', client: Peer.pods({ app: 'x' }).inNamespace('elsewhere'), says: /\[shop\/postgres\] sides: no chart of the App has namespace "elsewhere"/ },
  ])('$name is a synth error naming the client', ({ client, says }) => {
    const { app, shop } = world();
    new DatabaseTier(shop, 'postgres', { database: Select.pods({ app: 'postgres' }), clients: [client], sides: FlowSides.BOTH });
    expect(() => app.synth()).toThrow(says);
  });
});
