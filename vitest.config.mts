import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The JSON report feeds the `N passed, N failed` line that .ci/run prints.
export default defineConfig({
  // examples/org-library and examples/org-app import 'cdk8s-netpol' as a real library does: lib/
  // here (tsconfig.dev.json maps it the same way for tsc and tsx).
  resolve: { alias: [{ find: /^cdk8s-netpol$/, replacement: fileURLToPath(new URL('./lib/index.ts', import.meta.url)) }] },
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.ci/out/vitest.json' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
