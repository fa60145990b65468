// The one bootstrap: seeded and reproducible, intervals that hold their estimate, and the two
// uses (a ratio within a bench, a difference between benches) built on the same draws.
import { describe, expect, test } from 'vitest';
import { bootstrapDifference, bootstrapDistribution, percentileInterval } from './bootstrap.js';
import { mean } from './samples.js';

// Deterministic step-like values, ±5 % around `center`.
const spread = (center: number, n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => center * (1 + 0.05 * Math.sin(seed * 31 + i * 7)));
const ratio = ([a, b]: readonly (readonly number[])[]) => mean(a!) / mean(b!);

describe('bootstrapDistribution', () => {
  test('one value per resample, ascending; constant groups give the statistic itself', () => {
    const values = bootstrapDistribution(
      [
        [2, 2, 2],
        [1, 1],
      ],
      ratio,
      50,
      3,
    );
    expect(values).toHaveLength(50);
    expect(new Set(values)).toEqual(new Set([2]));
    const spreadOut = bootstrapDistribution([spread(18, 15, 1), spread(10, 15, 2)], ratio, 200, 3);
    expect(spreadOut).toEqual([...spreadOut].sort((a, b) => a - b));
  });

  test('drops non-finite resamples, and refuses when none is left or the count is bad', () => {
    expect(() => bootstrapDistribution([[1], [0]], ratio, 10, 1)).toThrow('no resample gave a finite statistic');
    expect(() => bootstrapDistribution([[1]], ([a]) => a![0]!, 0, 1)).toThrow('resamples must be a positive integer');
  });

  test('percentileInterval reads the two tail quantiles', () => {
    expect(percentileInterval([0, 1, 2, 3, 4], 0.25)).toEqual([1, 3]);
    expect(percentileInterval([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.1)).toEqual([2, 10]);
  });
});

describe('bootstrapDifference', () => {
  test('the interval is seeded: the same input gives the same interval, and it holds the difference', () => {
    const groups = [spread(18, 15, 1), spread(10, 15, 2)];
    const one = bootstrapDifference(groups, groups, ratio, { seed: 7 });
    expect(bootstrapDifference(groups, groups, ratio, { seed: 7 })).toEqual(one);
    expect(one.difference).toBe(0);
    expect(one.ci[0]).toBeLessThanOrEqual(0);
    expect(one.ci[1]).toBeGreaterThanOrEqual(0);
    expect(one.level).toBe(0.99);
  });

  test('a planted change of +0.5 in the ratio lies inside its interval, and 0 does not', () => {
    const before = [spread(18, 30, 1), spread(10, 30, 2)];
    const after = [spread(23, 30, 3), spread(10, 30, 4)];
    const d = bootstrapDifference(before, after, ratio, { seed: 1, resamples: 500 });
    expect(d.difference).toBeCloseTo(0.5, 1);
    expect(d.ci[0]).toBeGreaterThan(0);
    expect(d.ci[0]).toBeLessThanOrEqual(d.difference);
    expect(d.ci[1]).toBeGreaterThanOrEqual(d.difference);
  });

  test('refuses a level outside (0, 1) and a statistic that is not finite', () => {
    expect(() => bootstrapDifference([[1]], [[1]], ([a]) => a![0]!, { level: 1 })).toThrow('level must be in (0, 1)');
    expect(() => bootstrapDifference([[1], [0]], [[1], [1]], ratio)).toThrow('statistic of the baseline is not finite');
  });
});
