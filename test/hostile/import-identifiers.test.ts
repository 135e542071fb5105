import * as fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateTypeScript } from '../../lib/import';
import { readObjects } from '../../lib/manifest/read-objects';
import { NetpolValidationError } from '../../lib/model/validation-error';
import { removeTmp, resetTmp, typeErrors, writeProgram } from '../import/program';
import { fuzzParams, fuzzTimeout } from '../property/fuzz-settings';
import { expectProgramStaysData, hostile, map } from './generated-program';

// Issue 11: arbitrary strings in every position of `netpol import`'s input that reaches the
// program (file names, policy names, namespaces, labels, annotations, selector values, namespace
// names, port names, CIDRs) stay data. The TypeScript scanner finds in the program no identifier
// but the generator's own, no template literal, and only one-line comments; the program is
// printable ASCII; and it type-checks. Input the generator refuses (a selector the API server
// rejects) throws a validation error, which is also fine: nothing is written then.

/**
 * What the library's factories validate (selector keys and values, namespace names, port names):
 * mostly valid (so the generator gets past validation and prints), in one policy of five hostile.
 */
const selectorParts = (key: fc.Arbitrary<string>, value: fc.Arbitrary<string>, name: fc.Arbitrary<string>) => fc.record({
  pods: map(key, value),
  peerPods: map(key, value),
  peerNamespace: name,
  values: fc.array(value, { minLength: 1, maxLength: 2 }),
  portName: name,
});
const selectors = fc.oneof(
  { weight: 4, arbitrary: selectorParts(fc.constantFrom('app', 'tier', 'example.com/team'), fc.constantFrom('web', 'db', ''), fc.constantFrom('shop', 'http')) },
  { weight: 1, arbitrary: selectorParts(hostile, hostile, hostile) },
);

const policy = fc.record({
  name: hostile,
  namespace: hostile,
  labels: map(hostile, hostile),
  annotations: map(hostile, hostile),
  selectors,
  cidr: fc.oneof(fc.constant('10.0.0.0/8'), hostile),
  file: hostile,
}).map(({ selectors: sel, ...p }) => ({ ...p, ...sel })).map((p) => ({
  file: p.file,
  json: {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy',
    metadata: { name: p.name, namespace: p.namespace, labels: p.labels, annotations: p.annotations },
    spec: {
      podSelector: { matchLabels: p.pods },
      ingress: [{
        from: [{ podSelector: { matchLabels: p.peerPods }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': p.peerNamespace } } }],
        ports: [{ port: p.portName }],
      }],
      egress: [{ to: [{ ipBlock: { cidr: p.cidr } }, { podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: p.values }] } }] }],
    },
  },
}));

let dir = '';
const typed: string[] = [];
let refused = 0;
beforeAll(() => { dir = resetTmp('hostile-identifiers'); });
afterAll(() => removeTmp('hostile-identifiers'));

test('arbitrary strings in every input position stay data', () => {
  fc.assert(fc.property(fc.array(policy, { minLength: 1, maxLength: 3 }), (inputs) => {
    const specs = readObjects(inputs.map((i) => i.json)).policies;
    const origins = Object.fromEntries(specs.map((s, k) => [s.id, `${inputs[k].file}, document ${k + 1}`]));
    let result;
    try {
      result = generateTypeScript(specs, { origins, sources: inputs.map((i) => i.file) });
    } catch (e) {
      // The generator builds every value with the library's factories, which refuse what the API server refuses.
      expect(e).toBeInstanceOf(NetpolValidationError);
      refused++;
      return;
    }
    const { source, identifiers } = result;
    const inputKeys = new Set(specs.flatMap((p) => [...Object.keys(p.labels), ...Object.keys(p.annotations)])
      .concat(inputs.flatMap((i) => [...Object.keys(i.json.spec.podSelector.matchLabels), ...Object.keys(i.json.spec.ingress[0].from[0].podSelector.matchLabels)])));
    // What the generator says it wrote comes from its own source, or is a chart variable.
    const variables = new Set([...source.matchAll(/^const (\w+) = new Chart\(/gm)].map((m) => m[1]));
    expect(expectProgramStaysData(source, identifiers, inputKeys).filter((w) => !variables.has(w))).toEqual([]);
    for (const v of variables) expect(v).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
    typed.push(writeProgram(dir, `hostile_${typed.length}`, source));
  }), fuzzParams(30));
  // Most runs get past validation, so the checks above ran on programs, not only on refusals.
  expect(typed.length).toBeGreaterThan(refused / 2);
}, fuzzTimeout(60_000));

test('and every one of those programs type-checks', () => {
  expect(typed.length).toBeGreaterThan(0);
  expect(typeErrors(typed)).toEqual([]);
}, fuzzTimeout(120_000));
