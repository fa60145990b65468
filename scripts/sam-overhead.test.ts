// The TF.js union package: the pure-JS CPU backend and the gradient kernels.
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, test } from 'vitest';
import { measureSamOverhead, overheadTable } from './sam-overhead.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

test('times the three SAM pieces against a forward+backward and leaves the weights as they were', async () => {
  const w = tf.variable(
    tf.tensor2d([
      [1, 2],
      [3, 4],
    ]),
    true,
    'w',
  );
  const b = tf.variable(tf.tensor1d([0.5, -0.5]), true, 'b');
  const x = tf.tensor2d([
    [1, 0],
    [0, 1],
    [1, 1],
  ]);
  const loss = () => tf.sum<tf.Scalar>(tf.square(tf.add(tf.matMul(x, w), b)));
  const before = [w.arraySync(), b.arraySync()];
  const tensors = tf.memory().numTensors;

  const rows = await measureSamOverhead({ variables: [w, b], loss, rho: 0.05, timeMs: 5 });

  const tasks = ['forward+backward', 'gradient norm ‖g‖', 'perturb w ← w + rho·g/‖g‖', 'restore w ← (w + e) − e'];
  expect(rows.map((r) => r.task)).toEqual(tasks);
  expect(rows[0]!.perForwardBackward).toBe(1);
  for (const r of rows) expect(r.samples).toBeGreaterThanOrEqual(20);
  expect([w.arraySync(), b.arraySync()]).toEqual(before);
  expect(tf.memory().numTensors).toBe(tensors);
  const table = overheadTable(rows);
  expect(table[0]).toEqual(['task', 'work', 'median ms', 'p99 ms', '±% (95%)', 'samples', '× fwd+bwd']);
  expect(table.at(-1)![0]).toBe('norm + perturb + restore');
});
