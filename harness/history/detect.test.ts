import { expect, test } from 'vitest';
import { findChanges } from './detect.js';
import { commitOf, levels, nights } from './fixtures/nights.js';
import { lastGoodCommit } from './last-good.js';
import { historySeries, type Series } from './series.js';

const baseSeries = (lines: ReturnType<typeof nights>): Series =>
  historySeries(lines, { metric: 'base step' }).find((s) => s.configuration === 'base-s0')!;

test('a +10 % step at night 30 of 60 is found within ±2 nights, as a regression beyond 5 %, and names the commits either side', () => {
  const lines = nights(levels(60, { at: 30, step: 10 }));
  const [found] = findChanges([baseSeries(lines)], { minEffect: 0.05 });
  expect(found!.changes).toHaveLength(1);
  const change = found!.changes[0]!;
  expect(Math.abs(change.index - 30)).toBeLessThanOrEqual(2);
  expect(change.magnitude).toBeGreaterThan(0.08);
  expect(change.magnitude).toBeLessThan(0.12);
  expect(change).toMatchObject({ regression: true, beyondMinEffect: true, commits: [commitOf(change.index - 1), commitOf(change.index)] });
  // 30 nights old: history, no longer among the latest nights.
  expect(change.recent).toBe(false);
  expect(change.fails).toBe(false);
});

test('a regression fails the nightly from the night it has held two nights, while it is among the latest five nights', () => {
  const all = levels(40, { at: 30, step: 10 });
  const failsOn = [] as number[];
  for (let n = 28; n <= 40; n++) {
    const [found] = findChanges([baseSeries(nights(all.slice(0, n)))], { minEffect: 0.05 });
    if (found!.changes.some((c) => c.fails)) failsOn.push(n - 1);
  }
  // Night 30 (0-based) is the first slow night: held two nights on night 31, five on night 34.
  expect(failsOn).toEqual([31, 32, 33, 34]);
});

test('one noisy last night never fails the nightly', () => {
  const values = [...levels(40), 130];
  const [found] = findChanges([baseSeries(nights(values))], { minEffect: 0.05 });
  expect(found!.changes.filter((c) => c.fails)).toEqual([]);
});

test('A/A: 60 nights of ±2 % noise give no change point', () => {
  for (const seed of [1, 2, 3]) {
    const [found] = findChanges([baseSeries(nights(levels(60, { seed })))], { minEffect: 0.05 });
    expect(found!.changes).toEqual([]);
  }
});

test('a faster night is an improvement, a less accurate one a regression; slowdowns are searched as 1 + slowdown', () => {
  const faster = nights(levels(40, { at: 20, step: -15 }));
  const [down] = findChanges([baseSeries(faster)], { minEffect: 0.05 });
  expect(down!.changes[0]).toMatchObject({ regression: false, fails: false });
  // The within-run slowdown goes from 8 % to 14 %: (1.14 / 1.08 − 1) = +5.6 %, a regression beyond 5 %.
  const slower = nights(levels(40), { slowdown: (night) => (night >= 20 ? 0.14 : 0.08) });
  const within = historySeries(slower, { metric: 'within-run slowdown' });
  const [found] = findChanges(within, { minEffect: 0.05 });
  expect(found!.changes).toHaveLength(1);
  expect(found!.changes[0]!.index).toBe(20);
  expect(found!.changes[0]!.magnitude).toBeCloseTo(1.14 / 1.08 - 1, 3);
  expect(found!.changes[0]!.regression).toBe(true);
});

test("absolute step times are split by machine; ratios and slowdowns follow every machine's nights", () => {
  const a = nights(levels(10), { machine: 'CPU A' });
  const b = nights(levels(10), { machine: 'CPU B' });
  const series = historySeries([...a, ...b]);
  const base = series.filter((s) => s.metric === 'base step' && s.configuration === 'base-s0');
  expect(base.map((s) => [s.machine, s.points.length])).toEqual([
    ['CPU A', 10],
    ['CPU B', 10],
  ]);
  const ratio = series.filter((s) => s.metric === 'SAM/base ratio');
  expect(ratio.map((s) => [s.machine, s.points.length])).toEqual([[null, 20]]);
  expect(historySeries([...a, ...b], { machine: 'CPU B', metric: 'base step' }).every((s) => s.machine === 'CPU B')).toBe(true);
});

test('the last good commit: the newest finished, unregressed night before a regression that is still the level', () => {
  const clean = nights(levels(20), { failedNights: [19], regressedNights: [18] });
  expect(lastGoodCommit(clean, 'nightly', findChanges(historySeries(clean)))).toBe(commitOf(17));
  const regressed = nights(levels(40, { at: 30, step: 10 }));
  expect(lastGoodCommit(regressed, 'nightly', findChanges(historySeries(regressed)))).toBe(commitOf(29));
  // Fixed at night 35 (back to 100): the regression is no longer the level, and the newest night is good again.
  const fixed = nights(levels(45, { at: 30, step: 10 }).map((v, i) => (i >= 35 ? v - 10 : v)));
  expect(lastGoodCommit(fixed, 'nightly', findChanges(historySeries(fixed)))).toBe(commitOf(44));
  expect(lastGoodCommit(clean, 'other suite', [])).toBeNull();
});
