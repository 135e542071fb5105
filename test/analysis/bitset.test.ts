import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hasBit, newBits, popcount32, setBit, transposeRows } from '../../lib/analysis/bitset';

describe('bit sets', () => {
  test('popcount32 counts the set bits of any 32-bit word', () => {
    fc.assert(fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (x) => {
      const naive = [...(x >>> 0).toString(2)].filter((b) => b === '1').length;
      expect(popcount32(x)).toBe(naive);
    }));
  });

  test('transposeRows gives bit (c, r) for every bit (r, c), empty rows included', () => {
    const matrix = fc.integer({ min: 1, max: 100 }).chain((size) => fc.tuple(
      fc.constant(size),
      fc.array(fc.option(fc.uniqueArray(fc.integer({ min: 0, max: size - 1 })), { nil: undefined }), { minLength: size, maxLength: size }),
    ));
    fc.assert(fc.property(matrix, ([size, cells]) => {
      const rows = cells.map((cols) => {
        if (cols === undefined) return undefined;
        const b = newBits(size);
        cols.forEach((c) => setBit(b, c));
        return b;
      });
      const t = transposeRows(rows, size);
      const W = (size + 31) >>> 5;
      for (let r = 0; r < size; r++) {
        for (let c = 0; c < size; c++) {
          expect(hasBit(t.subarray(c * W, (c + 1) * W), r), `(${r}, ${c})`).toBe(rows[r] !== undefined && hasBit(rows[r]!, c));
        }
      }
    }), { numRuns: 60 });
  });
});
