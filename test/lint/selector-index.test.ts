import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LabelSelector, SelectorOperator } from '../../lib/model';
import { CoveringIndex } from '../../lib/lint/support/selector-index';
import { selectorCovers } from '../../lib/lint/support/selectors';

// The index must return exactly what a pairwise scan with selectorCovers returns, in order.
const labels = fc.dictionary(fc.constantFrom('app', 'tier', 'team', 'env'), fc.constantFrom('a', 'b'), { maxKeys: 4 });
const expr = fc.record({ key: fc.constantFrom('app', 'env'), operator: fc.constantFrom(SelectorOperator.IN, SelectorOperator.EXISTS), values: fc.constant(['a']).map((v) => [...v]) })
  .map((e) => (e.operator === SelectorOperator.EXISTS ? { key: e.key, operator: e.operator } : e));
const selector = fc.tuple(labels, fc.array(expr, { maxLength: 1 })).map(([l, e]) => LabelSelector._fromJson({ matchLabels: l, matchExpressions: e }));

describe('CoveringIndex', () => {
  test('agrees with a pairwise scan', () => {
    fc.assert(fc.property(fc.array(selector, { maxLength: 25 }), selector, (outers, inner) => {
      const index = new CoveringIndex<number>();
      outers.forEach((s, i) => index.add(s, i));
      const expected = outers.map((s, i) => [s, i] as const).filter(([s]) => selectorCovers(s, inner)).map(([, i]) => i);
      expect([...index.covering(inner)]).toEqual(expected);
    }), { numRuns: 500, seed: 42 });
  });

  test('take() is the first `limit` items of covering()', () => {
    // Few distinct selectors, so that lists hold many items and the limit matters.
    const labelsOnly = fc.dictionary(fc.constantFrom('app', 'tier'), fc.constant('a'), { maxKeys: 2 }).map((l) => LabelSelector._fromJson({ matchLabels: l }));
    // Selectors with labels only take the short way; any expression the general one.
    const outerSets = fc.oneof(fc.array(labelsOnly, { maxLength: 25 }), fc.array(selector, { maxLength: 25 }));
    fc.assert(fc.property(outerSets, selector, fc.integer({ min: 0, max: 8 }), (outers, inner, limit) => {
      const index = new CoveringIndex<number>();
      outers.forEach((s, i) => index.add(s, i));
      expect(index.take(inner, limit)).toEqual([...index.covering(inner)].slice(0, limit));
    }), { numRuns: 500, seed: 43 });
  });
});
