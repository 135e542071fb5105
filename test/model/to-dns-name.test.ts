import * as fc from 'fast-check';
import { expect, test } from 'vitest';
import { toDnsName } from '../../lib/model/validation';

// toDnsName skips its rewriting when the text is already a DNS label without hyphen runs; the
// shortcut must give exactly what the rewriting gives.
const rewrite = (text: string) => text.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()
  .replace(/[^a-z0-9.-]+/g, '-').replace(/-+/g, '-').replace(/^[-.]+|[-.]+$/g, '');

test.each([
  ['FrontendToApi', 'frontend-to-api'], ['allow-dns', 'allow-dns'], ['a--b', 'a-b'], ['-a-', 'a'], ['Allow_DB', 'allow-db'], ['svc-42', 'svc-42'],
])('%j -> %j', (text, name) => {
  expect(toDnsName(text)).toBe(name);
});

test('the shortcut agrees with the rewriting on any text', () => {
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'aZ9-._ b'.split('')), maxLength: 10 }), (text) => {
    expect(toDnsName(text)).toBe(rewrite(text));
  }), { seed: 7, numRuns: 2000 });
});
