import { describe, expect, test } from 'vitest';
import { LabelSelector, SelectorOperator } from '../../lib/model';

const { IN, NOT_IN, EXISTS, DOES_NOT_EXIST } = SelectorOperator;

describe('LabelSelector.matches (docs/semantics.md rule 19)', () => {
  test.each([
    ['In, value listed', LabelSelector.expressions({ key: 'tier', operator: IN, values: ['web', 'api'] }), { tier: 'api' }, true],
    ['In, value not listed', LabelSelector.expressions({ key: 'tier', operator: IN, values: ['web'] }), { tier: 'db' }, false],
    ['In, key absent', LabelSelector.expressions({ key: 'tier', operator: IN, values: ['web'] }), {}, false],
    ['NotIn, value listed', LabelSelector.expressions({ key: 'tier', operator: NOT_IN, values: ['web'] }), { tier: 'web' }, false],
    ['NotIn, other value', LabelSelector.expressions({ key: 'tier', operator: NOT_IN, values: ['web'] }), { tier: 'db' }, true],
    ['NotIn, key absent', LabelSelector.expressions({ key: 'tier', operator: NOT_IN, values: ['web'] }), { app: 'x' }, true],
    ['Exists, present with empty value', LabelSelector.expressions({ key: 'tier', operator: EXISTS }), { tier: '' }, true],
    ['Exists, absent', LabelSelector.expressions({ key: 'tier', operator: EXISTS }), {}, false],
    ['DoesNotExist, absent', LabelSelector.expressions({ key: 'tier', operator: DOES_NOT_EXIST }), { app: 'x' }, true],
    ['DoesNotExist, present', LabelSelector.expressions({ key: 'tier', operator: DOES_NOT_EXIST }), { tier: 'web' }, false],
    ['matchLabels all present', LabelSelector.labels({ app: 'web', env: 'prod' }), { app: 'web', env: 'prod', x: 'y' }, true],
    ['matchLabels one missing', LabelSelector.labels({ app: 'web', env: 'prod' }), { app: 'web' }, false],
    ['matchLabels value differs', LabelSelector.labels({ app: 'web' }), { app: 'Web' }, false],
    ['labels AND expressions', LabelSelector.of({ app: 'web' }, { key: 'env', operator: NOT_IN, values: ['dev'] }), { app: 'web', env: 'dev' }, false],
    ['everything() matches no labels', LabelSelector.everything(), {}, true],
    ['everything() matches any labels', LabelSelector.everything(), { a: 'b' }, true],
  ])('%s', (_name, selector, labels, expected) => {
    expect(selector.matches(labels)).toBe(expected);
  });

  test('a key inherited from Object.prototype is not a label', () => {
    expect(LabelSelector.expressions({ key: 'constructor', operator: EXISTS }).matches({})).toBe(false);
  });
});

describe('LabelSelector.toJson', () => {
  test('matchLabels keys are sorted whatever the insertion order', () => {
    const a = LabelSelector.labels({ zeta: '1', alpha: '2', mid: '3' });
    const b = LabelSelector.labels({ mid: '3', alpha: '2', zeta: '1' });
    expect(Object.keys(a.toJson().matchLabels!)).toEqual(['alpha', 'mid', 'zeta']);
    expect(JSON.stringify(a.toJson())).toBe(JSON.stringify(b.toJson()));
  });

  test('empty parts are omitted; everything() is {}', () => {
    expect(LabelSelector.everything().toJson()).toEqual({});
    expect(LabelSelector.labels({ app: 'web' }).toJson()).toEqual({ matchLabels: { app: 'web' } });
    expect(LabelSelector.expressions({ key: 'a', operator: EXISTS }).toJson()).toEqual({ matchExpressions: [{ key: 'a', operator: 'Exists' }] });
    expect('values' in LabelSelector.expressions({ key: 'a', operator: EXISTS }).toJson().matchExpressions![0]).toBe(false);
  });

  test('expressions keep their order and values', () => {
    const s = LabelSelector.expressions({ key: 'b', operator: IN, values: ['y', 'x'] }, { key: 'a', operator: DOES_NOT_EXIST });
    expect(s.toJson()).toEqual({
      matchExpressions: [{ key: 'b', operator: 'In', values: ['y', 'x'] }, { key: 'a', operator: 'DoesNotExist' }],
    });
  });
});

describe('LabelSelector construction', () => {
  test('everything() is the only way to the empty selector', () => {
    expect(LabelSelector.everything().isEverything()).toBe(true);
    expect(LabelSelector.labels({ a: 'b' }).isEverything()).toBe(false);
    expect(() => LabelSelector.labels({})).toThrow(/use LabelSelector\.everything\(\)/);
    expect(() => LabelSelector.expressions()).toThrow(/empty selector matches every object/);
  });

  test('invalid keys, values and expressions throw quoting the value', () => {
    expect(() => LabelSelector.labels({ 'app name': 'x' })).toThrow(/selector\.matchLabels: Invalid value: "app name": name part must consist/);
    expect(() => LabelSelector.labels({ app: '-web' })).toThrow(/Invalid value: "-web": a valid label must be an empty string/);
    expect(() => LabelSelector.expressions({ key: 'a', operator: IN })).toThrow(/matchExpressions\[0\]\.values: Required value/);
    expect(() => LabelSelector.expressions({ key: 'a', operator: EXISTS, values: ['x'] })).toThrow(/Forbidden: may not be specified/);
    expect(() => LabelSelector.expressions({ key: 'a', operator: 'in' as SelectorOperator, values: ['x'] })).toThrow(/"in": not a valid selector operator \(did you mean "In"\?\)/);
  });

  test.each([
    ['a key with a space', { 'app name': 'x' }, 'did you mean "app-name"?'],
    ['a key with an uppercase prefix', { 'Example.com/tier': 'x' }, 'did you mean "example.com/tier"?'],
    ['a value starting with a dash', { app: '-web' }, 'did you mean "web"?'],
    ['a value with a slash', { app: 'team/web' }, 'did you mean "team-web"?'],
    ['a 64-character value', { app: 'v'.repeat(64) }, `did you mean "${'v'.repeat(63)}"?`],
  ])('%s gets the nearest valid label as a hint', (_name, labels, hint) => {
    const [issue] = LabelSelector._fromJson({ matchLabels: labels }).validate('spec.podSelector');
    expect(issue.hint).toBe(hint);
    expect(() => LabelSelector.labels(labels)).toThrow(`(${hint})`);
  });

  test('expression keys and values get the same hints', () => {
    const issues = LabelSelector._fromJson({ matchExpressions: [{ key: 'app name', operator: IN, values: ['-web'] }] }).validate('s');
    expect(issues.map((i) => [i.field, i.hint])).toEqual([
      ['s.matchExpressions[0].key', 'did you mean "app-name"?'],
      ['s.matchExpressions[0].values[0]', 'did you mean "web"?'],
    ]);
  });

  test('the label maps are copied and frozen', () => {
    const labels = { app: 'web' };
    const s = LabelSelector.labels(labels);
    labels.app = 'changed';
    expect(s.matchLabels).toEqual({ app: 'web' });
    expect(Object.isFrozen(s.matchLabels)).toBe(true);
  });

  test('and() requires both', () => {
    const s = LabelSelector.labels({ app: 'web' }).and(LabelSelector.expressions({ key: 'env', operator: EXISTS }));
    expect(s.matches({ app: 'web', env: 'x' })).toBe(true);
    expect(s.matches({ app: 'web' })).toBe(false);
  });

  test('toString', () => {
    expect(LabelSelector.everything().toString()).toBe('{}');
    expect(LabelSelector.of({ b: '2', a: '1' }, { key: 'k', operator: NOT_IN, values: ['x', 'y'] }, { key: 'e', operator: DOES_NOT_EXIST }).toString())
      .toBe('a=1,b=2,k notin (x,y),!e');
  });

  test('_fromJson never throws; validate reports in apimachinery order (expressions, then matchLabels)', () => {
    const s = LabelSelector._fromJson({ matchLabels: { 'a b': 'x' }, matchExpressions: [{ key: 'k', operator: IN }] });
    expect(s.validate('spec.podSelector').map((i) => `${i.code} ${i.field}`)).toEqual([
      'V-8 spec.podSelector.matchExpressions[0].values',
      'V-5 spec.podSelector.matchLabels',
    ]);
    expect(LabelSelector._fromJson(null).isEverything()).toBe(true);
  });

  test('an empty key gets both apimachinery messages', () => {
    expect(LabelSelector._fromJson({ matchLabels: { '': 'x' } }).validate('s').map((i) => i.message)).toEqual([
      'Invalid value: "": name part must be non-empty',
      expect.stringMatching(/^Invalid value: "": name part must consist of/),
    ]);
  });
});
