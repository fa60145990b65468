// Location estimates and the (r − 1)/k law on samples small enough to check by hand.
import { describe, expect, test } from 'vitest';
import { ascending, lowerMedian, mean, median, quantileSorted } from './samples.js';
import { lawRatio, predictedSlowdown, predictedSlowdownAtFraction, predictedSlowdownWithReuse } from './slowdown.js';

describe('location', () => {
  test('quantiles interpolate between order statistics (numpy default)', () => {
    expect(quantileSorted([10, 20, 30, 40], 0.5)).toBe(25);
    expect(quantileSorted([10, 20, 30, 40], 0.25)).toBe(17.5);
    expect(quantileSorted([1, 2, 3, 4, 5], 0.1)).toBeCloseTo(1.4, 12);
    expect(() => quantileSorted([], 0.5)).toThrow(RangeError);
    expect(() => quantileSorted([1], 1.5)).toThrow('quantile p must be in [0, 1]');
  });

  test('mean, median and the lower median; the input keeps its order', () => {
    const xs = [4, 1, 3, 2];
    expect(mean(xs)).toBe(2.5);
    expect(median(xs)).toBe(2.5);
    expect(lowerMedian(xs)).toBe(2);
    expect(lowerMedian([3, 1, 2])).toBe(2);
    expect(lowerMedian([])).toBeNull();
    expect(ascending(xs)).toEqual([1, 2, 3, 4]);
    expect(xs).toEqual([4, 1, 3, 2]);
  });
});

describe('the (r − 1)/k law', () => {
  test('predicted slowdown and the suite-wide r', () => {
    expect(predictedSlowdown(2, 2)).toBe(0.5);
    expect(predictedSlowdown(1.7, 10)).toBeCloseTo(0.07, 12);
    expect(predictedSlowdownAtFraction(2, 0.5)).toBe(predictedSlowdown(2, 2));
    expect(predictedSlowdownAtFraction(1.7, 0.25)).toBeCloseTo(0.175, 12);
    expect(predictedSlowdownWithReuse(2, 4, 0)).toBe(predictedSlowdown(2, 4));
    expect(predictedSlowdownWithReuse(3, 4, 0.1)).toBeCloseTo(0.65, 12); // 1.1 · 1.5 − 1
    expect(lawRatio([2.2, 1.8, 2])).toBe(2);
    expect(lawRatio([2.2, 1.8])).toBe(1.8);
    expect(lawRatio([])).toBeNull();
  });
});
