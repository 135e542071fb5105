import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { run, shopFiles } from '../cli/fake-io';
import { fuzzParams, fuzzTimeout } from '../property/fuzz-settings';

// Hostile texts (deep nesting, alias bombs, huge scalars, random bytes, mutated real manifests)
// through `netpol check`, `matrix` and `explain`: whatever the text, an exit code of 0, 1 or 2,
// bounded output, and no stack trace. `npm test` runs a few cases; `npm run fuzz` many more.

const POLICY = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: api}}\n  ingress:\n  - from:\n    - podSelector: {}\n    ports: [{port: 80}]\n';
const REAL = [...Object.values(shopFiles()), POLICY, readFileSync(join(__dirname, 'inputs', 'input', 'billion-laughs.yaml'), 'utf8')];

/** Nested collections, `depth` deep, in JSON, YAML flow or YAML block style, inside a Pod. */
const deep = fc.record({ depth: fc.integer({ min: 1, max: 3000 }), style: fc.constantFrom('json', 'flow', 'block'), open: fc.constantFrom('[', '{"a":') }).map(({ depth, style, open }) => {
  if (style === 'block') {
    const d = Math.min(depth, 400);
    return `kind: Pod\nmetadata: {name: d}\nspec:\n${Array.from({ length: d }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n')} 1\n`;
  }
  const close = open === '[' ? ']' : '}';
  const body = `${open.repeat(depth)}1${close.repeat(depth)}`;
  return style === 'json' ? `{"kind": "Pod", "metadata": {"name": "d"}, "spec": ${body}}` : `kind: Pod\nmetadata: {name: d}\nspec: ${body}\n`;
});

/** Anchored values referenced `fanout` times at each of `levels` levels. */
const aliases = fc.record({ levels: fc.integer({ min: 1, max: 9 }), fanout: fc.integer({ min: 1, max: 40 }), width: fc.integer({ min: 1, max: 200 }) }).map(({ levels, fanout, width }) => {
  const lines = ['kind: ConfigMap', 'metadata: {name: a}', `l0: &l0 [${Array.from({ length: width }, (_, i) => `v${i}`).join(', ')}]`];
  for (let i = 1; i <= levels; i++) lines.push(`l${i}: &l${i} [${Array.from({ length: fanout }, () => `*l${i - 1}`).join(', ')}]`);
  return lines.join('\n') + '\n';
});

const hugeScalar = fc.record({ size: fc.integer({ min: 1000, max: 300_000 }), quote: fc.constantFrom('', '"', "'") })
  .map(({ size, quote }) => `kind: Pod\nmetadata:\n  name: ${quote}${'x'.repeat(size)}${quote}\n  labels: {app: ${'y'.repeat(size)}}\n`);

const randomBytes = fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b).toString('utf8'));

const SNIPPETS = ['&a ', '*a', '<<: *a\n', '{', '}', '[', ']', '- ', ': ', '\n  ', '---\n', '"', "'", '!!binary ', '%YAML 1.2\n', '\u0000', '0443', 'yes', '\t', '? '];
/** A real manifest with a few random edits: snippets inserted, spans deleted or repeated. */
const mutated = fc.tuple(fc.constantFrom(...REAL), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.constantFrom(...SNIPPETS), fc.constantFrom('insert', 'delete', 'repeat')), { minLength: 1, maxLength: 6 }))
  .map(([text, edits]) => edits.reduce((t, [at, len, snippet, op]) => {
    const i = t.length === 0 ? 0 : at % t.length;
    if (op === 'insert') return t.slice(0, i) + snippet + t.slice(i);
    if (op === 'delete') return t.slice(0, i) + t.slice(i + len);
    return t.slice(0, i + len) + t.slice(i, i + len).repeat(50) + t.slice(i + len);
  }, text));

const hostile = fc.oneof(deep, aliases, hugeScalar, randomBytes, mutated);

const COMMANDS = [
  ['check', 'in.yaml'],
  ['matrix', 'in.yaml', '--port', '80'],
  ['explain', 'in.yaml', '--from', '203.0.113.9', '--to', 'shop/api', '--port', '80'],
];

describe('netpol on hostile input', () => {
  test('exit 0, 1 or 2; output bounded; never a stack trace', async () => {
    await fc.assert(fc.asyncProperty(hostile, fc.constantFrom(...COMMANDS), async (text, args) => {
      const r = await run(args, { 'in.yaml': text }, { env: { NETPOL_MAX_INPUT_MB: '1' } });
      expect([0, 1, 2]).toContain(r.code);
      expect(r.stdout.length + r.stderr.length).toBeLessThan(200_000 + 2 * text.length);
      expect(r.stdout + r.stderr).not.toMatch(/\n\s+at |looks like a bug|internal-error|FATAL ERROR|Maximum call stack/);
    }), fuzzParams(40, 0.2));
  }, fuzzTimeout(120_000));
});
