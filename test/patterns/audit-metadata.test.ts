import { Chart, Testing } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import {
  AllowFromIngressController, AllowInternetEgress, AllowMonitoringScrape, AllowSameNamespace, ClusterBaseline, DatabaseTier,
  NamespaceBaseline, PatternMetadata, Port, Select, TenantIsolation,
} from '../../lib';

// Every policy of every pattern construct carries the audit metadata: the managed-by label, a
// label naming the pattern, and an annotation stating the intent in one sentence.

const PATTERNS: Array<[string, string, (c: Chart) => void]> = [
  ['DatabaseTier', 'database-tier', (c) => new DatabaseTier(c, 'postgres', { database: Select.pods({ app: 'postgres' }) })],
  ['DatabaseTier with DNS', 'database-tier', (c) => new DatabaseTier(c, 'redis', { database: Select.pods({ app: 'redis' }), port: Port.REDIS, allowDns: true })],
  ['AllowMonitoringScrape', 'monitoring-scrape', (c) => new AllowMonitoringScrape(c, 'scrape')],
  ['AllowFromIngressController', 'ingress-controller', (c) => new AllowFromIngressController(c, 'gw', { backends: Select.pods({ tier: 'backend' }) })],
  ['AllowSameNamespace', 'same-namespace', (c) => new AllowSameNamespace(c, 'same')],
  ['AllowInternetEgress', 'internet-egress', (c) => new AllowInternetEgress(c, 'internet', { ipv6: true })],
  ['TenantIsolation', 'tenant-isolation', (c) => new TenantIsolation(c, 'tenants', { tenants: ['a', 'b'] })],
  ['NamespaceBaseline with every carve-out', 'namespace-baseline',
    (c) => new NamespaceBaseline(c, 'baseline', { allowSameNamespace: true, monitoring: {} })],
  ['ClusterBaseline', 'namespace-baseline', (c) => new ClusterBaseline(c, 'cluster', { namespaces: ['web', 'batch'], monitoring: {} })],
];

describe.each(PATTERNS)('%s', (_name, pattern, make) => {
  const c = new Chart(Testing.app(), 'payments', { namespace: 'payments' });
  make(c);
  const policies = Testing.synth(c).filter((o) => o.kind === 'NetworkPolicy');

  test('emits at least one policy', () => {
    expect(policies.length).toBeGreaterThan(0);
  });

  test('every policy is labelled managed-by cdk8s-netpol and with its pattern', () => {
    for (const p of policies) {
      expect(p.metadata.labels[PatternMetadata.MANAGED_BY_LABEL], p.metadata.name).toBe('cdk8s-netpol');
      expect(p.metadata.labels[PatternMetadata.PATTERN_LABEL], p.metadata.name).toBe(pattern);
    }
  });

  test('every policy states its intent in one sentence naming its namespace or pods', () => {
    for (const p of policies) {
      const intent: string = p.metadata.annotations?.[PatternMetadata.INTENT_ANNOTATION];
      expect(intent, p.metadata.name).toMatch(/^[a-z][^\n]+[^.\s]$/); // one line, no trailing period
      expect(intent, p.metadata.name).not.toMatch(/\.\s/); // no second sentence
      expect(intent.length, p.metadata.name).toBeLessThan(300);
      // it says what it is about: the namespace, or the pods the policy selects
      const subject = p.spec.podSelector.matchLabels ? Object.values(p.spec.podSelector.matchLabels)[0] as string : p.metadata.namespace;
      expect(intent, p.metadata.name).toContain(subject);
    }
  });
});

test('distinct intents for distinct policies of one bundle', () => {
  const c = new Chart(Testing.app(), 'payments', { namespace: 'payments' });
  new NamespaceBaseline(c, 'baseline', { allowSameNamespace: true, monitoring: {} });
  const intents = Testing.synth(c).map((o) => o.metadata.annotations[PatternMetadata.INTENT_ANNOTATION]);
  expect(new Set(intents).size).toBe(intents.length);
});
