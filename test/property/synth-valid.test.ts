import * as fc from 'fast-check';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseNetworkPolicy } from '../../lib/manifest/parse-network-policy';
import { renderNetworkPolicy } from '../../lib/manifest/render-network-policy';
import { validateNetworkPolicyJson } from '../../lib/manifest/validate-network-policy';
import { policySpec } from './arb-model';
import { fuzzParams, fuzzTimeout } from './fuzz-settings';

/** What synthesis writes: the rendered object through YAML and back, as the API server reads it. */
function synthesized(spec: Parameters<typeof renderNetworkPolicy>[0]): { [key: string]: any } {
  return parse(stringify(renderNetworkPolicy(spec)));
}

describe('random valid models synthesize valid NetworkPolicies', () => {
  test('kubernetes-models 4.5.1 accepts every synthesized object', () => {
    fc.assert(
      fc.property(policySpec, (spec) => {
        const obj = synthesized(spec);
        expect(() => new NetworkPolicy(obj as any).validate()).not.toThrow();
      }),
      fuzzParams(300),
    );
  }, fuzzTimeout(20_000));

  test('our API-server validator finds nothing to report, even with strict CIDR checks', () => {
    fc.assert(
      fc.property(policySpec, (spec) => {
        const obj = synthesized(spec);
        expect(validateNetworkPolicyJson(obj, { requireNamespace: true, strictCidr: true })).toEqual([]);
      }),
      fuzzParams(300),
    );
  }, fuzzTimeout(20_000));

  test('the YAML states policyTypes explicitly and never writes an empty list', () => {
    fc.assert(
      fc.property(policySpec, (spec) => {
        const obj = synthesized(spec);
        expect(obj.spec.policyTypes.length).toBeGreaterThan(0);
        const emptyLists: string[] = [];
        const walk = (v: unknown, path: string) => {
          if (Array.isArray(v)) {
            if (v.length === 0) emptyLists.push(path);
            v.forEach((x, i) => walk(x, `${path}[${i}]`));
          } else if (v && typeof v === 'object') {
            for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
          }
        };
        walk(obj, '');
        expect(emptyLists).toEqual([]);
      }),
      fuzzParams(300),
    );
  }, fuzzTimeout(20_000));

  test('reading the synthesized YAML back gives the same policy (import(synth(x)) == x)', () => {
    fc.assert(
      fc.property(policySpec, (spec) => {
        const obj = synthesized(spec);
        const read = parseNetworkPolicy(obj);
        expect(read.issues.filter((i) => i.severity === 'error')).toEqual([]);
        expect(read.spec).toBeDefined();
        expect(synthesized(read.spec!)).toEqual(obj);
        expect(read.spec!.validate(true).filter((i) => i.severity === 'error')).toEqual([]);
      }),
      fuzzParams(300),
    );
  }, fuzzTimeout(20_000));

  test('synthesis is deterministic: the same model gives the same bytes', () => {
    fc.assert(
      fc.property(policySpec, (spec) => {
        expect(stringify(renderNetworkPolicy(spec))).toBe(stringify(renderNetworkPolicy(spec)));
      }),
      fuzzParams(100),
    );
  }, fuzzTimeout(20_000));
});
