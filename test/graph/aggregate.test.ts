import { expect, test } from 'vitest';
import { Cluster } from '../../lib/analysis';
import { buildTrafficGraph } from '../../lib/graph';
import { aggregateEdges } from '../../lib/graph/aggregate';
import { PolicySpec, Protocol, Rule, Peer, Port, LabelSelector, PolicyType } from '../../lib/model';

// Folding for the picture: a namespace-wide arrow only when EVERY workload of the namespace has
// the same edge; every other edge is drawn as it is, and nothing is lost.

const w = (namespace: string, name: string) => ({ namespace, name, labels: { app: name }, containerPorts: [{ port: 80, protocol: Protocol.TCP }] });
const workloads = [w('a', 'x'), w('a', 'y'), w('a', 'z'), w('b', 'server'), w('b', 'other')];
// b/server accepts port 80 from namespace a only; b/other from nobody; a's pods accept nothing.
const policies = [
  PolicySpec.create({ name: 'server', namespace: 'b', podSelector: LabelSelector.labels({ app: 'server' }), ingress: [Rule.allow({ peers: [Peer.namespace('a')], ports: [Port.HTTP] })] }),
  PolicySpec.create({ name: 'deny', namespace: 'b', podSelector: LabelSelector.labels({ app: 'other' }), policyTypes: [PolicyType.INGRESS] }),
  PolicySpec.create({ name: 'deny', namespace: 'a', podSelector: LabelSelector.everything(), policyTypes: [PolicyType.INGRESS] }),
];

test('every workload of a namespace to one workload: one arrow from the namespace', () => {
  const g = buildTrafficGraph(Cluster.of({ workloads, policies }));
  expect(g.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['a/x>b/server', 'a/y>b/server', 'a/z>b/server']);
  expect(aggregateEdges(g)).toEqual([{ from: 'ns:a', to: 'b/server', ports: ['80/TCP'], label: 'all of a: 80/TCP', count: 3 }]);
});

test('one workload missing: nothing folded', () => {
  const fewer = [policies[0], policies[1], policies[2],
    PolicySpec.create({ name: 'z-out', namespace: 'a', podSelector: LabelSelector.labels({ app: 'z' }), policyTypes: [PolicyType.EGRESS] })];
  const g = buildTrafficGraph(Cluster.of({ workloads, policies: fewer }));
  expect(aggregateEdges(g).map((e) => [e.from, e.to, e.count])).toEqual([['a/x', 'b/server', 1], ['a/y', 'b/server', 1]]);
});

test('no policies: every pair allowed, each namespace folded where it has 3 or more workloads, all pairs accounted for', () => {
  const g = buildTrafficGraph(Cluster.of({ workloads }));
  const drawn = aggregateEdges(g);
  expect(drawn.reduce((n, e) => n + e.count, 0)).toBe(g.edges.length);
  expect(drawn.filter((e) => e.count > 1).map((e) => `${e.from}>${e.to}`)).toEqual(['ns:a>b/server', 'ns:a>b/other', 'b/server>ns:a', 'b/other>ns:a']);
});
