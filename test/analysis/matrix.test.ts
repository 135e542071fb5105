import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Analyzer, Cluster, WorkloadInfo } from '../../lib/analysis';
import { parseNetworkPolicy } from '../../lib/manifest/parse-network-policy';
import { Protocol } from '../../lib/model';

// The class matrix must agree with the single-flow evaluation on every pair, for random
// clusters and policies (fixed seed, bounded runs).

const NAMESPACES = ['x', 'y', 'z'];
const label = fc.constantFrom('a', 'b', 'c');
const labels = fc.dictionary(fc.constantFrom('app', 'tier'), label, { maxKeys: 2 });
const selector = fc.oneof(
  fc.constant({}),
  labels.map((l) => ({ matchLabels: l })),
  fc.record({ matchExpressions: fc.array(fc.record({
    key: fc.constantFrom('app', 'tier', 'env'),
    operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'),
  }).chain((e) => (e.operator === 'In' || e.operator === 'NotIn' ? fc.array(label, { minLength: 1, maxLength: 2 }).map((values) => ({ ...e, values })) : fc.constant(e))), { minLength: 1, maxLength: 2 }) }),
);
const peer = fc.oneof(
  fc.record({ podSelector: selector }),
  fc.record({ namespaceSelector: selector }),
  fc.record({ podSelector: selector, namespaceSelector: selector }),
  fc.record({ ipBlock: fc.constantFrom({ cidr: '10.0.0.0/16' }, { cidr: '10.0.0.0/8', except: ['10.0.1.0/24'] }, { cidr: '0.0.0.0/0' }, { cidr: '::/0' }) }),
);
const port = fc.oneof(
  fc.record({ port: fc.constantFrom(80, 81, 'http', 'dns') }, { requiredKeys: [] }),
  fc.record({ port: fc.constantFrom(80, 81, 'http', 'dns'), protocol: fc.constantFrom('TCP', 'UDP') }),
  fc.record({ port: fc.constant(79), endPort: fc.constantFrom(80, 81) }),
);
const rule = (key: 'from' | 'to') => fc.record({ [key]: fc.array(peer, { maxLength: 2 }), ports: fc.array(port, { maxLength: 2 }) }, { requiredKeys: [] });
const policy = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  podSelector: selector,
  policyTypes: fc.constantFrom(undefined, ['Ingress'], ['Egress'], ['Ingress', 'Egress']),
  ingress: fc.array(rule('from'), { maxLength: 2 }),
  egress: fc.array(rule('to'), { maxLength: 2 }),
});
const pod = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  labels,
  ip: fc.constantFrom(undefined, '10.0.0.1', '10.0.1.1', '10.1.0.1', 'fd00::1'),
  http: fc.constantFrom(undefined, 80, 81),
  dnsProtocol: fc.constantFrom(undefined, Protocol.UDP, Protocol.TCP),
  hostNetwork: fc.boolean(),
  node: fc.constantFrom(undefined, 'n1', 'n2'),
});

test('matrix == pairwise evaluation on random clusters', () => {
  fc.assert(fc.property(
    fc.array(pod, { minLength: 1, maxLength: 8 }),
    fc.array(policy, { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...NAMESPACES), fc.dictionary(fc.constantFrom('env', 'team'), label, { maxKeys: 2 })),
    (pods, policies, nsLabels) => {
      const workloads: WorkloadInfo[] = pods.map((p, i) => ({
        namespace: p.namespace, name: `p${i}`, labels: p.labels, ips: p.ip ? [p.ip] : [], hostNetwork: p.hostNetwork && i % 3 === 0, nodeName: p.node,
        containerPorts: [
          ...(p.http ? [{ name: 'http', port: p.http }] : []),
          ...(p.dnsProtocol ? [{ name: 'dns', port: 81, protocol: p.dnsProtocol }] : []),
        ],
      }));
      const specs = policies.map((p, i) => parseNetworkPolicy({
        kind: 'NetworkPolicy', metadata: { name: `np${i}`, namespace: p.namespace },
        spec: { podSelector: p.podSelector, policyTypes: p.policyTypes, ingress: p.ingress, egress: p.egress },
      }).spec!);
      const cluster = Cluster.of({
        namespaces: Object.entries(nsLabels).map(([name, l]) => ({ name, labels: l })),
        workloads, policies: specs, externals: ['10.0.1.9', '192.0.2.1'],
      });
      const analyzer = Analyzer.of(cluster);
      const ports = [{ port: 80 }, { port: 81 }, { port: 81, protocol: Protocol.UDP }];
      const matrix = analyzer.matrix({ ports });
      const entries = matrix.entries();
      for (const e of entries) {
        expect(e.allowed, `${e.from} -> ${e.to} ${e.port}/${e.protocol}`).toBe(analyzer.explain(e.from, e.to, e.port, e.protocol).allowed);
      }
      expect(matrix.countAllowed()).toBe(entries.filter((e) => e.allowed).length);
      // Sources and destinations are read per class: the same cells, in endpoint order.
      for (const p of ports) {
        const protocol = p.protocol ?? Protocol.TCP;
        const cells = entries.filter((e) => e.allowed && e.port === p.port && e.protocol === protocol);
        for (const name of matrix.endpoints) {
          expect(matrix.sourcesOf(name, p.port, protocol)).toEqual(cells.filter((e) => e.to === name).map((e) => e.from));
          expect(matrix.destinationsOf(name, p.port, protocol)).toEqual(cells.filter((e) => e.from === name).map((e) => e.to));
        }
      }
    },
  ), { seed: 4242, numRuns: 300 });
});

describe('Matrix', () => {
  const cluster = Cluster.of({
    workloads: [
      { namespace: 'x', name: 'a', labels: { app: 'a' } },
      { namespace: 'x', name: 'a2', labels: { app: 'a' } },
      { namespace: 'x', name: 'b', labels: { app: 'b' } },
    ],
    policies: [parseNetworkPolicy({ kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'x' }, spec: { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }], ports: [{ port: 80 }] }] } }).spec!],
    externals: ['192.0.2.1'],
  });
  const m = Analyzer.of(cluster).matrix({ ports: [{ port: 80 }, { port: 53, protocol: Protocol.UDP }] });

  test('groups endpoints that no rule can tell apart', () => {
    expect(m.endpoints).toEqual(['x/a', 'x/a2', 'x/b', 'ip:192.0.2.1']);
    expect(m.classCount).toBe(3);
  });

  test('answers sets and counts', () => {
    expect(m.sourcesOf('x/b', 80)).toEqual(['x/a', 'x/a2']);
    expect(m.sourcesOf('x/b', 53, Protocol.UDP)).toEqual([]);
    expect(m.destinationsOf('x/a', 80)).toEqual(['x/a2', 'x/b', 'ip:192.0.2.1']);
    expect(m.countAllowed()).toBe(m.entries().filter((e) => e.allowed).length);
    expect(m.entries()).toHaveLength(4 * 3 * 2);
  });

  test('rejects ports and endpoints it does not cover', () => {
    expect(() => m.isAllowed('x/a', 'x/b', 443)).toThrow("443/TCP is not one of the matrix's ports (80/TCP, 53/UDP); add it to the matrix ports");
    expect(() => m.isAllowed('x/a', 'x/zz', 80)).toThrow('"x/zz" is not an endpoint of this matrix');
  });
});
