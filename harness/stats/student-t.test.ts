import { describe, expect, test } from 'vitest';
import { tCritical95 } from './statistics.js';
import { studentTCdf, studentTQuantile } from './student-t.js';

describe("Student's t", () => {
  test.each([
    // scipy.stats.t.ppf(p, df)
    [0.995, 4, 4.604095],
    [0.995, 1, 63.656741],
    [0.995, 2, 9.924843],
    [0.995, 10, 3.169273],
    [0.8, 4, 0.940965],
    [0.8, 1, 1.376382],
    [0.9, 30, 1.310415],
    [0.025, 5, -2.570582],
  ])('quantile %f at df %i is %f', (p, df, t) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(t, 5);
  });

  test('agrees with the 95 % table for df 1 to 30', () => {
    for (let df = 1; df <= 30; df += 1) expect(studentTQuantile(0.975, df)).toBeCloseTo(tCritical95(df), 5);
  });

  test('the CDF in closed form: df 1 is the Cauchy, df 2 is ½ + t / (2√(2 + t²))', () => {
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 12);
    expect(studentTCdf(-1, 1)).toBeCloseTo(0.25, 12);
    expect(studentTCdf(2, 2)).toBeCloseTo(0.5 + 2 / (2 * Math.sqrt(6)), 12);
    expect(studentTCdf(0, 7)).toBe(0.5);
  });

  test('refuses a df that is not a positive integer, and p outside (0, 1)', () => {
    expect(() => studentTQuantile(0.9, 0)).toThrow('integer df ≥ 1; got 0');
    expect(() => studentTQuantile(0.9, 2.5)).toThrow('integer df ≥ 1; got 2.5');
    expect(() => studentTQuantile(1, 3)).toThrow('p in (0, 1); got 1');
  });
});
