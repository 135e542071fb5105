import { Bits, SizeSlices, hasBit, newBits, popcount32, setBit } from './bitset';
import { ComputedMatrix } from './matrix-compute';

// Counting the allowed cells of a matrix without visiting them: the sum, over ordered pairs of
// classes (s, d) that rule 10 allows (s's egress allows d AND d's ingress admits s), of
// size(s) * size(d), minus each endpoint paired with itself. The pairs split in three:
//   - d's ingress is open: s's egress decides, so each s adds size(s) * weight(egress(s) & open);
//   - d is ingress-isolated and s's egress is open: each d adds size(d) * weight(ingress(d) & open-egress);
//   - both isolated: the few pairs where both rows hold the other, found by walking the sparser side.
// Rows are shared between classes (matrix-compute.ts), so the weights are computed once per row.

/** Per-class facts shared by every port. */
export class CountMasks {
  public readonly weights: SizeSlices;
  public readonly ingressIsolated: Bits;
  public readonly egressIsolated: Bits;
  public readonly ingressOpen: Bits;
  public readonly egressOpen: Bits;

  public constructor(m: ComputedMatrix) {
    const C = m.classes.sizes.length;
    this.weights = new SizeSlices(m.classes.sizes);
    this.ingressIsolated = newBits(C);
    this.egressIsolated = newBits(C);
    this.ingressOpen = newBits(C);
    this.egressOpen = newBits(C);
    for (let c = 0; c < C; c++) {
      setBit(m.ingressIsolated[c] ? this.ingressIsolated : this.ingressOpen, c);
      setBit(m.egressIsolated[c] ? this.egressIsolated : this.egressOpen, c);
    }
  }
}

/** How many (source, destination) endpoint pairs, distinct endpoints, port `q` allows. */
export function countAllowedOnPort(m: ComputedMatrix, q: number, masks: CountMasks): number {
  const { sizes } = m.classes;
  const C = sizes.length;
  const ingress = m.ingress[q];
  const egress = m.egress[q];
  const w = masks.weights;
  let count = 0;

  // Destinations with open ingress.
  const openWeight = w.weight(masks.ingressOpen, masks.ingressOpen);
  const egressToOpen = new Map<Bits, number>();
  for (let s = 0; s < C; s++) {
    if (!m.egressIsolated[s]) {
      count += sizes[s] * openWeight;
      continue;
    }
    const row = egress[s]!;
    let x = egressToOpen.get(row);
    if (x === undefined) egressToOpen.set(row, (x = w.weight(row, masks.ingressOpen)));
    count += sizes[s] * x;
  }

  // Ingress-isolated destinations, sources with open egress.
  const fromOpen = new Map<Bits, number>();
  for (let d = 0; d < C; d++) {
    if (!m.ingressIsolated[d]) continue;
    const row = ingress[d]!;
    let x = fromOpen.get(row);
    if (x === undefined) fromOpen.set(row, (x = w.weight(row, masks.egressOpen)));
    count += sizes[d] * x;
  }

  count += isolatedPairs(m, q, masks);

  // Each endpoint with itself, counted above when its class allows itself.
  for (let c = 0; c < C; c++) {
    const egressOk = !m.egressIsolated[c] || hasBit(egress[c]!, c);
    if (egressOk && (!m.ingressIsolated[c] || hasBit(ingress[c]!, c))) count -= sizes[c];
  }
  return count;
}

/** Pairs of an egress-isolated source and an ingress-isolated destination that both rows allow. */
function isolatedPairs(m: ComputedMatrix, q: number, masks: CountMasks): number {
  const { sizes } = m.classes;
  const ingress = m.ingress[q];
  const egress = m.egress[q];
  // Walk from whichever side names fewer candidate pairs.
  const fromSources = candidatePairs(egress, m.egressIsolated, masks.ingressIsolated);
  const fromDestinations = candidatePairs(ingress, m.ingressIsolated, masks.egressIsolated);
  const [walked, walkedIsolated, mask, other] = fromSources <= fromDestinations
    ? [egress, m.egressIsolated, masks.ingressIsolated, ingress]
    : [ingress, m.ingressIsolated, masks.egressIsolated, egress];
  let count = 0;
  for (let a = 0; a < sizes.length; a++) {
    if (!walkedIsolated[a]) continue;
    const row = walked[a]!;
    let sum = 0;
    for (let word = 0; word < row.length; word++) {
      let x = row[word] & mask[word];
      while (x !== 0) {
        const low = x & -x;
        const b = (word << 5) + 31 - Math.clz32(low);
        if (hasBit(other[b]!, a)) sum += sizes[b];
        x ^= low;
      }
    }
    count += sizes[a] * sum;
  }
  return count;
}

/** Set bits of `rows[c] & mask` over the classes with a row, each distinct row counted once per use. */
function candidatePairs(rows: Array<Bits | undefined>, has: Uint8Array, mask: Bits): number {
  const bits = new Map<Bits, number>();
  let total = 0;
  for (let c = 0; c < has.length; c++) {
    if (!has[c]) continue;
    const row = rows[c]!;
    let n = bits.get(row);
    if (n === undefined) {
      n = 0;
      for (let word = 0; word < row.length; word++) n += popcount32(row[word] & mask[word]);
      bits.set(row, n);
    }
    total += n;
  }
  return total;
}
