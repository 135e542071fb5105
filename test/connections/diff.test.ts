import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Analyzer, Cluster, ConnectionDiff, FlowChangeKind } from '../../lib/analysis';
import { parseNetworkPolicy } from '../../lib/manifest/parse-network-policy';
import { Protocol } from '../../lib/model';
import { rawPolicies, refCluster } from '../property/arb-cluster';
import { fuzzParams, fuzzTimeout } from '../property/fuzz-settings';
import { RefCluster } from '../reference/reference-evaluator';

type Json = { [key: string]: any };

function clusterOf(ref: RefCluster, policies: Json[]): Cluster {
  return Cluster.of({
    namespaces: Object.entries(ref.namespaces).map(([name, labels]) => ({ name, labels })),
    workloads: ref.pods.map((p) => ({
      namespace: p.namespace, name: p.name, labels: p.labels, ips: p.ip ? [p.ip] : [],
      containerPorts: (p.ports ?? []).map((c) => ({ name: c.name, port: c.port, protocol: c.protocol as Protocol })),
    })),
    policies: policies.map((p) => parseNetworkPolicy(p).spec!),
  });
}

const SHOP: RefCluster = {
  namespaces: { shop: {}, ops: { team: 'ops' } },
  pods: [
    { namespace: 'shop', name: 'web', labels: { app: 'web' }, ip: '10.1.0.5' },
    { namespace: 'shop', name: 'api', labels: { app: 'api' }, ip: '10.1.0.6', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
    { namespace: 'ops', name: 'debug', labels: { app: 'debug' }, ip: '10.2.0.9' },
  ],
};
const policy = (name: string, spec: Json, namespace = 'shop'): Json =>
  ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec });
const apiFromWeb = (name = 'api-ingress', from: Json = { podSelector: { matchLabels: { app: 'web' } } }) =>
  policy(name, { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [from], ports: [{ port: 'http' }] }] });
const denyAll = policy('deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
const webEgress = policy('web-egress', {
  podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'],
  egress: [{ to: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 8080 }] }, { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ port: 443 }] }],
});

const diffOf = (before: Json[], after: Json[], afterCluster = SHOP) => ConnectionDiff.between(clusterOf(SHOP, before), clusterOf(afterCluster, after));
const line = (d: ConnectionDiff) => d.changes.map((c) => `${c.kind} ${c.from} -> ${c.to}: +[${c.opened}] -[${c.closed}]`);

describe('ConnectionDiff: each kind of change', () => {
  test.each([
    ['the same policies', [denyAll, apiFromWeb(), webEgress], [denyAll, apiFromWeb(), webEgress]],
    ['renamed and reordered', [denyAll, apiFromWeb(), webEgress], [webEgress, apiFromWeb('renamed'), { ...denyAll, metadata: { name: 'zz', namespace: 'shop' } }]],
    ['one policy split in two with the same effect', [webEgress], [
      policy('a', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [webEgress.spec.egress[0]] }),
      policy('b', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [webEgress.spec.egress[1]] }),
    ]],
    ['a numeric port written as the named port it resolves to', [apiFromWeb()],
      [policy('api-ingress', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 8080 }] }] })]],
  ])('no change: %s', (_name, before, after) => {
    const d = diffOf(before, after);
    expect(line(d)).toEqual([]);
    expect(d.isEmpty()).toBe(true);
  });

  test('a widened selector opens the flow to every pod of the cluster (ADDED)', () => {
    const d = diffOf([denyAll, apiFromWeb(), webEgress], [denyAll, apiFromWeb('api-ingress', { namespaceSelector: {} }), webEgress]);
    // debug (ops, not isolated) can now reach api on http; shop's own pods are still held by deny-all egress.
    expect(line(d)).toEqual(['Added ops/debug -> shop/api: +[TCP 8080] -[no connections]']);
    expect(d.opened().map((c) => c.to)).toEqual(['shop/api']);
    expect(d.closed()).toEqual([]);
  });

  test('a removed policy closes what only it allowed (REMOVED), and a narrowed rule (CHANGED)', () => {
    const narrowed = policy('web-egress', { ...webEgress.spec, egress: [webEgress.spec.egress[0], { ...webEgress.spec.egress[1], ports: [{ port: 443 }, { port: 80 }] }] });
    const d = diffOf([denyAll, apiFromWeb(), webEgress], [denyAll, narrowed]);
    const byPair = Object.fromEntries(d.changes.map((c) => [`${c.from} -> ${c.to}`, c]));
    expect(byPair['shop/web -> shop/api'].kind).toBe(FlowChangeKind.REMOVED);
    expect(byPair['shop/web -> shop/api'].closed.toString()).toBe('TCP 8080');
    const outside = byPair['shop/web -> ip:11.0.0.0-255.255.255.255'];
    expect(outside.kind).toBe(FlowChangeKind.CHANGED);
    expect(outside.opened.toString()).toBe('TCP 80');
    expect(outside.closed.isEmpty()).toBe(true);
  });

  test('endpoints that appear or vanish are listed, their pairs not compared', () => {
    const grown: RefCluster = { ...SHOP, pods: [...SHOP.pods.filter((p) => p.name !== 'debug'), { namespace: 'shop', name: 'worker', labels: { app: 'worker' }, ip: '10.1.0.8' }] };
    const d = diffOf([denyAll], [denyAll], grown);
    expect(d.endpoints).toEqual([{ endpoint: 'ops/debug', appeared: false }, { endpoint: 'shop/worker', appeared: true }]);
    expect(d.changes).toEqual([]);
  });

  test('outside addresses are cut by the ipBlocks of both sides, so ranges line up', () => {
    const d = diffOf([], [webEgress]);
    const outside = d.changes.filter((c) => c.to.startsWith('ip:')).map((c) => `${c.to}: ${c.after}`);
    expect(outside).toEqual(['ip:0.0.0.0-9.255.255.255: TCP 443', 'ip:10.0.0.0/8: no connections', 'ip:11.0.0.0-255.255.255.255: TCP 443', 'ip:::/0: no connections']);
  });
});

const pair = refCluster.chain((cluster) => {
  const namespaces = [...new Set(cluster.pods.map((p) => p.namespace))];
  return fc.record({ cluster: fc.constant(cluster), before: rawPolicies(4, namespaces), after: rawPolicies(4, namespaces) });
});

describe('ConnectionDiff: properties', () => {
  test('diff(x, x) is empty', () => {
    fc.assert(fc.property(pair, ({ cluster, before }) => {
      expect(line(ConnectionDiff.between(clusterOf(cluster, before), clusterOf(cluster, before)))).toEqual([]);
    }), fuzzParams(40));
  }, fuzzTimeout(30_000));

  test('applying the reported changes to BEFORE\'s sets gives AFTER\'s, pair by pair', () => {
    fc.assert(fc.property(pair, ({ cluster, before, after }) => {
      const b = clusterOf(cluster, before);
      const a = clusterOf(cluster, after);
      const d = ConnectionDiff.between(b, a);
      const changed = new Map(d.changes.map((c) => [`${c.from} ${c.to}`, c]));
      const ends = cluster.pods.map((p) => `${p.namespace}/${p.name}`);
      const ab = Analyzer.of(b);
      const aa = Analyzer.of(a);
      for (const f of ends) {
        for (const t of ends) {
          if (f === t) continue;
          const was = ab.connections(f, t).connections;
          const now = aa.connections(f, t).connections;
          const c = changed.get(`${f} ${t}`);
          const applied = c ? was.subtract(c.closed).union(c.opened) : was;
          expect(applied.sameAs(now)).toBe(true);
          if (c) {
            expect(c.before.sameAs(was)).toBe(true);
            expect(c.opened.intersect(c.closed).isEmpty()).toBe(true);
          }
        }
      }
    }), fuzzParams(40));
  }, fuzzTimeout(30_000));
});
