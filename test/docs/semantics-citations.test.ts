import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';

// The rules lib/ cites live in docs/semantics.md, a file the repository has (the package ships
// API.md, whose doc comments come from lib/): no citation of SEMANTICS.md, a file it does not have,
// and every "docs/semantics.md rule N" names a rule that file numbers.

const REPO = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

/** The rule numbers of docs/semantics.md: its numbered items `N. **...**`. */
function documentedRules(): Set<number> {
  const text = readFileSync(join(REPO, 'docs', 'semantics.md'), 'utf8');
  return new Set([...text.matchAll(/^(\d+)\. \*\*/gm)].map((m) => Number(m[1])));
}

/** Rule numbers cited as `docs/semantics.md rule 5` or `rules 21-25`, across a comment's line break. */
function citedRules(text: string): number[] {
  const out: number[] = [];
  const re = /docs\/semantics\.md[\s*/]+rules?[\s*/]+((?:\d+(?:, | and |-))*\d+)/g;
  for (const m of text.matchAll(re)) {
    for (const part of m[1].split(/, | and /)) {
      const [a, b] = part.split('-').map(Number);
      for (let i = a; i <= (b ?? a); i++) out.push(i);
    }
  }
  return out;
}

const files = sources(join(REPO, 'lib'));

test('docs/semantics.md numbers its 38 rules', () => {
  expect([...documentedRules()]).toEqual(Array.from({ length: 38 }, (_, i) => i + 1));
});

test('no file in lib/ cites SEMANTICS.md', () => {
  const citing = files.filter((f) => readFileSync(f, 'utf8').includes('SEMANTICS.md')).map((f) => relative(REPO, f));
  expect(citing).toEqual([]);
});

test('every "docs/semantics.md rule N" in lib/ is a rule of docs/semantics.md', () => {
  const rules = documentedRules();
  const all = files.flatMap((f) => citedRules(readFileSync(f, 'utf8')).map((n) => ({ file: relative(REPO, f), rule: n })));
  expect(all.length).toBeGreaterThan(30);
  expect(all.filter((c) => !rules.has(c.rule))).toEqual([]);
});

test.each([
  ['(docs/semantics.md rule 20)', [20]],
  ['docs/semantics.md rules 21-25', [21, 22, 23, 24, 25]],
  ['(docs/semantics.md rule\n * 23): another', [23]],
  ['docs/semantics.md rules 26, 27 and 32', [26, 27, 32]],
])('citation %j names rules %j', (text, expected) => {
  expect(citedRules(text)).toEqual(expected);
});
