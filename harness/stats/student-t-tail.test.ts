import { describe, expect, test } from 'vitest';
import { studentTCdf } from './student-t.js';
import { studentTTwoSided } from './student-t-tail.js';

describe('studentTTwoSided', () => {
  // 2 · scipy.stats.t.sf(|t|, df), scipy 1.16.3.
  test.each([
    [0.5, 3, 0.651447964848151],
    [2, 10, 0.07338803477074039],
    [3, 1, 0.20483276469913345],
    [5, 4, 0.007490433881274526],
    [19.6, 58, 2.9201777210734035e-27],
    [40, 100, 2.4621076021400736e-63],
  ])('P(|T| ≥ %d) with %d df = %d (relative 1e-12, far tail included)', (t, df, p) => {
    expect(Math.abs(studentTTwoSided(t, df) / p - 1)).toBeLessThan(1e-12);
    expect(studentTTwoSided(-t, df)).toBe(studentTTwoSided(t, df));
  });

  test('agrees with 2·(1 − studentTCdf) where that has digits to spare', () => {
    for (const df of [1, 2, 7, 30])
      for (const t of [0.1, 1, 2.5]) expect(studentTTwoSided(t, df)).toBeCloseTo(2 * (1 - studentTCdf(t, df)), 12);
  });

  test('t = 0 gives 1, an infinite t gives 0, a bad df throws', () => {
    expect(studentTTwoSided(0, 5)).toBe(1);
    expect(studentTTwoSided(Infinity, 5)).toBe(0);
    expect(() => studentTTwoSided(1, 0)).toThrow(RangeError);
  });
});
