#!/usr/bin/env bash
# Runs the property tests (test/property/, the hostile-input fuzz test, and the construct tests
# that hold synthesized JSON to cdk8s' own) with many more runs than `npm test` does.
#   FUZZ_RUNS  runs per property (default 5000)
#   FUZZ_SEED  seed (default: a fresh one, printed so that a failure can be replayed)
# Replay a failure: FUZZ_SEED=<seed> FUZZ_RUNS=<runs> npm run fuzz
set -euo pipefail
cd "$(dirname "$0")/.."
export FUZZ_RUNS="${FUZZ_RUNS:-5000}"
export FUZZ_SEED="${FUZZ_SEED:-$(( (RANDOM << 15) | RANDOM ))}"
echo "fuzz: FUZZ_RUNS=$FUZZ_RUNS FUZZ_SEED=$FUZZ_SEED"
exec npx vitest run test/property test/hostile/input-fuzz.test.ts test/constructs/written-json.test.ts "$@"
