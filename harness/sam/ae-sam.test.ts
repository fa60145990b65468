// AE-SAM's rule on squared-norm sequences and a 2-parameter problem worked out by hand (the same
// numbers as harness/sam/pytorch/test_ae_sam.py), its option checks, and the worker's options.
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { loadBackend } from '../worker/backend.js';
import { samOptions } from '../worker/optimizer.js';
import { fakeSpec } from '../launch/fixtures/spec.js';
import { AeSamSchedule, type AeSamScheduleOptions } from './ae-sam.js';
import { linearOverRun } from './random-schedule.js';
import { resolveSamOptions } from './options.js';
import { SAM } from './sam-optimizer.js';
import { quadraticProblem } from './fixtures/quadratic.js';

const options = (over: Partial<AeSamScheduleOptions> = {}): AeSamScheduleOptions => ({
  kind: 'aesam',
  delta: 0.5,
  lambda1: -1,
  lambda2: 1,
  totalSteps: 5,
  ...over,
});

function samSteps(schedule: AeSamSchedule, squaredNorms: number[]): number[] {
  return squaredNorms.flatMap((squared, i) => (schedule.decide(i + 1, squared) ? [i + 1] : []));
}

describe('AeSamSchedule on hand-checked ‖g‖² sequences', () => {
  test('c_t runs from lambda2 at step 1 to lambda1 at step T, and stays there', () => {
    expect([1, 2, 3, 4, 5, 6].map((t) => linearOverRun(1, -1, 5, t))).toEqual([1, 0.5, 0, -0.5, -1, -1]);
  });

  // δ 0.5, c = 1, 0.5, 0, −0.5, −1 over T = 5; μ_0 = σ²_0 = 0.
  //   t  ‖g‖²  μ_t                   σ²_t                          c     μ + c·σ               SAM?
  //   1  4     .5·0 + .5·4 = 2       .5·0 + .5·(4−2)² = 2          1     2 + √2 = 3.414        4 ≥ 3.414 yes
  //   2  2     .5·2 + .5·2 = 2       .5·2 + .5·0² = 1              .5    2 + .5·1 = 2.5        2 < 2.5   no
  //   3  2     2                     .5·1 + 0 = .5                 0     2 + 0 = 2             2 ≥ 2     yes (a tie is SAM)
  //   4  1     .5·2 + .5·1 = 1.5     .5·.5 + .5·(−.5)² = .375      −.5   1.5 − .5·.612 = 1.194 1 < 1.194 no
  //   5  1     .5·1.5 + .5 = 1.25    .5·.375 + .5·(−.25)² = .21875 −1    1.25 − .468 = .782    1 ≥ .782  yes
  test('SAM at steps 1, 3 and 5, with the hand-computed mean, variance and threshold', () => {
    const schedule = new AeSamSchedule(options());
    const states: unknown[] = [];
    const taken = [4, 2, 2, 1, 1].flatMap((squared, i) => {
      const sam = schedule.decide(i + 1, squared);
      states.push(schedule.state);
      return sam ? [i + 1] : [];
    });
    expect(taken).toEqual([1, 3, 5]);
    expect(states[0]).toEqual({ mean: 2, variance: 2, c: 1, threshold: 2 + Math.SQRT2 });
    expect(states[1]).toEqual({ mean: 2, variance: 1, c: 0.5, threshold: 2.5 });
    expect(states[2]).toEqual({ mean: 2, variance: 0.5, c: 0, threshold: 2 });
    expect(states[3]).toEqual({ mean: 1.5, variance: 0.375, c: -0.5, threshold: 1.5 - 0.5 * Math.sqrt(0.375) });
    expect(states[4]).toEqual({ mean: 1.25, variance: 0.21875, c: -1, threshold: 1.25 - Math.sqrt(0.21875) });
  });

  // A steady ‖g‖² = 1 with c = 0 throughout: μ_t = 1 − 0.5^t < 1, so every step is a SAM step;
  // with c = 1 the first step is SAM (1 ≥ .5 + √.125 = .854) and the second not (1 < .75 + √.09375 = 1.056).
  test('the threshold moves with c: a constant ‖g‖² is SAM at c = 0, not always at c = 1', () => {
    expect(samSteps(new AeSamSchedule(options({ lambda1: 0, lambda2: 0 })), [1, 1, 1, 1, 1])).toEqual([1, 2, 3, 4, 5]);
    expect(samSteps(new AeSamSchedule(options({ lambda1: 1, lambda2: 1 })), [1, 1])).toEqual([1]);
  });

  test('a non-finite ‖g‖² is a base step that leaves μ and σ² alone', () => {
    const schedule = new AeSamSchedule(options());
    expect(schedule.decide(1, 4)).toBe(true);
    const after1 = schedule.state;
    expect(schedule.decide(2, Number.POSITIVE_INFINITY)).toBe(false);
    expect(schedule.decide(3, Number.NaN)).toBe(false);
    expect(schedule.state).toBe(after1);
  });

  test('asking the same step again returns its decision; skipping a step is refused', () => {
    const schedule = new AeSamSchedule(options());
    expect(schedule.decisionFor(1)).toBeNull();
    expect(schedule.decide(1, 4)).toBe(true);
    expect(schedule.decide(1, 0)).toBe(true);
    expect(schedule.decisionFor(1)).toBe(true);
    expect(() => schedule.decide(3, 1)).toThrow('asked for step 3 after step 1');
  });
});

// L(w) = ½(w₁² + 4·w₂²), ∇L = (w₁, 4·w₂), ‖g‖² = w₁² + 16·w₂². SGD lr 0.2, rho 0.5, δ 0.5, T = 3:
// c = 1, 0, −1.
// Step 1 at w = (3, 1): g = (3, 4), ‖g‖² = 25; μ = 12.5, σ² = .5·12.5² = 78.125, σ = 8.839;
//   25 ≥ 12.5 + 8.839 → SAM: e = .5·g/5 = (.3, .4), g_s = ∇L(3.3, 1.4) = (3.3, 5.6); w ← (2.34, −.12)
// Step 2: g = (2.34, −.48), ‖g‖² = 5.706; μ = 6.25 + 2.853 = 9.103; 5.706 < 9.103 + 0·σ → base:
//   w ← w − .2·g = (1.872, −.024)
// Step 3: g = (1.872, −.096), ‖g‖² = 3.5136; μ = 4.5515 + 1.7568 = 6.3083,
//   σ² = .5·44.8323 + .5·(3.5136 − 6.3083)² = 26.3213, σ = 5.1304; 3.5136 ≥ 6.3083 − 5.1304 = 1.1779 → SAM:
//   e = .5·g/√3.5136, w ← w − .2·∇L(w + e)
const LR = 0.2;
const ROOT = Math.sqrt(3.5136);
const W2 = [1.872, -0.024];
const EXPECTED = [
  { kind: 'sam', w: [2.34, -0.12] },
  { kind: 'base', w: W2 },
  { kind: 'sam', w: [W2[0]! - LR * (W2[0]! + (0.5 * 1.872) / ROOT), W2[1]! - LR * 4 * (W2[1]! + (0.5 * -0.096) / ROOT)] },
];

const problem = () => quadraticProblem([3, 1], 'aesam');

describe('SAM with AE-SAM', () => {
  beforeAll(async () => {
    await loadBackend('cpu');
  });

  test('SAM, base, SAM: the hand-computed weights and step kinds', () => {
    const { variables, loss, dispose } = problem();
    const sam = new SAM(tf.train.sgd(LR), { rho: 0.5, schedule: options({ totalSteps: 3 }) });
    expect(() => sam.isSamStep(1)).toThrow('step 1 is decided from its first gradient');
    for (const [i, expected] of EXPECTED.entries()) {
      tf.dispose(sam.minimize(loss, true, variables)!);
      expect(sam.lastStepKind, `step ${i + 1}`).toBe(expected.kind);
      expect(sam.lastStepWasSam).toBe(expected.kind === 'sam');
      expect(sam.isSamStep(i + 1)).toBe(expected.kind === 'sam');
      expect(sam.lastSamStats() !== null).toBe(expected.kind === 'sam');
      variables.forEach((v, j) => expect(v.dataSync()[0]!).toBeCloseTo(expected.w[j]!, 5));
    }
    expect(sam.aeSamState!.mean).toBeCloseTo(6.3083, 3);
    expect(() => sam.getConfig()).toThrow('a SAM with an AE-SAM schedule cannot be serialized');
    sam.dispose();
    dispose();
  });

  test('leaves no tensor behind, on SAM and base steps alike', () => {
    const { variables, loss, dispose } = problem();
    const sam = new SAM(tf.train.sgd(LR), { rho: 0.5, schedule: options({ totalSteps: 3 }) });
    tf.dispose(sam.minimize(loss, true, variables)!);
    const before = tf.memory().numTensors; // the SAM stats of step 1 are kept
    tf.dispose(sam.minimize(loss, true, variables)!); // base
    tf.dispose(sam.minimize(loss, true, variables)!); // SAM
    expect(tf.memory().numTensors).toBe(before);
    sam.dispose();
    dispose();
  });

  // The decision's ‖g‖² gives the SAM step its ‖g‖: the gradients are reduced (one Sum per
  // variable) for ‖g‖ and for ‖e‖ only, as in a plain SAM step, not a third time.
  test('a SAM step reduces the gradients as often as a plain SAM step does', async () => {
    const sumsInOneStep = async (sam: SAM) => {
      const { variables, loss, dispose } = problem();
      const { kernels } = await tf.profile(() => tf.dispose(sam.minimize(loss, true, variables)!));
      sam.dispose();
      dispose();
      return kernels.filter((k) => k.name === 'Sum').length;
    };
    const adaptive = new SAM(tf.train.sgd(LR), { rho: 0.5, schedule: options({ totalSteps: 3 }) });
    const plain = new SAM(tf.train.sgd(LR), { rho: 0.5 });
    const [aeSamSums, samSums] = [await sumsInOneStep(adaptive), await sumsInOneStep(plain)];
    expect(adaptive.lastStepKind).toBe('sam');
    expect(samSums).toBe(4); // ‖g‖ and ‖e‖ over the two variables
    expect(aeSamSums).toBe(samSums);
  });

  test.each([
    [{ delta: 0 }, 'schedule.delta', '0 (number)'],
    [{ delta: 1 }, 'schedule.delta', '1 (number)'],
    [{ lambda1: Number.NaN }, 'schedule.lambda1', 'NaN (number)'],
    [{ lambda2: Number.POSITIVE_INFINITY }, 'schedule.lambda2', 'Infinity (number)'],
    [{ totalSteps: 0 }, 'schedule.totalSteps', '0 (number)'],
  ])('rejects %j naming `%s`', (bad, name, shown) => {
    expect(() => resolveSamOptions({ schedule: options(bad) })).toThrow(`SAM option \`${name}\``);
    expect(() => resolveSamOptions({ schedule: options(bad) })).toThrow(`got ${shown}`);
  });

  test('needs interval 1 and no lookSam', () => {
    expect(() => resolveSamOptions({ interval: 2, schedule: options() })).toThrow('`interval` must be 1 with an AE-SAM schedule');
    expect(() => resolveSamOptions({ schedule: options(), lookSam: { alpha: 0.7 } })).toThrow('`schedule` must be absent with lookSam');
  });

  test("the worker's options: the spec's variant, T = warm-up + measured steps", () => {
    const base = fakeSpec('aesam', { warmup: 2, measured: 10 });
    const spec = { ...base, sam: { ...base.sam!, interval: 1, variant: { kind: 'aesam' as const, delta: 0.9, lambda1: -1, lambda2: 1 } } };
    expect(samOptions(spec).schedule).toEqual({ kind: 'aesam', delta: 0.9, lambda1: -1, lambda2: 1, totalSteps: 12 });
  });
});
