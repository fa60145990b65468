// Replays every float64 reference trajectory (fixtures/reference) with float32 TF.js, on the
// native backend and on the pure-JS one, within the tolerances of the reference README.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { loadBackend } from '../worker/backend.js';
import { SAM } from './sam-optimizer.js';
import { referenceCases, referenceModel } from './fixtures/reference-model.js';
import { optimizerFor } from './fixtures/optimizer-for-case.js';

const PARAM_TOL = 2e-6;
const LOSS_TOL = 1e-6;
const RELATIVE_NORM_TOL = 1e-5;

function maxAbsDiff(a: number[], b: number[]): number {
  expect(a).toHaveLength(b.length);
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));
}

function expectRelative(actual: number, expected: number) {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(RELATIVE_NORM_TOL);
}

describe.each(['tensorflow', 'cpu'] as const)('reference trajectories on backend %s', (backend) => {
  beforeAll(async () => {
    await loadBackend(backend);
  });
  afterAll(() => {
    expect(tf.getBackend()).toBe(backend === 'tensorflow' ? 'tensorflow' : 'cpu');
  });

  test.each(referenceCases().map((c) => [c.case, c] as const))('%s', (_name, reference) => {
    const model = referenceModel();
    const optimizer = optimizerFor(reference);
    expect(maxAbsDiff(model.params(), reference.initial_params)).toBeLessThanOrEqual(PARAM_TOL);
    for (const step of reference.steps) {
      const loss = optimizer.minimize(model.loss, true, model.variables)!;
      expect(Math.abs(loss.dataSync()[0]! - step.loss)).toBeLessThanOrEqual(LOSS_TOL);
      loss.dispose();
      if (optimizer instanceof SAM) {
        expect(optimizer.lastStepWasSam).toBe(step.sam);
        const stats = optimizer.lastSamStats();
        if (step.sam) {
          expectRelative(stats!.gradNorm, step.sam_norm!);
          expectRelative(stats!.scale, step.scale!);
          expectRelative(stats!.perturbationNorm, step.e_w_norm!);
        } else {
          expect(stats).toBeNull();
        }
      }
      expect(maxAbsDiff(model.params(), step.params), `params after step ${step.step}`).toBeLessThanOrEqual(PARAM_TOL);
    }
    optimizer.dispose();
    model.dispose();
  });
});
