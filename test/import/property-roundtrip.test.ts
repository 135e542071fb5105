import * as fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateTypeScript } from '../../lib/import';
import { readObjects } from '../../lib/manifest/read-objects';
import { rawPolicies, refCluster } from '../property/arb-cluster';
import { fuzzParams, fuzzTimeout } from '../property/fuzz-settings';
import { clusterObjects, verdictMatrix } from './cluster-verdicts';
import { normalizePolicy } from './normalize';
import { libraryFrom, removeTmp, resetTmp, synthProgram, typeErrors, writeProgram } from './program';

// Random clusters and random raw policies (every quirk the API server accepts: omitted or empty
// policyTypes, `egress: []`, `from: []`, `ports: [{}]`, host bits, both selectors in one peer):
// the imported program synthesizes the same normalized policies with the same verdict on every
// flow, and every program type-checks.

let dir = '';
const typed: string[] = [];
beforeAll(() => { dir = resetTmp('property'); });
afterAll(() => removeTmp('property'));


let runs = 0;
test('random policies: imported, synthesized, same structure and same verdicts', async () => {
  await fc.assert(fc.asyncProperty(refCluster, rawPolicies(4), async (cluster, policies) => {
    const specs = readObjects(policies).policies;
    fc.pre(specs.length > 0);
    const n = runs++;
    typed.push(writeProgram(dir, `typed_${n}`, generateTypeScript(specs).source));
    const file = writeProgram(dir, `run_${n}`, generateTypeScript(specs, { library: libraryFrom(dir) }).source);
    const synthesized = (await synthProgram(file)).filter((o) => o.kind === 'NetworkPolicy');
    const key = (p: any) => `${p.metadata.namespace}/${p.metadata.name}`;
    const original = new Map(policies.map((p) => [key(p), p]));
    expect(synthesized.map(key).sort()).toEqual([...original.keys()].sort());
    // By default nothing is added (no audit metadata either): compared without forgiving any key.
    for (const got of synthesized) expect(normalizePolicy(got)).toEqual(normalizePolicy(original.get(key(got))!));
    const objects = clusterObjects(cluster);
    expect(verdictMatrix([...objects, ...synthesized])).toEqual(verdictMatrix([...objects, ...policies]));
  }), fuzzParams(40, 0.2));
  expect(runs).toBeGreaterThan(0);
}, fuzzTimeout(120_000));

test('and every one of those programs type-checks', () => {
  expect(typed.length).toBe(runs);
  expect(typeErrors(typed)).toEqual([]);
}, fuzzTimeout(120_000));
