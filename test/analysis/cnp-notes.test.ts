import { describe, expect, test } from 'vitest';
import { Analyzer, Cluster } from '../../lib/analysis';
import { CnpTier } from '../../lib/dialects/cluster-network-policy/model';
import { tierOrder } from '../../lib/dialects/cluster-network-policy/semantics';
import { readClusterPolicy } from '../../lib/dialects/cluster-network-policy/read';

// docs/cluster-network-policy.md rule 8: what the analyzer cannot match (nodes, domainNames,
// networks toward a pod without a known IP) is named in the verdict, never silently decided.

const ns = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const pod = (namespace: string, name: string, extra: { ip?: string; hostNetwork?: boolean } = {}) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name, labels: { app: name } },
  spec: { ...(extra.hostNetwork ? { hostNetwork: true, nodeName: 'n9' } : { nodeName: 'n1' }), containers: [{ name: 'm', image: 'i' }] },
  ...(extra.ip ? { status: { podIP: extra.ip } } : {}),
});
const cnp = (name: string, priority: number, egress: unknown[], tier = 'Admin') => ({
  apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name },
  spec: { tier, priority, subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'x' } } }, egress },
});
const analyzer = (...objects: unknown[]) => Analyzer.of(Cluster.fromManifests([ns('x'), ns('sys'), pod('x', 'a', { ip: '10.0.1.1' }), pod('sys', 'agent', { ip: '192.168.0.9', hostNetwork: true }), pod('sys', 'noip'), ...objects]));

describe('notes for peers the analyzer cannot match', () => {
  test('a nodes Deny reached before an Accept: the verdict toward a hostNetwork pod says it may be decided by the nodes rule', () => {
    const a = analyzer(cnp('nodes', 10, [{ action: 'Deny', to: [{ nodes: { matchLabels: { role: 'infra' } } }] }, { action: 'Accept', to: [{ networks: ['0.0.0.0/0'] }] }]));
    const v = a.explain('x/a', 'sys/agent', 443);
    expect(v.allowed).toBe(true);
    expect(v.notes.join('\n')).toMatch(/ClusterNetworkPolicy\/nodes spec\.egress\[0\] \(Admin tier, Deny\) has a nodes peer .*not matching sys\/agent/);
    // Toward a pod-network pod a nodes peer cannot match: no note.
    expect(a.explain('x/a', 'sys/noip', 443).notes.join('\n')).not.toMatch(/nodes peer/);
  });

  test('a networks Deny toward a pod without a known IP is named; toward a known IP it is simply evaluated', () => {
    const a = analyzer(cnp('nets', 10, [{ action: 'Deny', to: [{ networks: ['10.0.0.0/8'] }] }]));
    expect(a.explain('x/a', 'sys/noip', 80).notes.join('\n')).toMatch(/has a networks peer \(the IP of sys\/noip is not known\)/);
    expect(a.explain('x/a', 'x/a', 80).notes.join('\n')).not.toMatch(/networks peer/);
  });

  test('a rule not reached (an earlier rule decided) and a rule whose ports do not match give no note', () => {
    const a = analyzer(cnp('order', 10, [{ action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }, { action: 'Accept', to: [{ domainNames: ['example.com'] }] }]));
    expect(a.explain('x/a', '93.184.216.34', 443).notes.join('\n')).not.toMatch(/domainNames/);
    const b = analyzer(cnp('ports', 10, [{ action: 'Accept', to: [{ domainNames: ['example.com'] }], protocols: [{ tcp: { destinationPort: { number: 443 } } }] }]));
    expect(b.explain('x/a', '93.184.216.34', 80).notes.join('\n')).not.toMatch(/domainNames/);
    expect(b.explain('x/a', '93.184.216.34', 443).notes.join('\n')).toMatch(/domainNames peer/);
  });

  test('Baseline rules are named only when Baseline is reached (no NetworkPolicy isolates the side)', () => {
    const base = cnp('b', 10, [{ action: 'Accept', to: [{ domainNames: ['example.com'] }] }], 'Baseline');
    expect(analyzer(base).explain('x/a', '93.184.216.34', 443).notes.join('\n')).toMatch(/ClusterNetworkPolicy\/b spec\.egress\[0\] \(Baseline tier, Accept\)/);
    const np = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace: 'x', name: 'eg' }, spec: { podSelector: {}, policyTypes: ['Egress'] } };
    expect(analyzer(base, np).explain('x/a', '93.184.216.34', 443).notes.join('\n')).not.toMatch(/domainNames/);
  });
});

test('equal priorities: ordered by name, then by kind (a v1alpha1 ANP beside a CNP of the same name), whatever the input order', () => {
  const c = readClusterPolicy({ apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name: 'same' }, spec: { tier: 'Admin', priority: 5, subject: { namespaces: {} } } }).spec!;
  const n = readClusterPolicy({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'same' }, spec: { priority: 5, subject: { namespaces: {} } } }).spec!;
  const z = readClusterPolicy({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'a' }, spec: { priority: 6, subject: { namespaces: {} } } }).spec!;
  const expected = ['AdminNetworkPolicy/same', 'ClusterNetworkPolicy/same', 'AdminNetworkPolicy/a'];
  expect(tierOrder([z, c, n], CnpTier.ADMIN).map((p) => p.id)).toEqual(expected);
  expect(tierOrder([n, z, c], CnpTier.ADMIN).map((p) => p.id)).toEqual(expected);
});

describe('hairpin (docs/cluster-network-policy.md rule 10)', () => {
  const objects = (policies: unknown[]) => [
    ns('x'),
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'x', labels: { app: 'a' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 8080 }] }] }, status: { podIP: '10.0.1.1' } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a', namespace: 'x' }, spec: { selector: { app: 'a' }, clusterIP: '10.96.0.10', ports: [{ port: 80, targetPort: 8080 }] } },
    ...policies,
  ];
  const denyAll = { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name: 'closed' },
    spec: { tier: 'Admin', priority: 1, subject: { namespaces: {} }, ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }] } };
  const npDeny = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace: 'x', name: 'deny' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } };

  test('to its own Pod IP a pod is never subject to cluster policies; through a Service IP it is', () => {
    const a = Analyzer.of(Cluster.fromManifests(objects([denyAll])));
    expect(a.explain('x/a', 'x/a', 8080).allowed).toBe(true);
    const [v] = a.explainAll('x/a', '10.96.0.10', 80);
    expect([v.to, v.allowed, v.loopback]).toEqual(['x/a', false, false]);
    expect(v.notes.join('\n')).toMatch(/through a Service IP: cluster policies apply/);
  });

  test('through a Service IP, NetworkPolicy alone still cannot block a pod reaching itself (rule 33)', () => {
    const a = Analyzer.of(Cluster.fromManifests(objects([npDeny])));
    expect(a.explainAll('x/a', '10.96.0.10', 80).map((v) => [v.allowed, v.loopback])).toEqual([[true, true]]);
  });
});
