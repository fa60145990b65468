import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['harness/**/*.test.ts', 'schemas/**/*.test.ts', 'scripts/**/*.test.ts'],
    // No excludes: dist/ and node_modules/ lie outside these globs, and there are no GPU or
    // nightly test files (nightly CI runs suites/smoke.json through the CLI, not vitest).
    // Native TensorFlow is a process-wide addon: one process per test file, not threads.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
