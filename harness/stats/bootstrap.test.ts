// The one bootstrap: seeded and reproducible, intervals that hold their estimate, and the two
// uses (a ratio within a bench, a difference between benches) built on the same draws.
import { describe, expect, test } from 'vitest';
import { mulberry32 } from '../prng.js';
import { FULL_RESAMPLE_LIMIT, bootstrapDifference, bootstrapDistribution, percentileInterval } from './bootstrap.js';
import { mean, median } from './samples.js';

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

// Long runs: groups beyond FULL_RESAMPLE_LIMIT are drawn m out of n and rescaled by √(m/n).
describe('bootstrapDistribution on long runs (m-out-of-n)', () => {
  // Seeded normal samples (Box–Muller) with mean `center` and coefficient of variation `cv`.
  const normal = (center: number, cv: number, n: number, seed: number) => {
    const random = mulberry32(seed);
    return Array.from({ length: n }, () => center * (1 + cv * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())));
  };

  test('the statistic never sees more than FULL_RESAMPLE_LIMIT samples of a group, and groups keep their proportions', () => {
    const sizes: number[][] = [];
    const spy = (groups: readonly (readonly number[])[]) => {
      sizes.push(groups.map((g) => g.length));
      return ratio(groups);
    };
    bootstrapDistribution([normal(2, 0.1, 50_000, 1), normal(1, 0.1, 10_000, 2)], spy, 20, 1);
    // The first call is the full-sample statistic, the centre of the rescaled draws.
    expect(sizes[0]).toEqual([50_000, 10_000]);
    expect(new Set(sizes.slice(1).map((s) => s.join(',')))).toEqual(new Set([`${FULL_RESAMPLE_LIMIT},${FULL_RESAMPLE_LIMIT / 5}`]));
  });

  // Ratio of means of two groups with CV 0.1 each: sd(log ratio) = 0.1·√(1/n₁ + 1/n₂), so the 95 %
  // interval of a ratio of 2 is 2·exp(±1.96·sd); the rescaled draws must give that width.
  test('the interval has the width of the full bootstrap: the analytic 95 % width of a ratio of means', () => {
    const [n1, n2] = [50_000, 30_000];
    const values = bootstrapDistribution([normal(2, 0.1, n1, 3), normal(1, 0.1, n2, 4)], ratio, 2000, 5);
    const [lo, hi] = percentileInterval(values, 0.025);
    const expected = 2 * 2 * 1.96 * 0.1 * Math.sqrt(1 / n1 + 1 / n2);
    expect((hi - lo) / expected).toBeGreaterThan(0.85);
    expect((hi - lo) / expected).toBeLessThan(1.15);
    expect(lo).toBeLessThan(ratio([normal(2, 0.1, n1, 3), normal(1, 0.1, n2, 4)]));
    expect(hi).toBeGreaterThan(ratio([normal(2, 0.1, n1, 3), normal(1, 0.1, n2, 4)]));
  });

  // The median's standard error is √(π/2) ≈ 1.2533 times the mean's, for normal samples.
  test('the same holds for a ratio of medians, the statistic of step ratios', () => {
    const n = 40_000;
    const medians = ([a, b]: readonly (readonly number[])[]) => median(a!) / median(b!);
    const values = bootstrapDistribution([normal(2, 0.1, n, 6), normal(1, 0.1, n, 7)], medians, 2000, 8);
    const [lo, hi] = percentileInterval(values, 0.025);
    const expected = 2 * 2 * 1.96 * 1.2533 * 0.1 * Math.sqrt(2 / n);
    expect((hi - lo) / expected).toBeGreaterThan(0.8);
    expect((hi - lo) / expected).toBeLessThan(1.2);
  });

  test('a small group keeps at least 100 draws: the fraction is raised for it', () => {
    const sizes: number[][] = [];
    const spy = (groups: readonly (readonly number[])[]) => (sizes.push(groups.map((g) => g.length)), ratio(groups));
    bootstrapDistribution([normal(2, 0.1, 20_000, 1), normal(1, 0.1, 400, 2)], spy, 5, 1);
    expect(sizes[1]).toEqual([5000, 100]);
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
