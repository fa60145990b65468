import { expect, test } from 'vitest';
import type { Comparison, MetricComparison } from '../compare/index.js';
import { formatCalibration, summarizeCalibration, type CalibrationPair } from './calibration.js';

// Only what the summary reads: each configuration's metrics, and the regression count.
function pair(seconds: number, changes: Record<string, number>[], regressions = 0): CalibrationPair {
  const configurations = changes.map((byMetric) => ({
    metrics: Object.entries(byMetric).map(([metric, change]) => ({ metric, change }) as MetricComparison),
  }));
  return { seconds, comparison: { configurations, regressions } as unknown as Comparison };
}

const pairs = [
  pair(100, [{ 'base step': 0.02 }, { 'base step': -0.04, 'SAM step': 0.01 }]),
  pair(140, [{ 'base step': 0.06 }, { 'base step': 0.01, 'SAM step': -0.03 }], 1),
  pair(120, [{ 'base step': -0.03 }, { 'base step': 0.05, 'SAM step': 0.02 }]),
];

test('A/A: the flagged pairs and the spread of |change| per metric', () => {
  const c = summarizeCalibration('smoke', pairs, 0, 0.05);
  expect(c.flaggedPairs).toBe(1);
  // base step |change|: 0.01 0.02 0.03 0.04 0.05 0.06 → median 0.035, largest 0.06
  expect(c.changes).toEqual([
    { metric: 'base step', medianAbs: 0.035, maxAbs: 0.06, n: 6 },
    { metric: 'SAM step', medianAbs: 0.02, maxAbs: 0.03, n: 3 },
  ]);
  expect(c.secondsPerPair).toEqual({ median: 120, max: 140 });
  expect(formatCalibration(c)).toContain('false positives: 1 of 3 pairs flagged a regression (33.3%)');
});

test('with an injected slowdown a flagged pair is a detection', () => {
  const text = formatCalibration(summarizeCalibration('smoke', pairs, 0.1, 0.05));
  expect(text).toContain('the second bench made 10.0% slower');
  expect(text).toContain('detected in 1 of 3 pairs (33.3%)');
});
