import { describe, expect, test } from 'vitest';
import { readYaml } from '../../lib/manifest/read-yaml';
import { MAX_DEPTH, measure } from '../../lib/manifest/read-yaml-limits';

// The reader's bounds, measured without recursion on the text and without expanding aliases.

describe('measure', () => {
  test('a shared object counts once per reference in the expanded size, once in the text', () => {
    const list = Array.from({ length: 100 }, (_, i) => i);
    expect(measure({ a: list, b: [list, list, list] })).toEqual({ added: 3 * 101, depth: 3 });
    expect(measure({ a: [1, 2], b: { c: 'x' } })).toEqual({ added: 0, depth: 2 });
  });

  test('nested sharing (a billion laughs) is measured without expanding it', () => {
    let level: unknown[] = ['lol'];
    for (let i = 0; i < 30; i++) level = [level, level];
    const m = measure(level);
    expect(m.added).toBeGreaterThan(2 ** 30);
    expect(m.depth).toBe(31);
  });

  test('a chain of shared objects nests deeper than the text: depth is measured on the expansion', () => {
    let v: unknown = 'x';
    for (let i = 0; i < MAX_DEPTH + 20; i++) v = [v];
    expect(measure(v).depth).toBe(MAX_DEPTH + 20);
  });

  test('a cycle counts once', () => {
    const a: unknown[] = [1];
    a.push(a);
    expect(measure(a)).toEqual({ added: 1, depth: 1 });
  });
});

describe('readYaml limits', () => {
  test.each([MAX_DEPTH - 5, MAX_DEPTH + 1])('flow nesting %i deep', (depth) => {
    const r = readYaml(`kind: Pod\nmetadata: {name: p}\nspec: ${'['.repeat(depth)}${']'.repeat(depth)}\n`, 'd.yaml');
    const limited = r.issues.filter((i) => i.code === 'read-limit');
    expect(limited.length).toBe(depth > MAX_DEPTH ? 1 : 0);
    expect(r.objects.length).toBe(depth > MAX_DEPTH ? 0 : 1);
  });

  test('an anchored list referenced a few times is fine (aliases are not refused as such)', () => {
    const r = readYaml('kind: ConfigMap\nmetadata: {name: c}\nbase: &b [1, 2, 3]\ndata: {a: *b, b: *b}\n', 'a.yaml');
    expect(r.issues).toEqual([]);
    expect(r.objects[0].json.data).toEqual({ a: [1, 2, 3], b: [1, 2, 3] });
  });
});
