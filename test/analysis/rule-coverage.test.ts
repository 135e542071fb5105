import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

// Every one of the 38 numbered rules of docs/semantics.md is written (or, for rules 34, 36 and 37,
// deliberately not modelled) somewhere in the pure core, with a comment citing it.

const ROOT = join(__dirname, '..', '..', 'lib');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : []);
}

/** Rule numbers cited as `rule 5`, `rules 26, 27 and 32`, `rules 13-15`. */
function cited(text: string): Set<number> {
  const out = new Set<number>();
  for (const m of text.matchAll(/\b[Rr]ules? ((?:\d+[a-c]?(?:, | and | or |-))*\d+[a-c]?)/g)) {
    for (const part of m[1].split(/, | and | or /)) {
      const [a, b] = part.split('-').map((x) => parseInt(x, 10));
      for (let i = a; i <= (b ?? a); i++) out.add(i);
    }
  }
  return out;
}

test('every docs/semantics.md rule is cited in lib/analysis, lib/model or lib/manifest', () => {
  const all = new Set<number>();
  for (const dir of ['analysis', 'model', 'manifest']) {
    for (const f of sources(join(ROOT, dir))) cited(readFileSync(f, 'utf8')).forEach((n) => all.add(n));
  }
  const missing = Array.from({ length: 38 }, (_, i) => i + 1).filter((n) => !all.has(n));
  expect(missing).toEqual([]);
});

test('the semantic predicates are the analyzer\'s only source of decisions', () => {
  // matrix-compute.ts decides through semantics.ts; it re-implements no selector or port logic.
  const compute = readFileSync(join(ROOT, 'analysis', 'matrix-compute.ts'), 'utf8');
  expect(compute).toMatch(/from '\.\/semantics'/);
  expect(compute).not.toMatch(/ipInCidr|\.operator\b|hasOwnProperty/);
});
