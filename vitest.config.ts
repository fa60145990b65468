import { defineConfig } from 'vitest/config';
import SkipReasons from './scripts/vitest-skip-reasons.js';

// Two tiers: `vitest run --project unit` (npm run test:fast), `--project e2e`; plain `vitest run`
// runs both. e2e is every test that starts a process or reads dist/: the built command lines,
// workers, the reaper, Python, npm pack, Chromium, a Slurm cluster. unit is the rest, in-process;
// harness/test-tiers.test.ts fails on a unit-tier file that spawns or reads dist/.
// No other excludes: dist/ and node_modules/ lie outside these globs, and there are no GPU or
// nightly test files (nightly CI runs suites/smoke.json through the CLI, not vitest).
const ROOTS = ['harness', 'schemas', 'scripts'];
export const E2E_PATTERNS = ['*.e2e.test.ts', '*.chromium.test.ts'];
const under = (patterns: readonly string[]): string[] => ROOTS.flatMap((root) => patterns.map((p) => `${root}/**/${p}`));

export default defineConfig({
  test: {
    // Native TensorFlow is a process-wide addon: one process per test file, not threads.
    pool: 'forks',
    // The default reporter counts skipped tests; SkipReasons says which and why, after the summary.
    reporters: ['default', new SkipReasons()],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: under(['*.test.ts']), exclude: under(E2E_PATTERNS) } },
      // Two files at a time even on 2 cores (vitest's default there is one): the Slurm file spends most
      // of its ~3 minutes waiting on its cluster, and the other files run beside it.
      { extends: true, test: { name: 'e2e', include: under(E2E_PATTERNS), maxWorkers: 2 } },
    ],
  },
});
