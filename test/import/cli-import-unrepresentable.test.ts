import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { run } from '../cli/fake-io';
import { REPO } from './program';

// `netpol import` on input the constructs cannot write as it is: a field the API does not know
// is an error (as in `netpol check`); metadata the program leaves out is named, field by field,
// with file, document and line; the server's bookkeeping of a kubectl export is left out quietly.

const read = (p: string) => readFileSync(join(REPO, p), 'utf8');
const EXPORT = { 'export.yaml': read('test/fixtures/import/kubectl-export.yaml') };
const UNKNOWN = { 'typo.yaml': read('test/fixtures/import/unknown-field.yaml') };
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

test('an unknown field: exit 1 as netpol check, naming file, line, document, object and field; nothing written', async () => {
  const r = await run(['import', 'typo.yaml'], UNKNOWN);
  expect(r.code).toBe(1);
  expect((await run(['check', 'typo.yaml'], UNKNOWN)).code).toBe(1);
  expect(r.stdout).toBe('');
  const line = lineOf(UNKNOWN['typo.yaml'], 'podSelectr');
  expect(r.stderr).toMatch(new RegExp(`^typo\\.yaml:${line}: error unknown-field: NetworkPolicy shop/db-from-api \\(document 2\\) spec\\.podSelectr: .*the constructs cannot write it`, 'm'));
  expect(r.stderr).toContain('did you mean "podSelector"?');
  expect(r.stderr.match(/unknown-field/g)).toHaveLength(1);
  expect(r.stderr).toContain('Nothing written.');
});

test('a kubectl export: the program keeps labels and annotations, not the server\'s bookkeeping', async () => {
  const r = await run(['import', 'export.yaml'], EXPORT);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain("'meta.helm.sh/release-name': 'shop'");
  expect(r.stdout).toContain("'app.kubernetes.io/managed-by': 'Helm'");
  for (const left of ['last-applied-configuration', 'uid', 'resourceVersion', 'managedFields', 'creationTimestamp', 'ownerReferences']) {
    expect(r.stdout).not.toContain(left);
  }
  expect(r.stdout).toContain('// export.yaml, document 1, items[0]');
  expect(r.stdout).toContain('// export.yaml, document 1, items[1]');
});

test('what the program leaves out is named with file, line, document, object and field', async () => {
  const r = await run(['import', 'export.yaml'], EXPORT);
  const text = EXPORT['export.yaml'];
  expect(r.stderr).toContain(`export.yaml:${lineOf(text, 'ownerReferences:')}: warning import-not-carried: NetworkPolicy shop/api-from-web (document 1) metadata.ownerReferences: `);
  expect(r.stderr).toContain(`export.yaml:${lineOf(text, 'annotations:')}: note import-not-carried: NetworkPolicy shop/default-deny (document 1) metadata.annotations: `
    + 'the annotation kubectl.kubernetes.io/last-applied-configuration is not carried');
  expect(r.stderr).not.toMatch(/uid|resourceVersion|managedFields|creationTimestamp/);
});
