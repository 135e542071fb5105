import * as fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateTypeScript } from '../../lib/import';
import { ClusterPolicyInput } from '../../lib/import/cluster-policy-code';
import { clusterPolicyProblems } from '../../lib/import/cluster-policy-problems';
import { readObjects } from '../../lib/manifest/read-objects';
import { removeTmp, resetTmp, typeErrors, writeProgram } from '../import/program';
import { fuzzParams, fuzzTimeout } from '../property/fuzz-settings';
import { expectProgramStaysData, hostile, map } from './generated-program';

// import-identifiers.test.ts, for cluster policies: arbitrary strings in every position of a
// ClusterNetworkPolicy or AdminNetworkPolicy that reaches the program (file names, policy and
// rule names, labels, annotations, selector keys and values, namespace names, named ports) stay
// data. Input the reader or the import refuses is fine too: nothing is written then.

/** Mostly what the API accepts (so programs get written), one time in ten hostile. */
const mostly = (valid: fc.Arbitrary<string>) => fc.oneof({ weight: 9, arbitrary: valid }, { weight: 1, arbitrary: hostile });

const policy = fc.record({
  v1: fc.boolean(),
  name: mostly(fc.constantFrom('guard', 'tenants', 'a.b')),
  labels: fc.oneof(
    { weight: 2, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: map(hostile, hostile) },
    { weight: 3, arbitrary: map(fc.constantFrom('team', 'example.com/x'), fc.constantFrom('a', '')) },
  ),
  annotations: map(hostile, hostile),
  ruleName: hostile,
  key: mostly(fc.constantFrom('app', 'example.com/tier')),
  value: mostly(fc.constantFrom('web', '')),
  namespaces: fc.array(mostly(fc.constantFrom('shop', 'billing')), { minLength: 1, maxLength: 3 }),
  portName: mostly(fc.constantFrom('http', 'metrics')),
  priority: fc.integer({ min: 0, max: 1000 }),
  file: hostile,
}).map((p) => ({
  file: p.file,
  json: {
    apiVersion: `policy.networking.k8s.io/${p.v1 ? 'v1alpha1' : 'v1alpha2'}`,
    kind: p.v1 ? 'AdminNetworkPolicy' : 'ClusterNetworkPolicy',
    metadata: { name: p.name, labels: p.labels, annotations: p.annotations },
    spec: {
      ...(p.v1 ? {} : { tier: 'Admin' }),
      priority: p.priority,
      subject: { pods: { namespaceSelector: { matchLabels: { [p.key]: p.value } }, podSelector: { matchLabels: { [p.key]: p.value } } } },
      ingress: [{
        name: p.ruleName,
        action: p.v1 ? 'Allow' : 'Accept',
        from: [{ namespaces: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: p.namespaces }] } }],
        ...(p.v1 ? { ports: [{ namedPort: p.portName }] } : { protocols: [{ destinationNamedPort: p.portName }] }),
      }],
    },
  },
}));

let dir = '';
const typed: string[] = [];
let refused = 0;
beforeAll(() => { dir = resetTmp('hostile-cluster-identifiers'); });
afterAll(() => removeTmp('hostile-cluster-identifiers'));

test('arbitrary strings in every cluster policy input position stay data', () => {
  fc.assert(fc.property(fc.array(policy, { minLength: 1, maxLength: 2 }), (inputs) => {
    const jsons = inputs.map((i) => i.json);
    const specs = readObjects(jsons)._clusterPolicies;
    const clusterPolicies: ClusterPolicyInput[] = specs.map((spec) => {
      const json = [...jsons].reverse().find((j) => j.kind === spec.source && j.metadata.name === spec.name)!;
      return { spec, labels: json.metadata.labels, annotations: json.metadata.annotations };
    });
    if (specs.length === 0 || clusterPolicyProblems(clusterPolicies).length > 0) {
      refused++;
      return;
    }
    const origins = Object.fromEntries(specs.map((s, k) => [s.id, `${inputs[k % inputs.length].file}, document ${k + 1}`]));
    const { source, identifiers } = generateTypeScript([], { clusterPolicies, origins, sources: inputs.map((i) => i.file) });
    const inputKeys = new Set(clusterPolicies.flatMap((p) => [...Object.keys(p.labels ?? {}), ...Object.keys(p.annotations ?? {})])
      .concat(inputs.flatMap((i) => Object.keys(i.json.spec.subject.pods.podSelector.matchLabels))));
    expect(expectProgramStaysData(source, identifiers, inputKeys)).toEqual([]);
    typed.push(writeProgram(dir, `hostile_${typed.length}`, source));
  }), fuzzParams(30));
  // Most runs get past validation, so the checks above ran on programs, not only on refusals.
  expect(typed.length).toBeGreaterThan(refused / 2);
}, fuzzTimeout(60_000));

test('and every one of those programs type-checks', () => {
  expect(typed.length).toBeGreaterThan(0);
  expect(typeErrors(typed)).toEqual([]);
}, fuzzTimeout(120_000));
