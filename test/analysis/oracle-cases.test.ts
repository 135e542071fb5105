import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Analyzer, Cluster, Endpoint, Matrix } from '../../lib/analysis';
import { parseNetworkPolicy } from '../../lib/manifest/parse-network-policy';
import { PolicySpec, Protocol, Severity } from '../../lib/model';
import { clusterOfCase } from '../reference/case-cluster';

// Every truth table of the oracle (/work/shared/oracle/cases), through the single-flow API and
// through the class matrix. A failing case is a bug in the analyzer, not in the case.

const CASES_DIR = process.env.NETPOL_ORACLE_CASES ?? join(__dirname, '..', 'fixtures', 'oracle', 'cases');

type End = string | { ip: string };
interface OracleCase {
  name: string;
  cluster: {
    namespaces: { [name: string]: { [key: string]: string } };
    pods: Array<{ namespace: string; name: string; labels?: { [key: string]: string }; ip?: string; ports?: Array<{ name?: string; port: number; protocol?: string }> }>;
  };
  policies: unknown[];
  expect: Array<{ from: End; to: End; port: number; protocol: string; allowed: boolean }>;
}

const files = readdirSync(CASES_DIR).filter((f) => f.endsWith('.json')).sort();
const cases: OracleCase[] = files.map((f) => JSON.parse(readFileSync(join(CASES_DIR, f), 'utf8')));
const endName = (e: End) => (typeof e === 'string' ? e : e.ip);

function load(c: OracleCase): { analyzer: Analyzer; matrix: Matrix } {
  // Cases with cluster-scoped policies (ClusterNetworkPolicy, AdminNetworkPolicy, ...) are read as
  // Kubernetes objects, the way the CLI reads them.
  if (c.policies.some((p) => (p as { kind?: string }).kind !== 'NetworkPolicy')) return loadObjects(c);
  const policies: PolicySpec[] = c.policies.map((p) => {
    const parsed = parseNetworkPolicy(p);
    expect(parsed.issues.filter((i) => i.severity === Severity.ERROR)).toEqual([]);
    return parsed.spec!;
  });
  const externals = [...new Set(c.expect.flatMap((e) => [e.from, e.to]).filter((e) => typeof e !== 'string').map(endName))];
  const cluster = Cluster.of({
    namespaces: Object.entries(c.cluster.namespaces).map(([name, labels]) => ({ name, labels })),
    workloads: c.cluster.pods.map((p) => ({
      namespace: p.namespace, name: p.name, labels: p.labels, ips: p.ip ? [p.ip] : [],
      containerPorts: (p.ports ?? []).map((x) => ({ name: x.name, port: x.port, protocol: x.protocol as Protocol | undefined })),
    })),
    policies,
    externals,
  });
  const ports = [...new Map(c.expect.map((e) => [`${e.port}/${e.protocol}`, { port: e.port, protocol: e.protocol as Protocol }])).values()];
  const analyzer = Analyzer.of(cluster);
  return { analyzer, matrix: analyzer.matrix({ ports }) };
}

function loadObjects(c: OracleCase): { analyzer: Analyzer; matrix: Matrix } {
  const externals = [...new Set(c.expect.flatMap((e) => [e.from, e.to]).filter((e) => typeof e !== 'string').map(endName))];
  const ports = [...new Map(c.expect.map((e) => [`${e.port}/${e.protocol}`, { port: e.port, protocol: e.protocol as Protocol }])).values()];
  const analyzer = Analyzer.of(clusterOfCase(c.cluster, c.policies));
  return { analyzer, matrix: analyzer.matrix({ ports, externals }) };
}

// The repository's copy holds the oracle's 45 cases; another directory (unseen cases) any number.
test.runIf(!process.env.NETPOL_ORACLE_CASES)('the oracle has its 45 cases', () => {
  expect(cases.length).toBe(45);
  expect(cases.reduce((n, c) => n + c.expect.length, 0)).toBe(3594);
});

test('at least one case', () => {
  expect(cases.length).toBeGreaterThan(0);
});

describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  const { analyzer, matrix } = load(c);
  const rows = c.expect.map((e) => ({ ...e, from: endName(e.from), to: endName(e.to) }));

  test('every expected verdict, one flow at a time', () => {
    const wrong = rows.filter((e) => analyzer.explain(e.from, e.to, e.port, e.protocol as Protocol).allowed !== e.allowed);
    expect(wrong).toEqual([]);
  });

  test('every expected verdict, through the matrix', () => {
    const wrong = rows.filter((e) => matrix.isAllowed(e.from, e.to, e.port, e.protocol as Protocol) !== e.allowed);
    expect(wrong).toEqual([]);
  });

  test('the full matrix: every cell the case states, and single flows agree on the cells it leaves out', () => {
    const key = (from: string, to: string, port: number, protocol: string) => `${from} ${to} ${port}/${protocol}`;
    const stated = new Map(rows.map((e) => [key(Endpoint.parse(e.from).id, Endpoint.parse(e.to).id, e.port, e.protocol), e.allowed]));
    const cells = matrix.entries();
    const pods = c.cluster.pods.length;
    // A case stating every ordered pair of distinct pods on every port is a full truth table.
    const podCells = cells.filter((e) => !e.from.startsWith('ip:') && !e.to.startsWith('ip:'));
    if (pods * (pods - 1) * matrix.ports.length === podCells.filter((e) => stated.has(key(e.from, e.to, e.port, e.protocol))).length) {
      expect(podCells.filter((e) => stated.get(key(e.from, e.to, e.port, e.protocol)) !== e.allowed)).toEqual([]);
    }
    const disagree = cells.filter((e) => !stated.has(key(e.from, e.to, e.port, e.protocol)) && analyzer.explain(e.from, e.to, e.port, e.protocol).allowed !== e.allowed);
    expect(disagree).toEqual([]);
    expect(matrix.countAllowed()).toBe(cells.filter((e) => e.allowed).length);
  });
});
