// Ratios of medians and of means with their seeded bootstrap intervals, on hand-checkable samples.
import { describe, expect, test } from 'vitest';
import { ratioOfMeans, ratioOfMedians } from './ratio.js';
import type { Samples } from './samples.js';

describe('ratioOfMedians', () => {
  const slow: Samples = [12.1, 11.8, 13.4, 12.6, 12.0, 15.2, 11.9, 12.3, 12.8, 12.2];
  const fast: Samples = [6.1, 6.3, 5.9, 6.0, 7.4, 6.2, 6.1, 6.6, 6.0, 6.2];

  test('[2, 4, 6] over [1, 2, 3] is exactly 2', () => {
    expect(ratioOfMedians([2, 4, 6], [1, 2, 3]).ratio).toBe(2);
  });

  test('the interval contains the point estimate', () => {
    const { ratio, ci95 } = ratioOfMedians(slow, fast);
    expect(ratio).toBeCloseTo(12.25 / 6.15, 12);
    expect(ci95[0]).toBeLessThanOrEqual(ratio);
    expect(ci95[1]).toBeGreaterThanOrEqual(ratio);
    expect(ci95[0]).toBeLessThan(ci95[1]);
  });

  test('same input and seed give the same interval; another seed may not', () => {
    const a = ratioOfMedians(slow, fast, { seed: 42, resamples: 500 });
    const b = ratioOfMedians([...slow], [...fast], { seed: 42, resamples: 500 });
    expect(b).toEqual(a);
    expect(ratioOfMedians(slow, fast, { seed: 43, resamples: 500 }).ci95).not.toEqual(a.ci95);
  });

  test('rejects a zero denominator median and bad resample counts', () => {
    expect(() => ratioOfMedians([1], [0, 0, 1])).toThrow(/denominator median is 0/);
    expect(() => ratioOfMedians([1], [1], { resamples: 0 })).toThrow(/resamples/);
  });
});

describe('ratioOfMeans', () => {
  test('point estimate, interval around it, reproducible', () => {
    const r = ratioOfMeans([2, 4, 9], [1, 2, 3], { seed: 7, resamples: 500 });
    expect(r.ratio).toBe(2.5); // 5 / 2
    expect(r.ci95[0]).toBeLessThanOrEqual(r.ratio);
    expect(r.ci95[1]).toBeGreaterThanOrEqual(r.ratio);
    expect(ratioOfMeans([2, 4, 9], [1, 2, 3], { seed: 7, resamples: 500 })).toEqual(r);
  });

  test('rejects a zero denominator mean', () => {
    expect(() => ratioOfMeans([1], [-1, 1])).toThrow(/ratioOfMeans: the denominator mean is 0/);
  });
});
