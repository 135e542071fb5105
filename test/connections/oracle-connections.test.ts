import { describe, expect, test } from 'vitest';
import { Analyzer, Cluster } from '../../lib/analysis';
import { parseNetworkPolicy } from '../../lib/manifest/parse-network-policy';
import { Protocol } from '../../lib/model';
import { loadOracleCases, OracleCase } from '../reference/oracle-cases';

// Every per-port verdict of the oracle follows from the connection sets: for each stated
// connection, `allowed` is exactly whether the pair's set holds that port, both for one pair at a
// time (Analyzer.connections) and through the class-based matrix (Analyzer.connectionMatrix).

const cases = loadOracleCases();
const endName = (e: string | { ip: string }) => (typeof e === 'string' ? e : e.ip);

function analyzerOf(c: OracleCase): Analyzer {
  return Analyzer.of(Cluster.of({
    namespaces: Object.entries(c.cluster.namespaces).map(([name, labels]) => ({ name, labels })),
    workloads: c.cluster.pods.map((p) => ({
      namespace: p.namespace, name: p.name, labels: p.labels, ips: p.ip ? [p.ip] : [],
      containerPorts: (p.ports ?? []).map((x) => ({ name: x.name, port: x.port, protocol: x.protocol as Protocol | undefined })),
    })),
    policies: c.policies.map((p) => parseNetworkPolicy(p).spec!),
  }));
}

test('the oracle has cases', () => {
  expect(cases.length).toBeGreaterThan(0);
});

describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  const analyzer = analyzerOf(c);
  const matrix = analyzer.connectionMatrix();
  const rows = c.expect.map((e) => ({ ...e, from: endName(e.from), to: endName(e.to), protocol: e.protocol as Protocol }));

  test('each stated verdict is membership in the pair\'s connection set', () => {
    const wrong = rows.filter((e) => analyzer.connections(e.from, e.to).connections.allows(e.port, e.protocol) !== e.allowed)
      .map((e) => `${e.from} -> ${e.to} ${e.port}/${e.protocol}: expected ${e.allowed}, set ${analyzer.connections(e.from, e.to).connections}`);
    expect(wrong).toEqual([]);
  });

  test('the class-based matrix gives the same sets', () => {
    const wrong = rows.filter((e) => matrix.between(e.from, e.to).allows(e.port, e.protocol) !== e.allowed)
      .map((e) => `${e.from} -> ${e.to} ${e.port}/${e.protocol}: expected ${e.allowed}, set ${matrix.between(e.from, e.to)}`);
    expect(wrong).toEqual([]);
  });
});
