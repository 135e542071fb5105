import { describe, expect, test } from 'vitest';
import { QUOTE_LIMIT, quote } from '../../lib/model/validation/quote';
import { run } from '../cli/fake-io';

// Issue 11: messages quote huge values abbreviated, not whole.

describe('quote', () => {
  test.each([
    ['Allow_DB', '"Allow_DB"'],
    [0, '0'],
    ['x'.repeat(QUOTE_LIMIT), JSON.stringify('x'.repeat(QUOTE_LIMIT))],
    ['x'.repeat(QUOTE_LIMIT + 1), `"${'x'.repeat(QUOTE_LIMIT)}"…(${QUOTE_LIMIT + 1} characters)`],
    [{ a: 'y'.repeat(100) }, `${JSON.stringify({ a: 'y'.repeat(100) }).slice(0, QUOTE_LIMIT)}…(${JSON.stringify({ a: 'y'.repeat(100) }).length} characters)`],
  ])('%j -> %s', (value, quoted) => {
    expect(quote(value)).toBe(quoted);
  });

  test('a surrogate pair at the cut is not split', () => {
    const text = `${'a'.repeat(QUOTE_LIMIT - 1)}😀${'b'.repeat(10)}`;
    expect(quote(text)).toBe(`"${'a'.repeat(QUOTE_LIMIT - 1)}"…(${text.length} characters)`);
  });
});

describe('a 20 MB label value', () => {
  const huge = 'v'.repeat(20 * 1024 * 1024);
  const longest = (s: string) => Math.max(...s.split('\n').map((l) => l.length));

  test('check: the policy selector message is one short line', async () => {
    const policy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: np, namespace: ns}
spec:
  podSelector: {matchLabels: {app: ${huge}}}
`;
    const r = await run(['check', 'np.yaml', '--no-lint'], { 'np.yaml': policy });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`spec.podSelector.matchLabels: Invalid value: "${'v'.repeat(QUOTE_LIMIT)}"…(${huge.length} characters): must be no more than 63 characters`);
    expect(longest(r.stdout)).toBeLessThan(400);
  });

  test('matrix: a pod label is reported in a short line', async () => {
    const pod = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ns, labels: {app: ${huge}}}
`;
    const r = await run(['matrix', 'pod.yaml', '--port', '80'], { 'pod.yaml': pod });
    expect(r.stderr).toContain(`metadata.labels: Invalid value: "${'v'.repeat(QUOTE_LIMIT)}"…(${huge.length} characters)`);
    expect(longest(r.stderr)).toBeLessThan(400);
  });
});
