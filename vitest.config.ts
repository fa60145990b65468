import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['harness/**/*.test.ts', 'schemas/**/*.test.ts', 'scripts/**/*.test.ts'],
    // GPU and nightly suites need hardware or hours this machine does not have.
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.gpu.test.ts', '**/*.nightly.test.ts'],
    // Native TensorFlow is a process-wide addon: one process per test file, not threads.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
