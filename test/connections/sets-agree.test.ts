import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Analyzer, Cluster } from '../../lib/analysis';
import { parseNetworkPolicy } from '../../lib/manifest/parse-network-policy';
import { Protocol } from '../../lib/model';
import { EXTERNALS, rawPolicies, refCluster } from '../property/arb-cluster';
import { fuzzParams, fuzzTimeout } from '../property/fuzz-settings';
import { referenceAllowed } from '../reference/reference-evaluator';

// On random clusters and policies (ranges, named ports that mean different numbers on different
// pods, ipBlocks with excepts): every pair's connection set agrees with the per-port verdicts of
// the reference evaluator on every port where the answer could change (each boundary of the set,
// of every policy's port entries and of every container port, and one port each side of it).

const PROTOCOLS = [Protocol.TCP, Protocol.UDP, Protocol.SCTP];

const scenario = refCluster.chain((cluster) =>
  fc.record({ cluster: fc.constant(cluster), policies: rawPolicies(5, [...new Set(cluster.pods.map((p) => p.namespace))]) }));

describe('connection sets agree with per-port verdicts', () => {
  test('for every pair of pods and external addresses, on every boundary port', () => {
    fc.assert(
      fc.property(scenario, ({ cluster, policies }) => {
        const analyzer = Analyzer.of(Cluster.of({
          namespaces: Object.entries(cluster.namespaces).map(([name, labels]) => ({ name, labels })),
          workloads: cluster.pods.map((p) => ({
            namespace: p.namespace, name: p.name, labels: p.labels, ips: p.ip ? [p.ip] : [],
            containerPorts: (p.ports ?? []).map((c) => ({ name: c.name, port: c.port, protocol: c.protocol as Protocol })),
          })),
          policies: policies.map((p) => parseNetworkPolicy(p).spec!),
        }));
        const matrix = analyzer.connectionMatrix();
        const boundaries = new Set<number>([1, 65535]);
        for (const p of policies) {
          for (const rule of [...((p.spec as any).ingress ?? []), ...((p.spec as any).egress ?? [])]) {
            for (const port of rule.ports ?? []) {
              for (const n of [port.port, port.endPort]) if (typeof n === 'number') [n - 1, n, n + 1].forEach((x) => boundaries.add(x));
            }
          }
        }
        for (const pod of cluster.pods) for (const c of pod.ports ?? []) [c.port - 1, c.port, c.port + 1].forEach((x) => boundaries.add(x));
        const ends = [...cluster.pods.map((p) => `${p.namespace}/${p.name}`), ...EXTERNALS];
        const wrong: string[] = [];
        for (const f of ends) {
          for (const t of ends) {
            if (f === t || (!f.includes('/') && !t.includes('/'))) continue;
            const set = analyzer.connections(f, t).connections;
            expect(matrix.between(f, t).sameAs(set)).toBe(true);
            const ports = new Set(boundaries);
            for (const proto of PROTOCOLS) for (const r of set.ranges(proto)) [r.from - 1, r.from, r.to, r.to + 1].forEach((x) => ports.add(x));
            for (const port of ports) {
              if (port < 1 || port > 65535) continue;
              for (const protocol of PROTOCOLS) {
                const from = f.includes('/') ? f : { ip: f };
                const to = t.includes('/') ? t : { ip: t };
                const expected = referenceAllowed(cluster, policies, { from, to, port, protocol });
                if (set.allows(port, protocol) !== expected) wrong.push(`${f} -> ${t} ${port}/${protocol}: reference ${expected}, set ${set}`);
              }
            }
          }
        }
        expect(wrong).toEqual([]);
      }),
      fuzzParams(25),
    );
  }, fuzzTimeout(60_000));
});
