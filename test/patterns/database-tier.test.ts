import { describe, expect, test } from 'vitest';
import { renderNetworkPolicy } from '../../lib/manifest';
import { LabelSelector, Peer, Port } from '../../lib/model';
import { databaseTier } from '../../lib/patterns';

const postgres = LabelSelector.labels({ app: 'postgres' });

describe('databaseTier recipe', () => {
  test('defaults: ingress only from needs-db=true pods on TCP 5432, no egress at all', () => {
    const specs = databaseTier({ namespace: 'payments', name: 'postgres', database: postgres });
    expect(specs).toHaveLength(1);
    expect(renderNetworkPolicy(specs[0]).spec).toEqual({
      podSelector: { matchLabels: { app: 'postgres' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { 'needs-db': 'true' } } }], ports: [{ protocol: 'TCP', port: 5432 }] }],
    });
    // Egress is listed in policyTypes with no rules: that is what denies all egress.
    expect(specs[0].isolatesEgress).toBe(true);
    expect(specs[0].egress).toEqual([]);
  });

  test('audit metadata names the pattern and states the intent', () => {
    const [spec] = databaseTier({ namespace: 'payments', name: 'postgres', database: postgres });
    expect(spec.labels).toEqual({ 'app.kubernetes.io/managed-by': 'cdk8s-netpol', 'netpol.cdk8s.io/pattern': 'database-tier' });
    expect(spec.annotations['netpol.cdk8s.io/intent']).toBe(
      'pods labelled app=postgres accept TCP 5432 only from pods labelled needs-db=true, and this policy allows them no egress (other policies selecting them may allow some)',
    );
  });

  test.each([
    ['mysql port', { port: Port.MYSQL }, [{ protocol: 'TCP', port: 3306 }]],
    ['redis port', { port: Port.REDIS }, [{ protocol: 'TCP', port: 6379 }]],
  ])('%s', (_name, props, ports) => {
    const [spec] = databaseTier({ namespace: 'data', name: 'db', database: postgres, ...props });
    expect(renderNetworkPolicy(spec).spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { 'needs-db': 'true' } } }], ports }]);
  });

  test('clients are ORed: one from entry each, AND peers stay one entry', () => {
    const [spec] = databaseTier({
      namespace: 'payments', name: 'db', database: postgres,
      clients: [Peer.pods({ app: 'api' }), Peer.pods({ app: 'worker' }).inNamespace('jobs')],
    });
    expect(renderNetworkPolicy(spec).spec.ingress).toEqual([{
      from: [
        { podSelector: { matchLabels: { app: 'api' } } },
        { podSelector: { matchLabels: { app: 'worker' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'jobs' } } },
      ],
      ports: [{ protocol: 'TCP', port: 5432 }],
    }]);
  });

  test('allowDns opens egress to kube-dns on UDP and TCP 53 only', () => {
    const [spec] = databaseTier({ namespace: 'payments', name: 'db', database: postgres, allowDns: true });
    expect(renderNetworkPolicy(spec).spec.egress).toEqual([{
      to: [{ podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
      ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
    }]);
    expect(spec.annotations['netpol.cdk8s.io/intent']).toMatch(/this policy allows them only DNS queries out \(other policies selecting them may allow more\)$/);
  });

  test('DNS location is configurable', () => {
    const [spec] = databaseTier({ namespace: 'p', name: 'db', database: postgres, allowDns: true, dns: { namespace: 'dns', labels: { app: 'coredns' } } });
    expect(renderNetworkPolicy(spec).spec.egress).toEqual([expect.objectContaining({
      to: [{ podSelector: { matchLabels: { app: 'coredns' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dns' } } }],
    })]);
  });

  test('an empty client list is refused rather than letting nobody (or everybody) in', () => {
    expect(() => databaseTier({ namespace: 'p', name: 'db', database: postgres, clients: [] })).toThrow(
      'DatabaseTier: `clients: []` would let nobody in; list the client peers, or omit `clients` for pods labelled needs-db=true',
    );
  });
});
