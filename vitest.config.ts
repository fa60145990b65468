import { defineConfig } from 'vitest/config';
import SkipReasons from './scripts/vitest-skip-reasons.js';

export default defineConfig({
  test: {
    include: ['harness/**/*.test.ts', 'schemas/**/*.test.ts', 'scripts/**/*.test.ts'],
    // No excludes: dist/ and node_modules/ lie outside these globs, and there are no GPU or
    // nightly test files (nightly CI runs suites/smoke.json through the CLI, not vitest).
    // Native TensorFlow is a process-wide addon: one process per test file, not threads.
    pool: 'forks',
    // The default reporter counts skipped tests; SkipReasons says which and why, after the summary.
    reporters: ['default', new SkipReasons()],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
