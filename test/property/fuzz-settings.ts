import * as fc from 'fast-check';

// `npm test` runs every property with a fixed seed and a small bounded number of runs, so the
// suite is deterministic and fast. `npm run fuzz` (scripts/fuzz.sh) sets FUZZ_RUNS (and a fresh
// FUZZ_SEED, printed so a failure can be replayed) to run the same properties much longer.

const envRuns = Number(process.env.FUZZ_RUNS ?? '');
const envSeed = Number(process.env.FUZZ_SEED ?? '');

/** The seed every property uses: FUZZ_SEED when set, else a fixed one. */
export const SEED = Number.isInteger(envSeed) && process.env.FUZZ_SEED ? envSeed : 20261125;

/** True under `npm run fuzz`. */
export const FUZZING = Number.isInteger(envRuns) && envRuns > 0;

/** fast-check parameters: `runs` in `npm test`, FUZZ_RUNS (scaled by `weight`) when fuzzing. */
export function fuzzParams<T>(runs: number, weight = 1): fc.Parameters<T> {
  return {
    seed: SEED,
    numRuns: FUZZING ? Math.max(1, Math.round(envRuns * weight)) : runs,
    endOnFailure: true,
  };
}

/** A test timeout that grows with FUZZ_RUNS (vitest's default would cut a long fuzz run short). */
export function fuzzTimeout(ms: number): number {
  return FUZZING ? 24 * 60 * 60 * 1000 : ms;
}
