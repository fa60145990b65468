// Statistics checked on samples small enough to verify by hand (or against numpy / scipy).
import { describe, expect, test } from 'vitest';
import { quantileSorted, toSamples } from './samples.js';
import { computeStatistics, tCritical95 } from './statistics.js';

describe('toSamples', () => {
  test('passes finite numbers through', () => {
    expect(toSamples([3, 1, 2], 'x')).toEqual([3, 1, 2]);
  });

  test('rejects an empty list, naming what was empty', () => {
    expect(() => toSamples([], 'base step (tfjs)')).toThrow(/base step \(tfjs\).*no samples/);
  });

  test.each([NaN, Infinity, -Infinity])('rejects %s, naming what and where', (bad) => {
    expect(() => toSamples([1, bad, 3], 'sam step')).toThrow(/sam step: sample 1 is not a finite number/);
  });
});

describe('computeStatistics', () => {
  test('[1, 2, 3, 4]', () => {
    const s = computeStatistics([1, 2, 3, 4]);
    expect(s.n).toBe(4);
    expect(s.mean).toBe(2.5);
    expect(s.median).toBe(2.5);
    expect(s.p10).toBeCloseTo(1.3, 12);
    expect(s.p90).toBeCloseTo(3.7, 12);
    expect(s.min).toBe(1);
    expect(s.max).toBe(4);
    expect(s.sd).toBeCloseTo(1.2909944, 6); // sqrt(5 / 3)
    expect(s.sem).toBeCloseTo(0.6454972, 6);
    const margin = (3.182446 * Math.sqrt(5 / 3)) / 2; // t(0.975, 3) · sem ≈ 2.0542601
    expect(Math.abs(s.ci95[0] - (2.5 - margin))).toBeLessThan(1e-6);
    expect(Math.abs(s.ci95[1] - (2.5 + margin))).toBeLessThan(1e-6);
    expect(s.ci95[1]).toBeCloseTo(4.5542601, 6);
    expect(s.mad).toBe(1); // |x - 2.5| = 1.5, 0.5, 0.5, 1.5
    expect(s.rme).toBeCloseTo((100 * margin) / 2.5, 9);
  });

  test('odd n, unsorted input, and numpy-linear percentiles', () => {
    const s = computeStatistics([10, 1, 7, 3, 4]);
    expect(s.median).toBe(4);
    expect(s.p10).toBeCloseTo(1.8, 12); // numpy.percentile([1,3,4,7,10], 10)
    expect(s.p90).toBeCloseTo(8.8, 12);
    expect(s.mad).toBe(3); // |x - 4| = 6, 3, 3, 1, 0
  });

  test('n = 1: no spread, a degenerate interval', () => {
    const s = computeStatistics([7.5]);
    expect(s).toEqual({
      n: 1,
      mean: 7.5,
      median: 7.5,
      p10: 7.5,
      p90: 7.5,
      min: 7.5,
      max: 7.5,
      sd: 0,
      sem: 0,
      ci95: [7.5, 7.5],
      mad: 0,
      rme: 0,
    });
  });
});

describe('tCritical95 and quantileSorted', () => {
  test('table values and the large-df tail', () => {
    expect(tCritical95(1)).toBe(12.706205);
    expect(tCritical95(30)).toBe(2.042272);
    expect(tCritical95(50)).toBeCloseTo(2.008559, 4); // scipy.stats.t.ppf(0.975, 50)
    expect(tCritical95(1000)).toBeCloseTo(1.962339, 4);
    expect(() => tCritical95(0)).toThrow(RangeError);
  });

  test('endpoints', () => {
    expect(quantileSorted([1, 2, 3], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3], 1)).toBe(3);
  });
});
