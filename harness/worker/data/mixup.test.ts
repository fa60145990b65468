import { describe, expect, test } from 'vitest';
import { mixSeed, mulberry32 } from '../../prng.js';
import { assembleBatch, mixRows } from './batch-assembly.mjs';
import { betaSymmetric, planMixup, portableExp, portableLog } from './mixup.js';

// Pinned once from harness/worker/pytorch/mixup.py; test_mixup.py pins the very same values, so
// both workers draw the same λ and permutation for a seed (mixup.e2e.test.ts compares many more).
const PINNED = [
  { seed: 1, step: 1, rows: 8, alpha: 0.2, lambda: 0.8464992772221313, partners: [7, 5, 0, 1, 3, 2, 6, 4] },
  { seed: 1, step: 2, rows: 8, alpha: 0.2, lambda: 0.04660666661439037, partners: [5, 6, 4, 7, 3, 0, 2, 1] },
  { seed: 7, step: 5, rows: 6, alpha: 1, lambda: 0.3168379962902249, partners: [0, 1, 4, 5, 2, 3] },
  { seed: 3, step: 9, rows: 4, alpha: 4, lambda: 0.8154384537150403, partners: [1, 2, 3, 0] },
];

describe('portable log and exp', () => {
  test('agree with Math.log and Math.exp to a few ulps', () => {
    for (let i = 1; i < 4000; i++) {
      const x = i / 4000;
      expect(Math.abs(portableLog(x) - Math.log(x))).toBeLessThanOrEqual(4e-16 * Math.max(1, Math.abs(Math.log(x))));
    }
    expect(portableLog(2 ** -32)).toBeCloseTo(-32 * Math.LN2, 13);
    for (let i = -7000; i <= 7000; i++) {
      const x = i / 10;
      expect(Math.abs(portableExp(x) - Math.exp(x)) / Math.exp(x)).toBeLessThan(1e-13);
    }
    expect(portableExp(800)).toBe(Infinity);
    expect(portableExp(-800)).toBe(0);
    expect(() => portableLog(0)).toThrow(RangeError);
  });
});

describe('betaSymmetric', () => {
  test('its draws have Beta(a, a)’s mean 1/2 and variance 1/(4(2a + 1))', () => {
    for (const alpha of [0.2, 1, 4]) {
      const random = mulberry32(mixSeed(11, 7));
      const draws = Array.from({ length: 20000 }, () => betaSymmetric(alpha, random));
      const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
      const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length;
      expect(draws.every((l) => l >= 0 && l <= 1)).toBe(true);
      expect(mean).toBeCloseTo(0.5, 1);
      expect(variance).toBeCloseTo(1 / (4 * (2 * alpha + 1)), 2);
    }
  });

  test('alpha 1 takes 2 uniforms a try and accepts u^1 + v^1 ≤ 1 with λ = u / (u + v)', () => {
    const draws = [0.9, 0.5, 0.25, 0.5];
    let i = 0;
    const lambda = betaSymmetric(1, () => draws[i++]!);
    expect(i).toBe(4); // (0.9, 0.5) rejected, (0.25, 0.5) accepted
    expect(lambda).toBeCloseTo(0.25 / 0.75, 15);
  });

  test('refuses alpha outside (0, 4]', () => {
    expect(() => betaSymmetric(0, Math.random)).toThrow(RangeError);
    expect(() => betaSymmetric(5, Math.random)).toThrow(RangeError);
  });
});

describe('planMixup', () => {
  test.each(PINNED)(
    'seed $seed step $step: the λ and partners the PyTorch worker draws',
    ({ seed, step, rows, alpha, lambda, partners }) => {
      const plan = planMixup(seed, step, rows, alpha);
      expect(plan.lambda).toBe(lambda);
      expect([...plan.partners]).toEqual(partners);
    },
  );
});

describe('mixRows and assembleBatch with a mix', () => {
  test('row r becomes λ · row r + (1 − λ) · row partners[r], targets alike', () => {
    const source = {
      values: new Float32Array([1, 2, 10, 20, 100, 200]),
      labels: [0, 1, 2],
      inputShape: [2],
      classes: 3,
      scale: 1,
      mean: null,
      std: null,
    };
    const mix = { lambda: 0.25, partners: new Uint32Array([2, 0, 1]) };
    const { xs, ys } = assembleBatch(source, { indices: new Uint32Array([0, 1, 2]), crops: null, mix });
    expect([...xs]).toEqual([75.25, 150.5, 3.25, 6.5, 32.5, 65]);
    expect([...ys]).toEqual([0.25, 0, 0.75, 0.75, 0.25, 0, 0, 0.75, 0.25]);
    expect([...mixRows(new Float32Array([1, 3]), 2, { lambda: 0.5, partners: new Uint32Array([1, 0]) })]).toEqual([2, 2]);
  });
});
