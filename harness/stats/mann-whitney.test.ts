import { describe, expect, test } from 'vitest';
import { mannWhitneyU, smallestMannWhitneyP } from './mann-whitney.js';
import { normalIsf, normalSf } from './normal.js';

// Expected values computed once with scipy 1.17.1:
//   mannwhitneyu(x, y, alternative='two-sided', method='asymptotic', use_continuity=True)
const steps = {
  x: Array.from({ length: 30 }, (_, i) => 10 + ((i * 7) % 13) / 10),
  y: Array.from({ length: 30 }, (_, i) => 10.5 + ((i * 5) % 11) / 10),
};

describe('mannWhitneyU matches scipy', () => {
  test.each([
    ['fully separated', [1, 2, 3, 4, 5], [6, 7, 8, 9, 10], 0, 0.012185780355344813],
    ['with ties', [1, 2, 2, 3, 4, 4, 5], [2, 3, 3, 5, 6, 6, 7, 8], 12.5, 0.0795647345931905],
    ['every value tied', [3, 3, 3], [3, 3, 3, 3], 6, 1],
    ['the same sample twice', [1, 5, 2, 8, 3], [1, 5, 2, 8, 3], 12.5, 1],
    ['30 step-like values each', steps.x, steps.y, 191, 0.0001273501071125528],
  ])('%s', (_, x, y, u, p) => {
    const result = mannWhitneyU(x, y);
    expect(result.u).toBe(u);
    // erfc's relative error is below 1.2e-7.
    expect(Math.abs(result.p - p) / p).toBeLessThan(1e-6);
  });

  test('is symmetric: swapping the samples gives U₂ = n₁n₂ − U₁ and the same p', () => {
    const a = mannWhitneyU(steps.x, steps.y);
    const b = mannWhitneyU(steps.y, steps.x);
    expect(b.u).toBe(30 * 30 - a.u);
    expect(b.p).toBe(a.p);
  });

  test('rejects empty and non-finite samples', () => {
    expect(() => mannWhitneyU([], [1])).toThrow('two non-empty samples; got 0 and 1');
    expect(() => mannWhitneyU([1, NaN], [1])).toThrow('finite values; got NaN');
  });
});

test('smallestMannWhitneyP is the p of two fully separated samples without ties', () => {
  expect(smallestMannWhitneyP(5, 5)).toBeCloseTo(mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]).p, 12);
  expect(smallestMannWhitneyP(4, 4)).toBeGreaterThan(0.01);
  expect(smallestMannWhitneyP(30, 30)).toBeLessThan(1e-9);
});

describe('the standard normal tail', () => {
  test('normalSf and normalIsf agree with scipy.stats.norm', () => {
    expect(normalSf(0)).toBeCloseTo(0.5, 7);
    expect(normalSf(1.959963984540054)).toBeCloseTo(0.025, 7);
    expect(normalSf(-1)).toBeCloseTo(0.8413447460685429, 7);
    expect(normalIsf(0.005)).toBeCloseTo(2.5758293035489004, 6);
    expect(() => normalIsf(0.7)).toThrow('(0, 0.5]');
  });
});
