import { describe, expect, test } from 'vitest';
import { LabelSelector } from '../../lib/model';
import { selectorsDisjoint } from '../../lib/model/selector-disjoint';

// Two selectors are disjoint when no label set satisfies both (all of matchLabels and
// matchExpressions must hold). "Not disjoint" is the safe answer when unsure.
const sel = (json: object) => LabelSelector._fromJson(json as never);

describe('selectorsDisjoint', () => {
  test.each([
    ['different values of one key', { matchLabels: { app: 'web' } }, { matchLabels: { app: 'db' } }, true],
    ['the same value', { matchLabels: { app: 'web' } }, { matchLabels: { app: 'web' } }, false],
    ['different keys', { matchLabels: { app: 'web' } }, { matchLabels: { tier: 'db' } }, false],
    ['everything against anything', {}, { matchLabels: { app: 'web' } }, false],
    ['In sets that do not meet', { matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'b'] }] }, { matchExpressions: [{ key: 'app', operator: 'In', values: ['c'] }] }, true],
    ['In sets that meet', { matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'b'] }] }, { matchLabels: { app: 'b' } }, false],
    ['Exists against DoesNotExist', { matchExpressions: [{ key: 'team', operator: 'Exists' }] }, { matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }, true],
    ['a value against DoesNotExist', { matchLabels: { team: 'x' } }, { matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }, true],
    ['NotIn never proves disjointness', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, { matchLabels: { app: 'web' } }, false],
  ])('%s', (_what, a, b, expected) => {
    expect(selectorsDisjoint(sel(a), sel(b))).toBe(expected);
    expect(selectorsDisjoint(sel(b), sel(a))).toBe(expected);
  });
});
