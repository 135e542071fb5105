// Fixed-size bit sets over equivalence-class ids, for the matrix.

export type Bits = Uint32Array;

export function newBits(size: number): Bits {
  return new Uint32Array((size + 31) >>> 5);
}

export function allBits(size: number): Bits {
  const b = newBits(size);
  for (let i = 0; i < size; i++) b[i >>> 5] |= 1 << (i & 31);
  return b;
}

export function setBit(b: Bits, i: number): void {
  b[i >>> 5] |= 1 << (i & 31);
}

export function hasBit(b: Bits, i: number): boolean {
  return (b[i >>> 5] & (1 << (i & 31))) !== 0;
}

/** `into |= from`. */
export function orInto(into: Bits, from: Bits): void {
  for (let w = 0; w < into.length; w++) into[w] |= from[w];
}

/** `into |= a & b`. */
export function orAndInto(into: Bits, a: Bits, b: Bits): void {
  for (let w = 0; w < into.length; w++) into[w] |= a[w] & b[w];
}

/** Calls `f` with the index of every set bit, in increasing order. */
export function forEachBit(b: Bits, f: (i: number) => void): void {
  for (let w = 0; w < b.length; w++) {
    let x = b[w] | 0;
    while (x !== 0) {
      const low = x & -x;
      f((w << 5) + 31 - Math.clz32(low));
      x ^= low;
    }
  }
}

/** Set bits in one 32-bit word. */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Transposes the 32x32 bit block `a[o..o+31]` in place (bit c of word r <-> bit r of word c). */
export function transpose32(a: Uint32Array, o: number): void {
  let m = 0x0000ffff;
  for (let j = 16; j !== 0; j >>>= 1, m ^= m << j) {
    for (let k = 0; k < 32; k = (k + j + 1) & ~j) {
      const t = ((a[o + k] >>> j) ^ a[o + k + j]) & m;
      a[o + k] ^= t << j;
      a[o + k + j] ^= t;
    }
  }
}

/**
 * The transpose of a square bit matrix of `size` rows (row r: bits over columns, or undefined for
 * an empty row), as one flat array of `size` rows of `(size + 31) >>> 5` words each.
 */
export function transposeRows(rows: ArrayLike<Bits | undefined>, size: number, reuse?: Uint32Array): Uint32Array {
  const W = (size + 31) >>> 5;
  // `reuse`: the array a previous call returned for the same size, overwritten (one large
  // allocation instead of one per call: large buffers make V8 collect the whole heap).
  const out = reuse && reuse.length === size * W ? reuse.fill(0) : new Uint32Array(size * W);
  const block = new Uint32Array(32);
  for (let bi = 0; bi < W; bi++) {
    for (let bj = 0; bj < W; bj++) {
      let any = 0;
      for (let r = 0; r < 32; r++) {
        const row = rows[(bi << 5) + r];
        const x = row === undefined ? 0 : row[bj];
        block[r] = x;
        any |= x;
      }
      if (any === 0) continue;
      transpose32(block, 0);
      for (let c = 0; c < 32; c++) {
        const col = (bj << 5) + c;
        if (col < size) out[col * W + bi] = block[c];
      }
    }
  }
  return out;
}

/**
 * Weights (class sizes) bit-sliced, to count the endpoints in a set of classes without visiting
 * its bits: the sum over k of 2^k * popcount(set & slice k), slice k holding the classes whose
 * size has bit k set (empty slices dropped).
 */
export class SizeSlices {
  private readonly slices: Int32Array;
  private readonly weights: number[] = [];
  private readonly words: number;

  public constructor(sizes: number[]) {
    this.words = (sizes.length + 31) >>> 5;
    const byBit: Bits[] = [];
    sizes.forEach((size, c) => {
      for (let k = 0; size / 2 ** k >= 1; k++) {
        while (byBit.length <= k) byBit.push(newBits(sizes.length));
        if (Math.floor(size / 2 ** k) % 2 === 1) setBit(byBit[k], c);
      }
    });
    const kept = byBit.map((b, k) => [b, k] as const).filter(([b]) => b.some((x) => x !== 0));
    this.slices = new Int32Array(kept.length * this.words);
    kept.forEach(([b, k], i) => {
      this.slices.set(new Int32Array(b.buffer, b.byteOffset, this.words), i * this.words);
      this.weights.push(2 ** k);
    });
  }

  /** The total weight of the classes in `a & b`. */
  public weight(a: Bits, b: Bits): number {
    const W = this.words;
    const slices = this.slices;
    const weights = this.weights;
    let total = 0;
    for (let w = 0; w < W; w++) {
      const x = a[w] & b[w];
      if (x === 0) continue;
      for (let i = 0; i < weights.length; i++) total += popcount32(x & slices[i * W + w]) * weights[i];
    }
    return total;
  }
}

/**
 * Bit sets of one size carved out of shared slabs: thousands of small typed arrays, each with its
 * own buffer, cost the garbage collector far more than a few large ones.
 */
export function bitsAllocator(size: number, perSlab = 256): () => Bits {
  const words = (size + 31) >>> 5;
  let slab = new Uint32Array(0);
  let used = 0;
  return () => {
    if (used + words > slab.length) {
      slab = new Uint32Array(words * perSlab);
      used = 0;
    }
    const b = slab.subarray(used, used + words);
    used += words;
    return b;
  };
}
