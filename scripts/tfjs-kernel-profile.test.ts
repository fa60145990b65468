// bench:profile's TF.js side on a tiny batch: every kernel of a step is listed once, in its
// phase, with backward kernels credited to the op they differentiate. No timing is asserted.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, test } from 'vitest';
import { loadBackend } from '../harness/worker/backend.js';
import { buildBenchModel, lossOf, syntheticBatch } from './bench-model.js';
import { aggregateByFamily, kernelFamily } from './kernel-families.js';
import { profileTfjsSteps } from './tfjs-kernel-profile.js';

beforeAll(async () => {
  await loadBackend('tensorflow');
});

test('profiles forward, backward and update of resnet20, every kernel in a family', async () => {
  const [x, y] = syntheticBatch(2);
  const model = buildBenchModel('resnet20');
  const optimizer = tf.train.momentum(0.01, 0.9);
  const { variables, lossFn } = lossOf(model, x, y);
  const { rows, profiledWallMs, timerDisagreementMs } = await profileTfjsSteps(optimizer, variables, lossFn, 1);
  expect(profiledWallMs).toHaveLength(1);
  expect(Number.isFinite(timerDisagreementMs)).toBe(true);
  expect(new Set(rows.map((r) => r.phase))).toEqual(new Set(['forward', 'backward', 'update']));
  // 19 convs; TF.js computes the stem's input gradient too, which nothing uses (PyTorch skips it).
  const count = (name: string) => rows.filter((r) => r.name === name).length;
  expect([count('FusedConv2D'), count('Conv2DBackpropFilter'), count('Conv2DBackpropInput')]).toEqual([19, 19, 19]);
  const families = new Set(rows.map(kernelFamily));
  for (const family of ['conv forward', 'conv filter-grad', 'batchnorm fwd', 'batchnorm bwd', 'relu', 'optimizer update'] as const) {
    expect(families).toContain(family);
  }
  expect(rows.every((r) => r.ms >= 0)).toBe(true);
  expect(aggregateByFamily(rows, 1).families.reduce((s, f) => s + f.share, 0)).toBeCloseTo(1, 9);
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
});
