import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Analyzer, Cluster } from '../../lib/analysis';
import { generateTypeScript } from '../../lib/import';
import { readObjects } from '../../lib/manifest/read-objects';
import { validateNetworkPolicyJson } from '../../lib/manifest/validate-network-policy';
import { Protocol } from '../../lib/model';
import { AUDIT_LABELS, normalizePolicy } from './normalize';
import { exists, libraryFrom, removeTmp, resetTmp, synthProgram, typeErrors, writeProgram } from './program';

// Every oracle case's policies go through `generateTypeScript`; the program must type-check as a
// user would compile it, and synthesizing it must give policies with the same structure
// (normalized) and the same verdict on every flow of the case's cluster as the originals.

const CASES = process.env.NETPOL_ORACLE_CASES ?? join(__dirname, '..', 'fixtures', 'oracle', 'cases');
const files = exists(CASES) ? readdirSync(CASES).filter((f) => f.endsWith('.json')).sort() : [];

interface OracleCase {
  name: string;
  cluster: {
    namespaces: { [name: string]: { [k: string]: string } };
    pods: Array<{ namespace: string; name: string; labels: { [k: string]: string }; ip: string; ports: Array<{ name?: string; port: number; protocol?: string }> }>;
  };
  policies: any[];
  expect: Array<{ from: string | { ip: string }; to: string | { ip: string }; port: number; protocol: string; allowed: boolean }>;
}

const load = (f: string): OracleCase => JSON.parse(readFileSync(join(CASES, f), 'utf8'));
const safeName = (s: string) => s.replace(/[^a-z0-9]+/gi, '_');

function clusterObjects(c: OracleCase): unknown[] {
  return [
    ...Object.entries(c.cluster.namespaces).map(([name, labels]) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } })),
    ...c.cluster.pods.map((p) => ({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: p.name, namespace: p.namespace, labels: p.labels },
      spec: { containers: [{ name: 'c', image: 'agnhost', ports: p.ports.map((x) => ({ ...(x.name ? { name: x.name } : {}), containerPort: x.port, protocol: x.protocol ?? 'TCP' })) }] },
      status: { podIP: p.ip, podIPs: [{ ip: p.ip }] },
    })),
  ];
}

function matrixOf(c: OracleCase, policies: unknown[]) {
  const cluster = Cluster.fromManifests([...clusterObjects(c), ...policies]);
  const ports = [...new Map(c.expect.map((e) => [`${e.port}/${e.protocol}`, { port: e.port, protocol: e.protocol as Protocol }])).values()];
  const externals = [...new Set(c.expect.flatMap((e) => [e.from, e.to]).filter((x): x is { ip: string } => typeof x !== 'string').map((x) => x.ip))];
  return Analyzer.of(cluster).matrix({ ports, externals });
}

describe.skipIf(files.length === 0)('oracle cases imported to TypeScript', () => {
  let dir = '';
  const programs = new Map<string, { typed: string; runnable: string; constructs: { [c: string]: number } }>();

  beforeAll(() => {
    dir = resetTmp('oracle');
    for (const f of files) {
      const c = load(f);
      const specs = readObjects(c.policies).policies;
      const typed = generateTypeScript(specs);
      const runnable = generateTypeScript(specs, { library: libraryFrom(dir) });
      programs.set(f, {
        typed: writeProgram(dir, `typed_${safeName(f)}`, typed.source),
        runnable: writeProgram(dir, `run_${safeName(f)}`, runnable.source),
        constructs: typed.constructs,
      });
    }
  });
  afterAll(() => removeTmp('oracle'));

  test('every oracle policy is valid input', () => {
    for (const f of files) {
      const errors = load(f).policies.flatMap((p) => validateNetworkPolicyJson(p)).filter((i) => i.severity === 'error');
      expect(errors, f).toEqual([]);
    }
  });

  test('every generated program type-checks (strict, against the package entry point)', () => {
    expect(typeErrors([...programs.values()].map((p) => p.typed))).toEqual([]);
  }, 120_000);

  test('the programs differ only in the module they import the constructs from', () => {
    for (const p of programs.values()) {
      const a = readFileSync(p.typed, 'utf8').split('\n');
      const b = readFileSync(p.runnable, 'utf8').split('\n');
      const differing = a.filter((line, i) => line !== b[i]);
      expect(differing.every((l) => /from 'cdk8s-netpol';$/.test(l)), differing.join('\n')).toBe(true);
    }
  });

  test.each(files)('%s: same policies, same verdicts', async (f) => {
    const c = load(f);
    const synthesized = (await synthProgram(programs.get(f)!.runnable)).filter((o) => o.kind === 'NetworkPolicy');
    expect(synthesized.length).toBe(c.policies.length);

    // Structure: the same policies after normalization (pattern constructs add audit metadata only).
    const key = (p: any) => `${p.metadata.namespace ?? 'default'}/${p.metadata.name}`;
    const original = new Map(c.policies.map((p) => [key(p), p]));
    const want = new Map(c.policies.map((p) => [key(p), normalizePolicy(p)]));
    for (const got of synthesized) {
      expect(normalizePolicy(got, original.get(key(got))), key(got)).toEqual(want.get(key(got)));
      const extra = Object.keys(got.metadata.labels ?? {}).filter((k) => !(k in (want.get(key(got))!.labels ?? {})));
      expect(extra.every((k) => AUDIT_LABELS.includes(k))).toBe(true);
    }

    // Verdicts: every flow of the case, imported vs original, and vs the oracle.
    const before = matrixOf(c, c.policies);
    const after = matrixOf(c, synthesized);
    expect(after.entries()).toEqual(before.entries());
    for (const e of c.expect) {
      const name = (x: string | { ip: string }) => (typeof x === 'string' ? x : `ip:${x.ip}`);
      expect(after.isAllowed(name(e.from), name(e.to), e.port, e.protocol as Protocol), `${name(e.from)} -> ${name(e.to)} ${e.port}/${e.protocol}`).toBe(e.allowed);
    }
  });
});
