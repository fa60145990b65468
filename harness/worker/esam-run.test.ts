// A run of an esam spec through the worker's own road (runOptimizer, train): every step a SAM step
// on the per-sample path, with and without weight decay; at beta 1 and gamma 1 its losses are plain
// SAM's at interval 1 (the per-sample loss is the mean loss's softmax cross-entropy, per sample).
import { beforeAll, describe, expect, test } from 'vitest';
import type { RunSpec, WorkerEvent } from '../../schemas/index.js';
import { fakeSpec } from '../launch/fixtures/spec.js';
import { SAM } from '../sam/index.js';
import { loadBackend } from './backend.js';
import { loadTrainingData } from './data/index.js';
import { buildRunModel } from './models/run-model.js';
import { runOptimizer } from './optimizer.js';
import { train } from './train.js';

function samSpec(variant: NonNullable<RunSpec['sam']>['variant'], weightDecay = 0): RunSpec {
  const spec = fakeSpec('esam-run');
  return {
    ...spec,
    // The fake spec's lr 0.1 kills its ReLUs within a few steps; with every sharpness then 0, SDS would refuse the batch.
    optimizer: { ...spec.optimizer, learningRate: 0.01, weightDecay },
    sam: { ...spec.sam!, interval: 1, epsilon: 1e-7, variant },
  };
}

async function stepsOf(spec: RunSpec) {
  const events: WorkerEvent[] = [];
  const data = await loadTrainingData(spec.dataset, spec.seed);
  const { model } = await buildRunModel(spec);
  const optimizer = await runOptimizer(spec);
  await train({ spec, model, data, optimizer, test: null, emit: (event) => events.push(event) });
  optimizer.dispose();
  model.dispose();
  return { optimizer, steps: events.filter((event) => event.type === 'step') };
}

describe('a worker run of an esam spec', () => {
  beforeAll(async () => {
    await loadBackend('cpu');
  });

  test.each([0, 5e-4])('reports kind sam on every step (weight decay %s)', async (weightDecay) => {
    const { optimizer, steps } = await stepsOf(samSpec({ kind: 'esam', beta: 0.5, gamma: 0.5 }, weightDecay));
    expect(optimizer instanceof SAM && optimizer.selectsSamples).toBe(true);
    expect(steps.map((step) => step.kind)).toEqual(Array(6).fill('sam'));
    expect(steps.every((step) => Number.isFinite(step.loss))).toBe(true);
  });

  test('at beta 1 and gamma 1 its losses are plain SAM’s at interval 1 (float32 reductions aside)', async () => {
    const esam = await stepsOf(samSpec({ kind: 'esam', beta: 1, gamma: 1 }));
    const sam = await stepsOf(samSpec({ kind: 'interval' }));
    expect(sam.steps.map((step) => step.kind)).toEqual(Array(6).fill('sam'));
    esam.steps.forEach((step, i) => expect(Math.abs(step.loss! - sam.steps[i]!.loss!)).toBeLessThanOrEqual(1e-5));
  });
});
