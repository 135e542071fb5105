import { describe, expect, test } from 'vitest';
import { renderNetworkPolicy } from '../../lib/manifest';
import { LabelSelector, Port } from '../../lib/model';
import { DEFAULT_EXCLUDED_NAMESPACES, clusterBaseline, coveredNamespaces, namespaceBaseline } from '../../lib/patterns';

describe('namespaceBaseline recipe', () => {
  test('defaults: deny both ways + DNS for every pod', () => {
    const specs = namespaceBaseline({ namespace: 'payments', name: 'baseline' });
    expect(specs.map((s) => renderNetworkPolicy(s))).toEqual([
      expect.objectContaining({
        metadata: expect.objectContaining({ name: 'baseline-default-deny', namespace: 'payments' }),
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      }),
      expect.objectContaining({
        metadata: expect.objectContaining({ name: 'baseline-allow-dns', namespace: 'payments' }),
        spec: {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [{
            to: [{ podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
            ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
          }],
        },
      }),
    ]);
    for (const s of specs) expect(s.labels['netpol.cdk8s.io/pattern']).toBe('namespace-baseline');
  });

  test('carve-outs are added as their own policies, branded as part of the baseline', () => {
    const specs = namespaceBaseline({
      namespace: 'payments', name: '', allowSameNamespace: true, monitoring: { ports: [Port.tcp(8080)] },
    });
    expect(specs.map((s) => s.name)).toEqual(['default-deny', 'allow-dns', 'allow-same-namespace', 'allow-monitoring-scrape']);
    const scrape = specs[3];
    expect(scrape.labels).toEqual({ 'app.kubernetes.io/managed-by': 'cdk8s-netpol', 'netpol.cdk8s.io/pattern': 'namespace-baseline' });
    expect(scrape.annotations['netpol.cdk8s.io/intent']).toBe(
      'pods labelled app=prometheus in namespace monitoring may scrape pods labelled monitoring.io/expose-metrics=true on TCP 8080',
    );
    expect(renderNetworkPolicy(specs[2]).spec).toEqual({
      podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: {} }] }], egress: [{ to: [{ podSelector: {} }] }],
    });
  });

  test('allowDns: false leaves only the deny', () => {
    const specs = namespaceBaseline({ namespace: 'vault', name: 'b', allowDns: false });
    expect(specs.map((s) => s.name)).toEqual(['b-default-deny']);
  });

  test('monitoring targets can be every pod', () => {
    const specs = namespaceBaseline({ namespace: 'x', name: 'b', monitoring: { targets: LabelSelector.everything() } });
    expect(renderNetworkPolicy(specs[2]).spec.podSelector).toEqual({});
  });
});

describe('clusterBaseline recipe', () => {
  test('one identical set per namespace, sorted, none in the excluded namespaces', () => {
    const specs = clusterBaseline({ name: 'baseline', namespaces: ['web', 'payments'], discovered: ['kube-system', 'payments', 'batch'] });
    expect(specs.map((s) => s.id)).toEqual([
      'batch/baseline-default-deny', 'batch/baseline-allow-dns',
      'payments/baseline-default-deny', 'payments/baseline-allow-dns',
      'web/baseline-default-deny', 'web/baseline-allow-dns',
    ]);
  });

  test('default exclusions are the control plane namespaces', () => {
    expect([...DEFAULT_EXCLUDED_NAMESPACES]).toEqual(['kube-node-lease', 'kube-public', 'kube-system']);
    expect(coveredNamespaces({ namespaces: [], discovered: ['kube-public', 'kube-node-lease', 'default'] })).toEqual(['default']);
  });

  test('custom exclusions replace the defaults', () => {
    expect(coveredNamespaces({ namespaces: [], discovered: ['kube-system', 'monitoring', 'a'], exclude: ['monitoring'] })).toEqual(['a', 'kube-system']);
  });

  test.each([
    ['an excluded namespace listed explicitly', { namespaces: ['kube-system'] },
      'ClusterBaseline: namespace "kube-system" is listed in `namespaces` but also excluded; remove it from `namespaces`, or pass `exclude` without it'],
    ['an invalid namespace name', { namespaces: ['Payments'] }, 'ClusterBaseline: namespace "Payments" is not a valid namespace name'],
  ])('refuses %s', (_n, props, message) => {
    expect(() => coveredNamespaces(props)).toThrow(message);
  });
});
