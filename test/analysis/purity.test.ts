import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

// ARCHITECTURE.md: lib/analysis is pure. It imports only the layers above it (model, manifest),
// its own files, the pure dialect slices (lib/dialects/<dialect>/) and ipaddr.js: no cdk8s, no
// constructs, no node:*, no I/O.
const DIR = join(__dirname, '../../lib/analysis');
const ALLOWED = [/^\.\/[a-z-]+$/, /^\.\.\/model(\/[a-z-/]+)?$/, /^\.\.\/manifest\/(read-[a-z-]+|parse-[a-z-]+)$/, /^\.\.\/dialects\/[a-z-]+\/[a-z-]+$/, /^ipaddr\.js$/];

test.each(readdirSync(DIR).filter((f) => f.endsWith('.ts')))('lib/analysis/%s imports only pure layers', (file) => {
  const source = readFileSync(join(DIR, file), 'utf8');
  const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
  expect(imports.filter((i) => !ALLOWED.some((re) => re.test(i)))).toEqual([]);
  expect(source).not.toMatch(/\bprocess\.|\brequire\(/);
});
