import * as fc from 'fast-check';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { Cluster } from '../../lib/analysis';
import { parseNetworkPolicy } from '../../lib/manifest/parse-network-policy';
import { readObjects } from '../../lib/manifest/read-objects';
import { readYaml } from '../../lib/manifest/read-yaml';
import { renderNetworkPolicy } from '../../lib/manifest/render-network-policy';
import { validateNetworkPolicyJson } from '../../lib/manifest/validate-network-policy';
import { Issue } from '../../lib/model';
import { policySpec } from './arb-model';
import { Mutation, jsonPaths, junk, mutate } from './clear-error';
import { fuzzParams, fuzzTimeout } from './fuzz-settings';

// Reading user manifests never throws: whatever the input, the reader and the validator answer
// with Issues that carry a code, a severity and a message. Inputs are valid policies with one
// random mutation (a value replaced by junk, a field deleted, an unknown field added), random
// Kubernetes-ish objects, and random or damaged YAML text.

/** A valid NetworkPolicy object with one random mutation. */
const mutatedPolicy: fc.Arbitrary<unknown> = fc
  .tuple(policySpec, fc.nat(), fc.constantFrom<Mutation>('replace', 'delete', 'add-unknown-field'), junk)
  .map(([spec, at, how, j]) => {
    const obj = renderNetworkPolicy(spec);
    const paths = jsonPaths(obj);
    return mutate(obj, paths[at % paths.length], how, j);
  });

const anyObject: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: mutatedPolicy },
  { weight: 1, arbitrary: junk },
  {
    weight: 1,
    arbitrary: fc.record({
      apiVersion: fc.constantFrom('v1', 'apps/v1', 'networking.k8s.io/v1'),
      kind: fc.constantFrom('Pod', 'Namespace', 'Deployment', 'NetworkPolicy', 'List', 'Service'),
      metadata: fc.oneof(junk, fc.record({ name: junk, namespace: junk, labels: junk })),
      spec: junk,
      status: junk,
      items: fc.array(junk, { maxLength: 2 }),
    }, { requiredKeys: ['kind'] }),
  },
);

function expectWellFormed(issues: Issue[]): void {
  for (const i of issues) {
    expect(typeof i.code).toBe('string');
    expect(['error', 'warning', 'info']).toContain(i.severity);
    expect(i.message.length).toBeGreaterThan(3);
    expect(i.code).not.toBe('internal-error');
  }
}

const T = fuzzTimeout(20_000);

describe('the reader and the validator answer every input with Issues, never a throw', () => {
  test('validateNetworkPolicyJson on damaged policies', () => {
    fc.assert(
      fc.property(mutatedPolicy, (obj) => {
        expectWellFormed(validateNetworkPolicyJson(obj));
        expectWellFormed(validateNetworkPolicyJson(obj, { requireNamespace: true, strictCidr: true }));
      }),
      fuzzParams(300),
    );
  }, T);

  test('what our validator accepts, kubernetes-models accepts too', () => {
    fc.assert(
      fc.property(mutatedPolicy, (obj) => {
        const issues = validateNetworkPolicyJson(obj);
        if (issues.some((i) => i.severity === 'error' || i.code === 'unknown-field')) return;
        // Current Kubernetes defaults an omitted spec.podSelector to {} (docs/semantics.md rule 4);
        // the older OpenAPI schema in kubernetes-models 4.5.1 still lists it as required.
        const spec = (obj as any)?.spec;
        if (spec && typeof spec === 'object' && !('podSelector' in spec)) return;
        // Go's decoder reads `null` as the zero value; the JSON schema rejects it. Not comparable.
        if (JSON.stringify(obj).includes('null')) return;
        expect(() => new NetworkPolicy(obj as any).validate()).not.toThrow();
      }),
      fuzzParams(300),
    );
  }, T);

  test('parseNetworkPolicy on damaged policies: a spec, or an error saying why not', () => {
    fc.assert(
      fc.property(mutatedPolicy, (obj) => {
        const parsed = parseNetworkPolicy(obj);
        expectWellFormed(parsed.issues);
        if (!parsed.spec) expect(parsed.issues.some((i) => i.severity === 'error')).toBe(true);
      }),
      fuzzParams(300),
    );
  }, T);

  test('readObjects and Cluster.fromManifests on lists of random objects', () => {
    fc.assert(
      fc.property(fc.array(anyObject, { maxLength: 5 }), (objects) => {
        expectWellFormed(readObjects(objects).issues);
        expectWellFormed(Cluster.fromManifests(objects as any[]).issues);
      }),
      fuzzParams(200),
    );
  }, T);

  test('readYaml on random text and on damaged YAML: issues name the file', () => {
    const damagedYaml = fc
      .tuple(fc.array(anyObject, { minLength: 1, maxLength: 3 }), fc.nat(), fc.string({ maxLength: 8 }), fc.nat(20))
      .map(([objs, at, insert, cut]) => {
        const yaml = objs.map((o) => stringify(o === undefined ? null : o)).join('---\n');
        const i = at % (yaml.length + 1);
        return yaml.slice(0, i) + insert + yaml.slice(i + cut);
      });
    const text = fc.oneof(damagedYaml, fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }));
    fc.assert(
      fc.property(text, (t) => {
        const read = readYaml(t, 'input.yaml');
        expectWellFormed(read.issues);
        for (const i of read.issues) expect(i.file).toBe('input.yaml');
        for (const o of read.objects) expect(o.file).toBe('input.yaml');
      }),
      fuzzParams(300),
    );
  }, T);
});
