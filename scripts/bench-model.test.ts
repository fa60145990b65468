// The step benchmarks' timed step on a real small-cnn: it trains, and leaves no tensors behind.
// No time is asserted: only that a step ran and what came back.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, test } from 'vitest';
import { loadBackend } from '../harness/worker/backend.js';
import { buildBenchModel, lossOf, syntheticBatch, timedStep, timeSteps } from './bench-model.js';

beforeAll(async () => {
  await loadBackend('tensorflow');
});

test('a timed step updates the weights and disposes its loss, read back or not', async () => {
  const [x, y] = syntheticBatch(2);
  const model = buildBenchModel('small-cnn');
  const optimizer = tf.train.momentum(0.01, 0.9);
  const loss = lossOf(model, x, y);
  const step = timedStep(optimizer, loss);
  await step(); // the optimizer makes its momentum slots on the first step
  const tensors = tf.memory().numTensors;
  const before = loss.variables.map((v) => v.dataSync().slice());

  for (const readLoss of [true, false]) expect(Number.isFinite(await step(readLoss))).toBe(true);

  expect(tf.memory().numTensors).toBe(tensors);
  const after = loss.variables.map((v) => v.dataSync());
  expect(after.some((w, i) => w.some((value, j) => value !== before[i]![j]))).toBe(true);
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
});

test('timeSteps keeps the steps after the warm-up ones', async () => {
  let calls = 0;
  const countingStep = () => Promise.resolve(++calls);
  expect(await timeSteps(countingStep, 2, 3)).toEqual([3, 4, 5]);
  expect(await timeSteps(countingStep, 0, 1)).toEqual([6]);
});
