// LookSAM on a 2-parameter problem worked out by hand (the same numbers as
// harness/sam/pytorch/test_look_sam.py), and its option checks.
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { loadBackend } from '../worker/backend.js';
import { resolveSamOptions } from './options.js';
import { SAM } from './sam-optimizer.js';
import { quadraticProblem } from './fixtures/quadratic.js';

// L(w) = ½(w₁² + 4·w₂²), so ∇L(w) = (w₁, 4·w₂). Plain SGD, lr 0.2, rho 0.5, interval k = 2, α 0.7.
//
// Step 1 (base: no SAM step yet, nothing to reuse), at w = (3.75, 5):
//   g = (3.75, 20);  w ← w − 0.2·g = (3, 1)
// Step 2 (SAM), at w = (3, 1):
//   g = (3, 4), ‖g‖ = 5;  e = 0.5·g/5 = (0.3, 0.4);  g_s = ∇L(3.3, 1.4) = (3.3, 5.6)
//   g·g_s = 9.9 + 22.4 = 32.3;  32.3/‖g‖² = 1.292;  g_v = g_s − 1.292·g = (−0.576, 0.432), ‖g_v‖ = 0.72
//   w ← w − 0.2·g_s = (2.34, −0.12)
// Step 3 (reuse), at w = (2.34, −0.12):
//   g = (2.34, −0.48), ‖g‖ = √5.706;  α·‖g‖/‖g_v‖·g_v = 0.7·√5.706·(−0.8, 0.6) = √5.706·(−0.56, 0.42)
//   w ← w − 0.2·(2.34 − 0.56·√5.706, −0.48 + 0.42·√5.706)
const LR = 0.2;
const ROOT = Math.sqrt(5.706);
const EXPECTED = [
  { kind: 'base', w: [3, 1] },
  { kind: 'sam', w: [2.34, -0.12] },
  { kind: 'reuse', w: [2.34 - LR * (2.34 - 0.56 * ROOT), -0.12 - LR * (-0.48 + 0.42 * ROOT)] },
];

const problem = () => quadraticProblem([3.75, 5], 'looksam');

describe('LookSAM', () => {
  beforeAll(async () => {
    await loadBackend('cpu');
  });

  test('base, SAM, then reuse: the hand-computed weights and step kinds', () => {
    const { variables, loss, dispose } = problem();
    const sam = new SAM(tf.train.sgd(LR), { rho: 0.5, interval: 2, lookSam: { alpha: 0.7 } });
    for (const expected of EXPECTED) {
      tf.dispose(sam.minimize(loss, true, variables)!);
      expect(sam.lastStepKind).toBe(expected.kind);
      expect(sam.lastStepWasSam).toBe(expected.kind === 'sam');
      variables.forEach((v, i) => expect(v.dataSync()[0]!).toBeCloseTo(expected.w[i]!, 5));
    }
    // Step 4 is a SAM step again (k = 2), step 5 reuses its new g_v.
    tf.dispose(sam.minimize(loss, true, variables)!);
    expect(sam.lastStepKind).toBe('sam');
    tf.dispose(sam.minimize(loss, true, variables)!);
    expect(sam.lastStepKind).toBe('reuse');
    sam.dispose();
    dispose();
  });

  test('without lookSam the steps between SAM steps are plain (kind base), and no tensor is left behind', () => {
    const { variables, loss, dispose } = problem();
    const sam = new SAM(tf.train.sgd(LR), { rho: 0.5, interval: 2, lookSam: { alpha: 0.7 } });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.dispose(sam.minimize(loss, true, variables)!); // base, SAM, reuse
    // kept: g_v (2 tensors), ‖g_v‖ and the SAM stats; nothing more per step
    expect(tf.memory().numTensors).toBe(before + 4);
    for (let i = 0; i < 4; i++) tf.dispose(sam.minimize(loss, true, variables)!);
    expect(tf.memory().numTensors).toBe(before + 4);
    sam.dispose();
    const plain = new SAM(tf.train.sgd(LR), { rho: 0.5, interval: 2 });
    const kinds = Array.from({ length: 3 }, () => (tf.dispose(plain.minimize(loss, true, variables)!), plain.lastStepKind));
    expect(kinds).toEqual(['base', 'sam', 'base']);
    plain.dispose();
    dispose();
  });

  // Two tensors a, b ∈ ℝ², L = ½(a₁² + 4·a₂²) + ½(b₁² + 9·b₂²); SGD lr 0.2, rho 0.5, k = 2, α 0.7,
  // from a = (3.75, 5), b = (5, −1.25) (the same numbers as test_look_sam.py). Worked out in float64 (numpy):
  // Step 1 (base): a = (3, 1), b = (4, 1).
  // Step 2 (SAM): g_a = (3, 4), g_b = (4, 9), ‖g‖ = √122; e = 0.5·g/√122;
  //   g_s,a = (3.1358036191, 4.7242859683), g_s,b = (4.1810714921, 12.6666977147); w ← w − 0.2·g_s:
  //   a = (2.3728392762, 0.0551428063), b = (3.1637857016, −1.5333395429).
  //   per tensor: g_v,a = g_s,a − (g_a·g_s,a/‖g_a‖²)·g_a = (−0.2607429486, 0.1955572115),
  //               g_v,b = (−1.2096322358, 0.5376143270);
  //   global:     c = g·g_s/‖g‖² over both; g_v,a = (−0.7747485153, −0.4897835442), g_v,b = (−1.0329980204, 0.9350413116).
  // Step 3 (reuse): g_t = (a₁, 4·a₂ | b₁, 9·b₂) at the weights above;
  //   per tensor: w_i ← w_i − 0.2·(g_t,i + 0.7·‖g_t,i‖/‖g_v,i‖·g_v,i): a = (2.1651751498, −0.1891492354), b = (4.3423222792, 0.4216522041);
  //   global:     w ← w − 0.2·(g_t + 0.7·‖g_t‖/‖g_v‖·g_v):               a = (2.8319967839, 0.6013147102), b = (3.7759957118, 0.0997617136).
  const AFTER_SAM = [
    [2.3728392762, 0.0551428063],
    [3.1637857016, -1.5333395429],
  ];
  const AFTER_REUSE = {
    tensor: [
      [2.1651751498, -0.1891492354],
      [4.3423222792, 0.4216522041],
    ],
    global: [
      [2.8319967839, 0.6013147102],
      [3.7759957118, 0.0997617136],
    ],
  };
  const twoTensors = () => {
    const a = tf.variable(tf.tensor1d([3.75, 5]), true, 'looksam_two_a');
    const b = tf.variable(tf.tensor1d([5, -1.25]), true, 'looksam_two_b');
    const loss = () =>
      tf.tidy(() => tf.mul<tf.Scalar>(0.5, tf.add(tf.sum(tf.mul([1, 4], tf.square(a))), tf.sum(tf.mul([1, 9], tf.square(b))))));
    return { variables: [a, b], loss, dispose: () => tf.dispose([a, b]) };
  };

  test.each(['tensor', 'global'] as const)(
    'two tensors, granularity %s: base, SAM, reuse give the hand-computed weights',
    (granularity) => {
      const { variables, loss, dispose } = twoTensors();
      const sam = new SAM(tf.train.sgd(LR), { rho: 0.5, interval: 2, lookSam: { alpha: 0.7, granularity } });
      const weights = () => variables.map((v) => Array.from(v.dataSync()));
      const kinds: string[] = [];
      const after: number[][][] = [];
      for (let i = 0; i < 3; i++) {
        tf.dispose(sam.minimize(loss, true, variables)!);
        kinds.push(sam.lastStepKind);
        after.push(weights());
      }
      expect(kinds).toEqual(['base', 'sam', 'reuse']);
      expect(after[0]).toEqual([
        [3, 1],
        [4, 1],
      ]);
      after[1]!.flat().forEach((w, i) => expect(w).toBeCloseTo(AFTER_SAM.flat()[i]!, 5));
      after[2]!.flat().forEach((w, i) => expect(w).toBeCloseTo(AFTER_REUSE[granularity].flat()[i]!, 5));
      // The two granularities part at the reuse step, by far more than float32 rounding.
      const other = AFTER_REUSE[granularity === 'tensor' ? 'global' : 'tensor'].flat();
      expect(Math.max(...after[2]!.flat().map((w, i) => Math.abs(w - other[i]!)))).toBeGreaterThan(0.5);
      sam.dispose();
      dispose();
    },
  );

  test('granularity defaults to global, is checked, and getConfig keeps "tensor" only', () => {
    expect(resolveSamOptions({ lookSam: { alpha: 0.7 } }).lookSam).toEqual({ alpha: 0.7, granularity: 'global' });
    expect(() => resolveSamOptions({ lookSam: { alpha: 0.7, granularity: 'layer' as never } })).toThrow(
      '`lookSam.granularity` must be "global" or "tensor"; got "layer" (string)',
    );
    const config = (granularity: 'global' | 'tensor') =>
      new SAM(tf.train.sgd(LR), { interval: 2, lookSam: { alpha: 0.7, granularity } }).getConfig().lookSam;
    expect(config('global')).toEqual({ alpha: 0.7 });
    expect(config('tensor')).toEqual({ alpha: 0.7, granularity: 'tensor' });
  });

  test('alpha must be a finite number > 0, and LookSAM takes the interval schedule', () => {
    expect(() => resolveSamOptions({ lookSam: { alpha: 0 } })).toThrow('`lookSam.alpha` must be a finite number > 0; got 0 (number)');
    expect(() => resolveSamOptions({ lookSam: { alpha: Number.NaN } })).toThrow('`lookSam.alpha`');
    const schedule = { kind: 'random' as const, p: 0.5, totalSteps: 4, random: () => 0 };
    expect(() => resolveSamOptions({ lookSam: { alpha: 0.7 }, schedule })).toThrow('`schedule` must be absent with lookSam');
    expect(resolveSamOptions({ lookSam: { alpha: 0.7 }, interval: 5 })).toMatchObject({ interval: 5, lookSam: { alpha: 0.7 } });
    expect(resolveSamOptions({})).not.toHaveProperty('lookSam');
  });
});
