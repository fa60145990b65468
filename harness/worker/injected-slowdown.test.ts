import { performance } from 'node:perf_hooks';
import { describe, expect, test } from 'vitest';
import { INJECT_SLOWDOWN_ENV } from '../../schemas/index.js';
import { injectedSlowdown, spinFor } from './injected-slowdown.js';

describe('injectedSlowdown', () => {
  test.each([
    [undefined, 0],
    ['', 0],
    ['0', 0],
    ['0.1', 0.1],
    [' 2 ', 2],
  ])('%j gives %d', (raw, expected) => {
    expect(injectedSlowdown(raw === undefined ? {} : { [INJECT_SLOWDOWN_ENV]: raw })).toBe(expected);
  });

  test.each(['-0.1', 'ten', 'Infinity', 'NaN'])('%j is refused with the variable named and the value echoed', (raw) => {
    expect(() => injectedSlowdown({ [INJECT_SLOWDOWN_ENV]: raw })).toThrow(
      `${INJECT_SLOWDOWN_ENV} must be a number ≥ 0, the fraction by which every step is made slower (got "${raw}")`,
    );
  });
});

test('spinFor returns no earlier than asked', () => {
  const start = performance.now();
  spinFor(5);
  expect(performance.now() - start).toBeGreaterThanOrEqual(5);
});
