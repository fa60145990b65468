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

  test('alpha must be a finite number > 0, and LookSAM takes the interval schedule', () => {
    expect(() => resolveSamOptions({ lookSam: { alpha: 0 } })).toThrow('`lookSam.alpha` must be a finite number > 0; got 0 (number)');
    expect(() => resolveSamOptions({ lookSam: { alpha: Number.NaN } })).toThrow('`lookSam.alpha`');
    const schedule = { kind: 'random' as const, p: 0.5, totalSteps: 4, random: () => 0 };
    expect(() => resolveSamOptions({ lookSam: { alpha: 0.7 }, schedule })).toThrow('`schedule` must be absent with lookSam');
    expect(resolveSamOptions({ lookSam: { alpha: 0.7 }, interval: 5 })).toMatchObject({ interval: 5, lookSam: { alpha: 0.7 } });
    expect(resolveSamOptions({})).not.toHaveProperty('lookSam');
  });
});
