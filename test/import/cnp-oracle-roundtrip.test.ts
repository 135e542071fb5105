import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Analyzer } from '../../lib/analysis';
import { generateTypeScript } from '../../lib/import';
import { ClusterPolicyInput } from '../../lib/import/cluster-policy-code';
import { clusterPolicyProblems } from '../../lib/import/cluster-policy-problems';
import { readObjects } from '../../lib/manifest/read-objects';
import { Protocol } from '../../lib/model';
import { CaseCluster, clusterOfCase } from '../reference/case-cluster';
import { normalizePolicy } from './normalize';
import { asV1alpha2, normalizeClusterPolicy } from './normalize-cluster';
import { libraryFrom, removeTmp, resetTmp, synthProgram, typeErrors, writeProgram } from './program';

// Every ClusterNetworkPolicy truth-table case (test/fixtures/cnp-cases: each tier interaction,
// Pass, priorities, first match, ports, networks, hairpin, v1alpha1) goes through the import:
// the program type-checks, and synthesizing it gives the same cluster policies (v1alpha1 ones as
// the stated conversion), the same NetworkPolicies, and the case's verdicts. A case the
// constructs cannot write must be refused with a reason, never approximated.

const DIR = join(__dirname, '..', 'fixtures', 'cnp-cases');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
interface Case {
  name: string;
  cluster: CaseCluster;
  policies: any[];
  expect: Array<{ from: string | { ip: string }; to: string | { ip: string }; port: number; protocol: string; allowed: boolean }>;
}
const load = (f: string): Case => JSON.parse(readFileSync(join(DIR, f), 'utf8'));
const CLUSTER_KINDS = ['ClusterNetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy'];

function clusterInputs(objects: any[]): ClusterPolicyInput[] {
  return readObjects(objects)._clusterPolicies.map((spec) => {
    const json = [...objects].reverse().find((o) => o.kind === spec.source && o.metadata?.name === spec.name);
    return { spec, labels: json?.metadata?.labels, annotations: json?.metadata?.annotations };
  });
}

let dir = '';
const programs = new Map<string, { typed: string; runnable: string }>();
const refused = new Map<string, string[]>();
beforeAll(() => {
  dir = resetTmp('cnp-oracle');
  for (const f of files) {
    const c = load(f);
    const clusterPolicies = clusterInputs(c.policies);
    const problems = clusterPolicyProblems(clusterPolicies);
    if (problems.length > 0) {
      refused.set(f, problems.map((i) => `${i.object} ${i.field}: ${i.message}`));
      continue;
    }
    const specs = readObjects(c.policies).policies;
    const name = f.replace(/[^a-z0-9]+/gi, '_');
    programs.set(f, {
      typed: writeProgram(dir, `typed_${name}`, generateTypeScript(specs, { clusterPolicies }).source),
      runnable: writeProgram(dir, `run_${name}`, generateTypeScript(specs, { clusterPolicies, library: libraryFrom(dir) }).source),
    });
  }
});
afterAll(() => removeTmp('cnp-oracle'));

test('almost every case is imported; a refused one is refused for a priority tie, which the constructs reject', () => {
  expect(programs.size).toBeGreaterThan(files.length - 5);
  for (const [f, why] of refused) expect(why.join('\n'), f).toMatch(/priority \d+ is also given to/);
});

test('every generated program type-checks', () => {
  expect(typeErrors([...programs.values()].map((p) => p.typed))).toEqual([]);
}, 120_000);

describe.each(files)('%s', (f) => {
  test('same policies, same verdicts', async () => {
    const p = programs.get(f);
    if (!p) return; // refused: checked above
    const c = load(f);
    const synthesized = await synthProgram(p.runnable);
    const byName = (a: any, b: any) => (a.name < b.name ? -1 : 1);
    const cnps = synthesized.filter((o) => o.kind === 'ClusterNetworkPolicy').map(normalizeClusterPolicy).sort(byName);
    expect(cnps).toEqual(c.policies.filter((o) => CLUSTER_KINDS.includes(o.kind)).map((o) => normalizeClusterPolicy(asV1alpha2(o))).sort(byName));
    const key = (o: any) => `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`;
    const nps = new Map(c.policies.filter((o) => o.kind === 'NetworkPolicy').map((o) => [key(o), normalizePolicy(o)]));
    const gotNps = synthesized.filter((o) => o.kind === 'NetworkPolicy');
    expect(gotNps.map(key).sort()).toEqual([...nps.keys()].sort());
    for (const o of gotNps) expect(normalizePolicy(o)).toEqual(nps.get(key(o)));
    const analyzer = Analyzer.of(clusterOfCase(c.cluster, synthesized));
    for (const e of c.expect) {
      const name = (x: string | { ip: string }) => (typeof x === 'string' ? x : `ip:${x.ip}`);
      expect(analyzer.isAllowed(name(e.from), name(e.to), e.port, e.protocol as Protocol), `${name(e.from)} -> ${name(e.to)} ${e.port}/${e.protocol}`).toBe(e.allowed);
    }
  }, 30_000);
});
