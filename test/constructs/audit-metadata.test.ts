import { App, Chart, Testing } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import {
  AllowDns, AllowFlow, AllowFrom, AllowFromIngressController, AllowInternetEgress, AllowMonitoringScrape, AllowSameNamespace, AllowTo,
  ClusterAllowDns, ClusterBaseline, ClusterDefaultDeny, ClusterNetworkPolicy, ClusterPeer, ClusterPolicyAction, ClusterPolicyChannel,
  ClusterPolicyTier, ClusterSubject, ClusterTenantIsolation, DatabaseTier, DefaultDeny, DelegateToNamespaceOwners, DenyMetadataService,
  Dialect, FlowSides, LabelSelector, NamespaceBaseline, NetworkPolicy, Peer, PolicyMetadata, PolicySpec, PolicyType, Port, Rule, Select,
  SynthLint, Targets, TenantIsolation,
} from '../../lib';
import { MAX_INTENT_LENGTH, describePolicy } from '../../lib/patterns';

// Every policy object the library writes carries the audit metadata (managed-by label, intent
// annotation) unless the App or the construct turns it off; what the user gives wins.

const MANAGED_BY = 'app.kubernetes.io/managed-by';
const INTENT = 'netpol.cdk8s.io/intent';
const PATTERN = 'netpol.cdk8s.io/pattern';

/** Props every construct kind accepts, spread into each one below. */
interface Extra { readonly labels?: { [k: string]: string }; readonly annotations?: { [k: string]: string }; readonly auditMetadata?: boolean }

/** Construct kind -> builds it in `c` (namespace `payments`; a chart `web` exists for client sides). */
const KINDS: Array<[string, (c: Chart, x: Extra) => void]> = [
  ['NetworkPolicy', (c, x) => new NetworkPolicy(c, 'np', { ...x, podSelector: Select.pods({ app: 'api' }), ingress: [Rule.allow({ peers: [Peer.pods({ app: 'web' })] })] })],
  ['DefaultDeny', (c, x) => new DefaultDeny(c, 'deny', x)],
  ['AllowDns', (c, x) => new AllowDns(c, 'dns', x)],
  ['AllowFrom', (c, x) => new AllowFrom(c, 'from', { ...x, to: Select.pods({ app: 'api' }), from: [Peer.pods({ app: 'web' })], ports: [Port.tcp(8080)] })],
  ['AllowTo', (c, x) => new AllowTo(c, 'to', { ...x, from: Select.pods({ app: 'api' }), to: [Peer.ipBlock('10.0.0.0/8')] })],
  ['AllowFlow (both ends)', (c, x) => new AllowFlow(c, 'flow', { ...x, from: Select.pods({ app: 'frontend' }), fromNamespace: 'web', to: Select.pods({ app: 'api' }), ports: [Port.tcp(8080)] })],
  ['DatabaseTier (both sides)', (c, x) => new DatabaseTier(c, 'db', { ...x, database: Select.pods({ app: 'postgres' }), clients: [Peer.pods({ app: 'api' }).inNamespace('web')], sides: FlowSides.BOTH })],
  ['AllowMonitoringScrape', (c, x) => new AllowMonitoringScrape(c, 'scrape', x)],
  ['AllowFromIngressController', (c, x) => new AllowFromIngressController(c, 'gw', { ...x, backends: Select.pods({ tier: 'backend' }) })],
  ['AllowSameNamespace', (c, x) => new AllowSameNamespace(c, 'same', x)],
  ['AllowInternetEgress', (c, x) => new AllowInternetEgress(c, 'internet', x)],
  ['TenantIsolation', (c, x) => new TenantIsolation(c, 'tenants', { labels: x.labels, auditMetadata: x.auditMetadata, tenants: ['a', 'b'] })],
  ['NamespaceBaseline', (c, x) => new NamespaceBaseline(c, 'baseline', { labels: x.labels, auditMetadata: x.auditMetadata, allowSameNamespace: true, monitoring: {} })],
  ['ClusterBaseline', (c, x) => new ClusterBaseline(c, 'cluster', { labels: x.labels, auditMetadata: x.auditMetadata, namespaces: ['batch'] })],
  ['ClusterNetworkPolicy', (c, x) => new ClusterNetworkPolicy(c, 'cnp', {
    ...x, tier: ClusterPolicyTier.ADMIN, subject: ClusterSubject.namespaces('payments'),
    ingress: [{ action: ClusterPolicyAction.DENY, peers: [ClusterPeer.namespaces('web')], ports: [Port.tcp(5432)] }],
  })],
  ['DenyMetadataService', (c, x) => new DenyMetadataService(c, 'imds', x)],
  ['ClusterAllowDns', (c, x) => new ClusterAllowDns(c, 'cdns', x)],
  ['ClusterDefaultDeny', (c, x) => new ClusterDefaultDeny(c, 'cdeny', x)],
  ['DelegateToNamespaceOwners', (c, x) => new DelegateToNamespaceOwners(c, 'delegate', { ...x, subject: ClusterSubject.namespaces('web') })],
  ['ClusterTenantIsolation', (c, x) => new ClusterTenantIsolation(c, 'ctenants', { ...x, tenants: ['a', 'b'] })],
];

/** Every policy object the App writes (NetworkPolicies and ClusterNetworkPolicies). */
function build(make: (c: Chart, x: Extra) => void, x: Extra = {}, configure?: (app: App) => void): any[] {
  const app = Testing.app();
  configure?.(app);
  SynthLint.configure(app, { enabled: false });
  Targets.of(app).support(Dialect.CLUSTER_NETWORK_POLICY, { channel: ClusterPolicyChannel.STANDARD });
  const c = new Chart(app, 'payments', { namespace: 'payments' });
  new Chart(app, 'web', { namespace: 'web' });
  new Chart(app, 'batch', { namespace: 'batch' });
  make(c, x);
  return app.charts.flatMap((ch) => Testing.synth(ch)).filter((o) => /NetworkPolicy$/.test(o.kind));
}

describe.each(KINDS)('%s', (_kind, make) => {
  test('writes managed-by and a one-line intent on every policy object, by default', () => {
    const objects = build(make);
    expect(objects.length).toBeGreaterThan(0);
    for (const o of objects) {
      expect(o.metadata.labels?.[MANAGED_BY], o.metadata.name).toBe('cdk8s-netpol');
      const intent: string = o.metadata.annotations?.[INTENT];
      expect(intent, o.metadata.name).toMatch(/^[A-Za-z][^\n]*$/);
      expect(intent.length, o.metadata.name).toBeLessThanOrEqual(MAX_INTENT_LENGTH);
    }
  });

  test('is deterministic: the same App writes the same metadata', () => {
    expect(build(make).map((o) => o.metadata)).toEqual(build(make).map((o) => o.metadata));
  });

  test.each([
    ['the App', {}, (app: App) => { PolicyMetadata.of(app).configure({ audit: false }); }],
    ['the construct', { auditMetadata: false }, undefined],
  ] as const)('turned off by %s: no managed-by, no intent; the pattern label stays', (_by, x, configure) => {
    const on = build(make);
    const off = build(make, x, configure);
    expect(off.map((o) => o.metadata.name)).toEqual(on.map((o) => o.metadata.name));
    off.forEach((o, i) => {
      expect(o.metadata.labels?.[MANAGED_BY], o.metadata.name).toBeUndefined();
      expect(o.metadata.annotations?.[INTENT], o.metadata.name).toBeUndefined();
      expect(o.metadata.labels?.[PATTERN], o.metadata.name).toBe(on[i].metadata.labels?.[PATTERN]);
      // Metadata never changes what a policy does.
      expect(o.spec, o.metadata.name).toEqual(on[i].spec);
    });
  });

  test('labels the user gives win over ours, on or off', () => {
    const labels = { [MANAGED_BY]: 'platform-team' };
    for (const auditMetadata of [undefined, false]) {
      for (const o of build(make, { labels, auditMetadata })) {
        if (/-egress(-\d+)?$/.test(o.metadata.name) && o.metadata.namespace === 'web' && o.metadata.labels?.[PATTERN]) continue; // a pattern's client side takes no labels
        expect(o.metadata.labels[MANAGED_BY], o.metadata.name).toBe('platform-team');
      }
    }
  });
});

test('an intent the user gives wins, and is kept when the metadata is off', () => {
  for (const auditMetadata of [undefined, false]) {
    const [o] = build((c) => new DefaultDeny(c, 'deny', { annotations: { [INTENT]: 'the PCI baseline' }, auditMetadata }));
    expect(o.metadata.annotations).toEqual({ [INTENT]: 'the PCI baseline' });
  }
});

test('a chart label wins over the managed-by label', () => {
  const app = Testing.app();
  const c = new Chart(app, 'payments', { namespace: 'payments', labels: { [MANAGED_BY]: 'helm' } });
  new AllowDns(c, 'dns');
  expect(Testing.synth(c)[0].metadata.labels).toEqual({ [MANAGED_BY]: 'helm' });
});

test('the construct setting overrides the App setting both ways', () => {
  const app = Testing.app();
  PolicyMetadata.of(app).configure({ audit: false });
  const c = new Chart(app, 'payments', { namespace: 'payments' });
  new DefaultDeny(c, 'on', { auditMetadata: true });
  new DefaultDeny(c, 'off');
  const [on, off] = Testing.synth(c);
  expect(on.metadata.labels).toEqual({ [MANAGED_BY]: 'cdk8s-netpol' });
  expect(off.metadata.labels).toBeUndefined();
});

test('changing the App setting after a policy was written under it is an error naming that policy', () => {
  const app = Testing.app();
  const c = new Chart(app, 'payments', { namespace: 'payments' });
  new DefaultDeny(c, 'deny');
  expect(() => PolicyMetadata.of(app).configure({ audit: false })).toThrow(
    'PolicyMetadata.configure: audit: policies were already written with audit true (the first: [payments/deny]); '
    + 'call PolicyMetadata.of(app).configure({ audit: false }) right after new App(), before adding policies',
  );
  // Saying the same again is fine, and so is a construct opting out on its own.
  expect(PolicyMetadata.of(c).configure({ audit: true }).audit).toBe(true);
  expect(() => PolicyMetadata.of(app).configure({ audit: 'no' as unknown as boolean })).toThrow(/options\.audit: Invalid value: "no"/);
});

test('a prop of the wrong kind is a synth error naming it', () => {
  const c = new Chart(Testing.app(), 'payments', { namespace: 'payments' });
  new DefaultDeny(c, 'deny', { auditMetadata: 'off' as unknown as boolean });
  expect(() => Testing.synth(c)).toThrow(/\[payments\/deny\] props\.auditMetadata: Invalid value: "off"/);
});

describe('the intent sentence', () => {
  const spec = (props: Partial<Parameters<typeof PolicySpec.create>[0]>) => PolicySpec.create({ name: 'p', namespace: 'shop', podSelector: LabelSelector.everything(), ...props });
  test.each([
    ['deny both ways', spec({ policyTypes: [PolicyType.INGRESS, PolicyType.EGRESS] }),
      'every pod in namespace shop is isolated both ways: nothing in or out unless another policy allows it'],
    ['ingress from two peers, then any source', spec({
      podSelector: LabelSelector.labels({ app: 'api' }),
      ingress: [Rule.allow({ peers: [Peer.pods({ app: 'web' }), Peer.namespace('monitoring')], ports: [Port.tcp(8080)] }), Rule.allow({ ports: [Port.named('metrics')] })],
    }), 'pods labelled app=api in namespace shop may receive from pods labelled app=web or every pod in namespace monitoring on TCP 8080, '
      + 'or from anywhere on TCP port "metrics"'],
    ['egress to a CIDR with an exception, ingress denied', spec({
      policyTypes: [PolicyType.INGRESS, PolicyType.EGRESS],
      egress: [Rule.allow({ peers: [Peer.ipBlock('10.0.0.0/8', '10.99.0.0/16')], ports: [Port.udpRange(5000, 5010)] })],
    }), 'every pod in namespace shop may send to 10.0.0.0/8 except 10.99.0.0/16 on UDP 5000-5010; is isolated for ingress: nothing in unless another policy allows it'],
  ])('%s', (_shape, s, sentence) => {
    expect(describePolicy(s)).toBe(sentence);
  });

  test('does not depend on the order labels were given in', () => {
    const a = spec({ podSelector: LabelSelector.labels({ b: '1', a: '2' }), ingress: [Rule.allow({ peers: [Peer.pods({ y: '1', x: '2' })] })] });
    const b = spec({ podSelector: LabelSelector.labels({ a: '2', b: '1' }), ingress: [Rule.allow({ peers: [Peer.pods({ x: '2', y: '1' })] })] });
    expect(describePolicy(a)).toBe(describePolicy(b));
    expect(describePolicy(a)).toBe('pods labelled a=2,b=1 in namespace shop may receive from pods labelled x=2,y=1 on any port');
  });

  test('is bounded, and user text in it cannot break the line', () => {
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`label-${i}`, 'x'.repeat(40)]));
    const long = describePolicy(spec({ podSelector: LabelSelector.labels(many), policyTypes: [PolicyType.INGRESS] }));
    expect(long.length).toBe(MAX_INTENT_LENGTH);
    expect(long.endsWith('...')).toBe(true);
    const tricky = describePolicy(PolicySpec._of({ name: 'p', namespace: 'shop\n\u202eevil', podSelector: LabelSelector.everything(), policyTypes: [PolicyType.INGRESS] }));
    expect(tricky).toContain('shop\\n\\u202eevil');
    expect(tricky).not.toMatch(/[\n\u202e]/);
  });

  test('of a ClusterNetworkPolicy: tier, subject and rules in order', () => {
    const [o] = build(KINDS.find(([k]) => k === 'ClusterNetworkPolicy')![1]);
    expect(o.metadata.annotations[INTENT]).toBe('Admin-tier policy for every pod of namespaces kubernetes.io/metadata.name=payments: ingress: deny from every pod of namespaces web on TCP 5432');
  });
});
