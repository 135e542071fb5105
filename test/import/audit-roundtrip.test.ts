import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { generateTypeScript } from '../../lib/import';
import { readObjects } from '../../lib/manifest/read-objects';
import { normalizePolicy } from './normalize';
import { REPO, libraryFrom, removeTmp, resetTmp, synthProgram, typeErrors, writeProgram } from './program';

// The constructs write audit metadata by default; an imported program must still write exactly
// its input: no metadata added where the input has none, the input's kept where it has it.

const OFF_LINE = 'PolicyMetadata.of(app).configure({ audit: false });';
const PAYMENTS = parseAllDocuments(readFileSync(join(REPO, 'examples/yaml/payments.yaml'), 'utf8'))
  .map((d) => d.toJSON()).filter((o) => o?.kind === 'NetworkPolicy');
/** The tour as the library writes it: every policy with managed-by and intent. */
const WRITTEN = parseAllDocuments(readFileSync(join(REPO, 'test/examples/__snapshots__/tour.k8s.yaml'), 'utf8'))
  .map((d) => d.toJSON()).filter((o) => o?.kind === 'NetworkPolicy');

let dir = '';
beforeAll(() => { dir = resetTmp('audit'); });
afterAll(() => removeTmp('audit'));

const key = (p: any) => `${p.metadata.namespace}/${p.metadata.name}`;

/** Imports `input`, type-checks and runs the program; returns its source and the policies it writes. */
async function roundTrip(name: string, input: any[]): Promise<{ source: string; written: Map<string, any> }> {
  const specs = readObjects(input).policies;
  expect(typeErrors([writeProgram(dir, `typed_${name}`, generateTypeScript(specs).source)])).toEqual([]);
  const source = generateTypeScript(specs, { library: libraryFrom(dir) }).source;
  const written = (await synthProgram(writeProgram(dir, `run_${name}`, source))).filter((o) => o.kind === 'NetworkPolicy');
  return { source, written: new Map(written.map((p) => [key(p), p])) };
}

/** Every input policy comes out the same, labels and annotations included. */
function expectSame(input: any[], written: Map<string, any>): void {
  expect([...written.keys()].sort()).toEqual(input.map(key).sort());
  for (const p of input) expect(normalizePolicy(written.get(key(p))), key(p)).toEqual(normalizePolicy(p));
}

test('input without audit metadata: the program turns it off in one line, and writes exactly the input', async () => {
  expect(PAYMENTS.some((p) => p.metadata.labels?.['app.kubernetes.io/managed-by'])).toBe(false);
  const { source, written } = await roundTrip('none', PAYMENTS);
  expect(source.split('\n').filter((l) => l === OFF_LINE)).toHaveLength(1);
  expect(source).toContain('// The input carries no audit metadata (app.kubernetes.io/managed-by, netpol.cdk8s.io/intent): none is added.');
  expect(source).not.toContain('auditMetadata');
  expectSame(PAYMENTS, written);
  for (const p of written.values()) expect(p.metadata.annotations?.['netpol.cdk8s.io/intent'], key(p)).toBeUndefined();
});

test('input the library wrote (audit metadata on every policy): nothing turned off, the metadata written as it was', async () => {
  expect(WRITTEN.every((p) => p.metadata.labels?.['app.kubernetes.io/managed-by'] === 'cdk8s-netpol')).toBe(true);
  const { source, written } = await roundTrip('all', WRITTEN);
  expect(source).not.toContain('PolicyMetadata');
  expect(source).not.toContain('auditMetadata');
  expectSame(WRITTEN, written);
});

test('mixed input: only the policies without the metadata get auditMetadata: false', async () => {
  const input = [...WRITTEN, ...PAYMENTS];
  const { source, written } = await roundTrip('mixed', input);
  expect(source).not.toContain(OFF_LINE);
  const code = source.split('\n').filter((l) => !l.trimStart().startsWith('//')).join('\n');
  expect(code.match(/auditMetadata: false/g)).toHaveLength(PAYMENTS.length);
  expect(source).toContain('get `auditMetadata: false`.');
  expectSame(input, written);
});
