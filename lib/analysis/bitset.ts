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
