import { expect, test } from 'vitest';
import { minimumDetectableEffect } from './mde.js';

test('3 against 3 at s = 0.1, alpha 0.01, 80 % power, by hand', () => {
  // se = 0.1 · √(2/3) = 0.0816497; t(0.995, 4) + t(0.8, 4) = 4.604095 + 0.940965 = 5.545060
  const se = 0.1 * Math.sqrt(2 / 3);
  expect(minimumDetectableEffect({ se, df: 4, alpha: 0.01 })).toBeCloseTo(Math.exp(5.54506 * 0.0816497) - 1, 5);
  // The interval must clear +5 % too: ln 1.05 is added before exponentiating.
  expect(minimumDetectableEffect({ se, df: 4, alpha: 0.01, minEffect: 0.05 })).toBeCloseTo(1.05 * Math.exp(5.54506 * 0.0816497) - 1, 5);
});

test('more power or a smaller alpha needs a larger effect; no spread leaves the minimum effect', () => {
  const at = (o: { power?: number; alpha?: number }) => minimumDetectableEffect({ se: 0.05, df: 8, alpha: 0.05, ...o });
  expect(at({ power: 0.9 })).toBeGreaterThan(at({ power: 0.8 }));
  expect(at({ alpha: 0.01 })).toBeGreaterThan(at({}));
  expect(minimumDetectableEffect({ se: 0, df: 8, alpha: 0.01, minEffect: 0.05 })).toBeCloseTo(0.05, 12);
  expect(() => minimumDetectableEffect({ se: Number.NaN, df: 4, alpha: 0.01 })).toThrow('finite standard error');
});
