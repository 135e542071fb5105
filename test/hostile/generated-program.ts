import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { expect } from 'vitest';
import { scan } from '../import/scan';

// Shared by the hostile-identifier tests of `netpol import` (NetworkPolicy and cluster policies):
// the strings that have broken code generators, and what a generated program must look like for
// those strings to have stayed data.

/** Strings that have broken generators: line terminators, quotes, template and comment syntax. */
export const NASTY = ['\n', '\r', '\u2028', '\u2029', '\u0085', '`', '${', '}', '*/', '/*', '//', "'", '"', '\\', '\u0000', '\ud800', 'é', '\u{1F642}',
  '__proto__', 'constructor', 'require("fs")', 'globalThis.x=1;', ' ', '-', 'a'];

/** Any string, or pieces of the nasty ones glued together. */
export const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 16 }),
  fc.array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 3 })), { maxLength: 6 }).map((a) => a.join('')),
);

/** A small string map. */
export const map = (k: fc.Arbitrary<string>, v: fc.Arbitrary<string>) => fc.dictionary(k, v, { maxKeys: 3 });

/** Every word of the generator's source (lib/import): the only identifiers a program may hold besides its chart variables. */
const IMPORT_DIR = join(__dirname, '..', '..', 'lib', 'import');
export const GENERATOR_WORDS = new Set(readdirSync(IMPORT_DIR).flatMap((f) => readFileSync(join(IMPORT_DIR, f), 'utf8').match(/[A-Za-z_$][\w$]*/g) ?? []));

/**
 * The program is printable ASCII; the TypeScript scanner finds no template literal and only
 * one-line comments; its code identifiers are the ones the generator says it wrote, and its
 * keys are those or the input's own keys (data). Returns the generator's identifiers that are not
 * words of its source, for the caller to judge (chart variables).
 */
export function expectProgramStaysData(source: string, identifiers: string[], inputKeys: Set<string>): string[] {
  expect(source).toMatch(/^[\x20-\x7e\n]*$/);
  const s = scan(source);
  expect(s.unexpected).toEqual([]);
  for (const c of s.comments) expect(c).toMatch(/^\/\/[\x20-\x7e]*$/);
  const allowed = new Set(identifiers);
  expect(s.code.filter((w) => !allowed.has(w))).toEqual([]);
  expect(s.keys.filter((w) => !allowed.has(w) && !inputKeys.has(w))).toEqual([]);
  return identifiers.filter((w) => !GENERATOR_WORDS.has(w));
}
