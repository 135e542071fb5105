import { defineConfig } from 'vitest/config';

// The JSON report feeds the `N passed, N failed` line that .ci/run prints.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.ci/out/vitest.json' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
