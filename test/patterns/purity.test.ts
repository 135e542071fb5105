import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

// lib/patterns is a PURE layer (ARCHITECTURE.md): recipes only, no cdk8s, no node:*, no I/O. It reads
// the model, and lint's suppression annotation key.
const dir = join(__dirname, '../../lib/patterns');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('lib/patterns purity', () => {
  test.each(files)('%s imports only the pure layers', (file) => {
    const imports = [...readFileSync(join(dir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    const impure = imports.filter((i) => !i.startsWith('./') && !i.startsWith('../model') && i !== '../lint');
    expect(impure).toEqual([]);
  });
});
