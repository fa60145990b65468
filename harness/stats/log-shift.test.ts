import { expect, test } from 'vitest';
import { logShift } from './log-shift.js';

// Logs 0, 0.1, 0.2 against 0.2, 0.3, 0.4: means 0.1 and 0.3, so d = 0.2; each side's Σ(x − x̄)² is
// 0.02, s² = 0.04 / 4 = 0.01, s = 0.1, se = 0.1 · √(2/3) = 0.0816497; t(0.995, 4) = 4.604095, so
// the half-width is 0.375922 and the 99 % interval of d is [−0.175922, 0.575922].
const b = [0, 0.1, 0.2].map(Math.exp);
const c = [0.2, 0.3, 0.4].map(Math.exp);

test('3 against 3, by hand: shift, pooled spread and the 99 % interval', () => {
  const r = logShift(b, c, 0.01)!;
  expect(r.df).toBe(4);
  expect(r.sd).toBeCloseTo(0.1, 12);
  expect(r.se).toBeCloseTo(0.0816497, 6);
  expect(r.baseline).toBeCloseTo(Math.exp(0.1), 12);
  expect(r.current).toBeCloseTo(Math.exp(0.3), 12);
  expect(r.change).toBeCloseTo(Math.exp(0.2) - 1, 12);
  expect(r.ci[0]).toBeCloseTo(Math.exp(-0.175922) - 1, 5);
  expect(r.ci[1]).toBeCloseTo(Math.exp(0.575922) - 1, 5);
  expect(r.level).toBe(0.99);
});

test('scale-free: multiplying every value by the same factor moves nothing', () => {
  const r = logShift(b, c, 0.01)!;
  const scaled = logShift(
    b.map((x) => 7 * x),
    c.map((x) => 7 * x),
    0.01,
  )!;
  expect(scaled.change).toBeCloseTo(r.change, 12);
  expect(scaled.ci[0]).toBeCloseTo(r.ci[0], 12);
});

test('one process against three borrows the spread of the three (df 2)', () => {
  // logs 0 against 0.2, 0.3, 0.4: s² = 0.02 / 2, se = 0.1 · √(1 + 1/3)
  const r = logShift([1], c, 0.05)!;
  expect(r.df).toBe(2);
  expect(r.se).toBeCloseTo(0.1 * Math.sqrt(4 / 3), 12);
  expect(r.change).toBeCloseTo(Math.exp(0.3) - 1, 12);
});

test('one process per side has no spread to estimate: null', () => {
  expect(logShift([1], [2], 0.01)).toBeNull();
  expect(logShift([], c, 0.01)).toBeNull();
  expect(() => logShift([0, 1], c, 0.01)).toThrow('positive finite values; got 0');
});
