import { App, Chart, Testing } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import {
  AllowFromIngressController, AllowInternetEgress, AllowMonitoringScrape, AllowSameNamespace, DatabaseTier, Direction,
  NamespaceBaseline, PatternMetadata, Peer, Port, Select, TenantIsolation,
} from '../../lib';

const AUDIT = (pattern: string) => ({ 'app.kubernetes.io/managed-by': 'cdk8s-netpol', 'netpol.cdk8s.io/pattern': pattern });

function chart(namespace: string | undefined = 'payments', labels?: { [k: string]: string }): Chart {
  return new Chart(Testing.app(), 'payments', { namespace, labels });
}

describe('pattern constructs: one NetworkPolicy per spec, named from the id, audited', () => {
  test('DatabaseTier: named after the id, chart labels kept, audit labels and intent added', () => {
    const c = chart('payments', { team: 'payments' });
    new DatabaseTier(c, 'postgres', { database: Select.pods({ app: 'postgres' }) });
    const [obj] = Testing.synth(c);
    expect(obj.metadata).toEqual({
      name: 'postgres',
      namespace: 'payments',
      labels: { ...AUDIT('database-tier'), team: 'payments' },
      annotations: {
        'netpol.cdk8s.io/intent': 'pods labelled app=postgres accept TCP 5432 only from pods labelled needs-db=true, and this policy allows them no egress (other policies selecting them may allow some)',
        'suppress.netpol.cdk8s.io/dns-egress-missing': 'this policy allows the database no egress, DNS included, by design; set allowDns if it must resolve names',
      },
    });
    expect(obj.spec).toEqual({
      podSelector: { matchLabels: { app: 'postgres' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { 'needs-db': 'true' } } }], ports: [{ protocol: 'TCP', port: 5432 }] }],
    });
  });

  test.each([
    ['AllowMonitoringScrape', 'prometheus-scrape', 'allow-prometheus-scrape', 'monitoring-scrape', (c: Chart, id: string) => new AllowMonitoringScrape(c, id)],
    ['AllowFromIngressController', 'backend-from-gateway', 'allow-backend-from-gateway', 'ingress-controller',
      (c: Chart, id: string) => new AllowFromIngressController(c, id, { backends: Select.pods({ tier: 'backend' }) })],
    ['AllowSameNamespace', 'same-namespace', 'allow-same-namespace', 'same-namespace', (c: Chart, id: string) => new AllowSameNamespace(c, id)],
    ['AllowInternetEgress', 'internet', 'allow-internet', 'internet-egress', (c: Chart, id: string) => new AllowInternetEgress(c, id)],
    ['DatabaseTier', 'Redis', 'redis', 'database-tier',
      (c: Chart, id: string) => new DatabaseTier(c, id, { database: Select.pods({ app: 'redis' }), port: Port.REDIS })],
  ])('%s with id %s is named %s and labelled %s', (_kind, id, name, pattern, make) => {
    const c = chart();
    make(c, id);
    const [obj] = Testing.synth(c);
    expect(obj.metadata.name).toBe(name);
    expect(obj.metadata.labels).toEqual(AUDIT(pattern));
    expect(obj.metadata.annotations['netpol.cdk8s.io/intent']).toMatch(/\w+/);
  });

  test('AllowSameNamespace takes the core Direction enum', () => {
    const c = chart();
    new AllowSameNamespace(c, 'same', { direction: Direction.INGRESS });
    expect(Testing.synth(c)[0].spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] });
  });

  test('NamespaceBaseline: the bundle, named from the id', () => {
    const c = chart();
    const baseline = new NamespaceBaseline(c, 'baseline', { allowSameNamespace: true, monitoring: { ports: [Port.tcp(8080)] } });
    const objs = Testing.synth(c);
    expect(objs.map((o) => o.metadata.name)).toEqual([
      'baseline-default-deny', 'baseline-allow-dns', 'baseline-allow-same-namespace', 'baseline-allow-monitoring-scrape',
    ]);
    for (const o of objs) expect(o.metadata.labels).toEqual(AUDIT('namespace-baseline'));
    expect(baseline.specs.map((s) => s.id)).toEqual(objs.map((o) => `payments/${o.metadata.name}`));
  });

  test('group patterns: chart labels and `labels` reach every policy, and win over the audit labels on a clash', () => {
    const c = chart('payments', { team: 'payments', 'app.kubernetes.io/managed-by': 'helm' });
    new NamespaceBaseline(c, 'baseline', { labels: { tier: 'platform' } });
    for (const o of Testing.synth(c)) {
      expect(o.metadata.labels).toEqual({ ...AUDIT('namespace-baseline'), 'app.kubernetes.io/managed-by': 'helm', team: 'payments', tier: 'platform' });
    }
  });

  test('a `name` prop replaces the id as the prefix', () => {
    const c = chart();
    new NamespaceBaseline(c, 'Baseline', { name: 'zt', allowDns: false });
    expect(Testing.synth(c).map((o) => o.metadata.name)).toEqual(['zt-default-deny']);
  });

  test('TenantIsolation: one policy per tenant', () => {
    const c = chart('shared');
    new TenantIsolation(c, 'tenants', { tenants: ['a', 'b'] });
    expect(Testing.synth(c).map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['shared/tenants-a', 'shared/tenants-b']);
  });
});

describe('pattern constructs: errors are synth errors carrying the construct path', () => {
  test.each([
    ['DatabaseTier', (c: Chart) => new DatabaseTier(c, 'db', { database: Select.pods({ app: 'pg' }) }), /\[nowhere\/db\] metadata\.namespace: no namespace for NetworkPolicy "db"/],
    ['NamespaceBaseline', (c: Chart) => new NamespaceBaseline(c, 'baseline'), /\[nowhere\/baseline\] namespace: no namespace for NamespaceBaseline "baseline"/],
    ['TenantIsolation', (c: Chart) => new TenantIsolation(c, 't', { tenants: ['a'] }), /\[nowhere\/t\] namespace: no namespace for TenantIsolation "t"/],
  ])('%s without a namespace', (_kind, make, message) => {
    const app = new App({ outdir: Testing.app().outdir });
    make(new Chart(app, 'nowhere'));
    expect(() => app.synthYaml()).toThrow(message);
  });

  test('bad composition inside a recipe', () => {
    const c = chart();
    new DatabaseTier(c, 'db', { database: Select.pods({ app: 'pg' }), clients: [] });
    expect(() => Testing.synth(c)).toThrow(/\[payments\/db\] DatabaseTier: `clients: \[\]` would let nobody in/);
  });

  test.each([
    ['AllowFromIngressController controllerNamespace', (c: Chart) => new AllowFromIngressController(c, 'gw', { backends: Select.pods({ a: 'b' }), controllerNamespace: 'Ingress_Nginx' }),
      '[payments/gw] controllerNamespace: Invalid value: "Ingress_Nginx"', '(did you mean "ingress-nginx"?)'],
    ['AllowFromIngressController controllerLabels', (c: Chart) => new AllowFromIngressController(c, 'gw', { backends: Select.pods({ a: 'b' }), controllerLabels: { app: 'ingress nginx' } }),
      '[payments/gw] controllerLabels: Invalid value: "ingress nginx"', '(did you mean "ingress-nginx"?)'],
    ['DatabaseTier dnsNamespace', (c: Chart) => new DatabaseTier(c, 'db', { database: Select.pods({ a: 'b' }), allowDns: true, dnsNamespace: 'Kube-System' }),
      '[payments/db] dnsNamespace: Invalid value: "Kube-System"', '(did you mean "kube-system"?)'],
    ['NamespaceBaseline dnsLabels', (c: Chart) => new NamespaceBaseline(c, 'zt', { dnsLabels: { 'k8s app': 'kube-dns' } }),
      '[payments/zt] dnsLabels: Invalid value: "k8s app"', '(did you mean "k8s-app"?)'],
    ['TenantIsolation tenants', (c: Chart) => new TenantIsolation(c, 't', { tenants: ['a', 'team b'] }),
      '[payments/t] TenantIsolation: tenants[1]: Invalid value: "team b"', '(did you mean "team-b"?)'],
    ['TenantIsolation tenantLabel', (c: Chart) => new TenantIsolation(c, 't', { tenants: ['a'], tenantLabel: 'tenant id' }),
      '[payments/t] TenantIsolation: tenantLabel: Invalid value: "tenant id"', '(did you mean "tenant-id"?)'],
  ])('a bad prop: %s names the prop, quotes the value and suggests the fix', (_name, make, where, hint) => {
    const c = chart();
    make(c);
    let message = '';
    try {
      Testing.synth(c);
    } catch (e) {
      message = String(e);
    }
    expect(message).toContain(where);
    expect(message).toContain(hint);
  });

  test('a bad tenant list', () => {
    const c = chart();
    new TenantIsolation(c, 't', { tenants: [] });
    expect(() => Testing.synth(c)).toThrow(/\[payments\/t\] TenantIsolation: `tenants` is empty/);
  });

  test('a name clash between a pattern and a core construct', () => {
    const c = chart();
    new NamespaceBaseline(c, 'baseline');
    new AllowSameNamespace(c, 'x', { name: 'baseline-allow-dns' });
    expect(() => Testing.synth(c)).toThrow(/NetworkPolicy "baseline-allow-dns" in namespace "payments" is already defined by \[payments\/baseline\/baseline-allow-dns\]/);
  });

  test('peers reach the recipe unchanged (AND stays one entry)', () => {
    const c = chart();
    new DatabaseTier(c, 'db', { database: Select.pods({ app: 'pg' }), clients: [Peer.pods({ app: 'api' }).inNamespace('web')] });
    expect(Testing.synth(c)[0].spec.ingress[0].from).toHaveLength(1);
  });
});

test('PatternMetadata names the audit keys the constructs write', () => {
  const c = chart();
  new AllowSameNamespace(c, 'same');
  const [obj] = Testing.synth(c);
  expect(obj.metadata.labels[PatternMetadata.MANAGED_BY_LABEL]).toBe(PatternMetadata.MANAGED_BY);
  expect(obj.metadata.labels[PatternMetadata.PATTERN_LABEL]).toBe('same-namespace');
  expect(obj.metadata.annotations[PatternMetadata.INTENT_ANNOTATION]).toMatch(/^every pod in namespace payments/);
});
