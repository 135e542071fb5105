import * as fc from 'fast-check';
import { expect, test } from 'vitest';
import { renderNetworkPolicy } from '../../lib/manifest/render-network-policy';
import { validateNetworkPolicyJson } from '../../lib/manifest/validate-network-policy';
import { PolicySpec, Severity } from '../../lib/model';
import { policySpec } from './arb-model';
import { fuzzParams, fuzzTimeout } from './fuzz-settings';

// Synthesis validates a policy with the model's checks only (PolicyObject): the rendered JSON is
// not validated again. That is sound only if whatever the API server would reject in the JSON the
// model rejects first. Values (selectors, peers, ports) come from factories that throw on bad
// input; what a construct passes unchecked is metadata. So: random metadata, some of it invalid,
// on random valid specs; whenever the model finds no error, the server-side validator finds none.

/** Mostly valid values, invalid ones one time in four. */
const sample = (good: string[], bad: string[]) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: fc.constantFrom(...bad) });
const name = sample(['web', 'allow-dns', 'a.b', 'x'.repeat(253)], ['', 'Web', 'a_b', '-a', 'a..b', 'x'.repeat(254), 'a b']);
const namespace = sample(['payments', 'a', 'x'.repeat(63)], ['', 'Pay', 'a.b', 'x'.repeat(64), '-ns']);
const labelKey = sample(['app', 'example.com/team', 'a_b.c-d'], ['', '/x', 'Bad Key', 'x'.repeat(64), 'a/b/c', '-a']);
const labelValue = sample(['', 'v', 'a_b.c-d'], ['-v', 'a b', 'x'.repeat(64), 'ü']);
const annotationKey = sample(['note', 'example.com/intent'], ['', 'bad key', '/x']);
const annotationValue = sample(['', 'any text at all: even / and spaces'], ['x'.repeat(262145)]);

const withMetadata = fc.tuple(
  policySpec, name, namespace,
  fc.dictionary(labelKey, labelValue, { maxKeys: 2 }),
  fc.dictionary(annotationKey, annotationValue, { maxKeys: 2 }),
).map(([spec, n, ns, labels, annotations]) => PolicySpec._of({
  name: n, namespace: ns, podSelector: spec.podSelector, ingress: spec.ingress, egress: spec.egress,
  policyTypes: spec.policyTypes, labels, annotations,
}));

test('a spec the model accepts renders to JSON the API server accepts', () => {
  let accepted = 0;
  fc.assert(fc.property(withMetadata, (spec) => {
    const modelErrors = spec.validate(true).filter((i) => i.severity === Severity.ERROR);
    const serverErrors = validateNetworkPolicyJson(renderNetworkPolicy(spec), { requireNamespace: true, strictCidr: true })
      .filter((i) => i.severity === Severity.ERROR);
    if (modelErrors.length === 0) {
      accepted++;
      expect(serverErrors).toEqual([]);
    } else {
      // And the model does not invent errors the server would not report.
      expect(serverErrors.length).toBeGreaterThan(0);
    }
  }), fuzzParams(400));
  expect(accepted).toBeGreaterThan(40);
}, fuzzTimeout(30_000));
