import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Analyzer } from '../../lib/analysis';
import { Protocol } from '../../lib/model';
import { CaseCluster, clusterOfCase } from '../reference/case-cluster';

// Truth tables for ClusterNetworkPolicy (and v1alpha1 ANP/BANP) together with NetworkPolicy,
// written from docs/cluster-network-policy.md: each tier interaction, Pass, priority, first
// match, ports and named ports, networks. The same format as the NetworkPolicy oracle, whose
// `policies` may hold objects of any of these kinds. NETPOL_CNP_CASES points at other cases.

const DIR = process.env.NETPOL_CNP_CASES ?? join(__dirname, '..', 'fixtures', 'cnp-cases');
type End = string | { ip: string };
interface Case { name: string; note?: string; cluster: CaseCluster; policies: unknown[]; expect: Array<{ from: End; to: End; port: number; protocol: string; allowed: boolean }> }

const cases: Case[] = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')));
const name = (e: End) => (typeof e === 'string' ? e : e.ip);

test.runIf(!process.env.NETPOL_CNP_CASES)('the repository has its 64 cluster-policy cases', () => {
  expect(cases.length).toBe(64);
});

describe.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
  const analyzer = Analyzer.of(clusterOfCase(c.cluster, c.policies));
  const rows = c.expect.map((e) => ({ ...e, from: name(e.from), to: name(e.to), protocol: e.protocol as Protocol }));
  const say = (e: typeof rows[number], got: boolean) => `${e.from} -> ${e.to} ${e.port}/${e.protocol}: expected ${e.allowed ? 'allowed' : 'denied'}, got ${got ? 'allowed' : 'denied'}`;

  test('one flow at a time', () => {
    const wrong = rows.map((e) => [e, analyzer.explain(e.from, e.to, e.port, e.protocol).allowed] as const).filter(([e, got]) => got !== e.allowed).map(([e, got]) => say(e, got));
    expect(wrong).toEqual([]);
  });

  test('through the matrix', () => {
    const externals = [...new Set(rows.flatMap((e) => [e.from, e.to]).filter((x) => !x.includes('/')))];
    const ports = [...new Map(rows.map((e) => [`${e.port}/${e.protocol}`, { port: e.port, protocol: e.protocol }])).values()];
    const matrix = analyzer.matrix({ ports, externals });
    const ip = (x: string) => (x.includes('/') ? x : `ip:${x}`);
    const wrong = rows.map((e) => [e, matrix.isAllowed(ip(e.from), ip(e.to), e.port, e.protocol)] as const).filter(([e, got]) => got !== e.allowed).map(([e, got]) => say(e, got));
    expect(wrong).toEqual([]);
  });

  test('as membership in the connection sets', () => {
    const matrix = analyzer.connectionMatrix();
    const wrong = rows.flatMap((e) => {
      const one = analyzer.connections(e.from, e.to).connections.allows(e.port, e.protocol);
      const all = matrix.between(e.from, e.to).allows(e.port, e.protocol);
      return [one, all].filter((got) => got !== e.allowed).map((got) => say(e, got));
    });
    expect(wrong).toEqual([]);
  });
});
