// Issue 23, "an honest first run": the quick-start suite (suites/cpu-cnn.json) decides in about
// two minutes on a loaded 2-core machine only if each of its verdicts holds noise that a few
// processes can resolve: figures measured within each SAM process (the SAM/base step ratio from
// the run's own base steps, the within-run slowdown), never one against a no-SAM process, whose
// 5–20 % process-to-process noise would take about 100 pairs (docs/statistics.md).
import path from 'node:path';
import { expect, test } from 'vitest';
import { PROJECT_ROOT } from '../paths.js';
import { loadSuite } from './index.js';

const loaded = loadSuite(path.join(PROJECT_ROOT, 'suites', 'cpu-cnn.json'), { allowMissingData: true });
const expectations = loaded.suite.expect ?? [];

test('every expectation of the first suite is measured within the SAM processes', () => {
  expect(expectations.length).toBeGreaterThan(0);
  for (const e of expectations) {
    if (e.kind === 'slowdown') expect(e.reference, JSON.stringify(e)).toBe('within-run');
    else expect(e.kind, JSON.stringify(e)).toBe('step-ratio');
  }
  // A step ratio at interval 1 divides by another process's base steps.
  expect(loaded.suite.matrix?.interval).not.toContain(1);
});

test('it runs at least 3 processes per SAM interval, so each verdict has an interval from their spread', () => {
  const perInterval = new Map<number, number>();
  for (const run of loaded.runs) if (run.sam) perInterval.set(run.sam.interval, (perInterval.get(run.sam.interval) ?? 0) + 1);
  expect([...perInterval.values()].every((n) => n >= 3)).toBe(true);
});
