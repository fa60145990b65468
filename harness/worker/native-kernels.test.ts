// The faster native kernels give tfjs-node's results bit for bit: on the values where a ReLU
// derivative could differ (NaN, ±Inf, ±0, denormals), in the gradients a training step takes,
// and they hand every other case (alpha ≠ 0, int32) to tfjs-node's own kernel.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { loadBackend } from './backend.js';
import { nativeKernelsInstalled, useNativeKernels } from './native-kernels.js';

beforeAll(async () => {
  await loadBackend('tensorflow');
});
afterAll(() => useNativeKernels(true));

// What f gives with tfjs-node's kernels and with ours, as raw bytes.
function both(f: () => tf.Tensor): [Uint8Array, Uint8Array] {
  const bytes = (on: boolean) => {
    useNativeKernels(on);
    return tf.tidy(() => {
      const out = f();
      return new Uint8Array(out.dataSync().buffer.slice(0));
    });
  };
  return [bytes(false), bytes(true)];
}

const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 1.2e-38, -1.2e-38, 1e-45, -1e-45, 2, -2, 3.4e38, -3.4e38];

test('loading the native backend installs them', async () => {
  useNativeKernels(false);
  await loadBackend('tensorflow');
  expect(nativeKernelsInstalled()).toBe(true);
});

test('step(x) on NaN, ±Inf, ±0, denormals and extremes: the same bytes', () => {
  const [theirs, ours] = both(() => tf.step(tf.tensor1d(SPECIAL)));
  expect(ours).toEqual(theirs);
  useNativeKernels(true);
  expect(Array.from(tf.step(tf.tensor1d([NaN, 1, -1, 0])).dataSync())).toEqual([NaN, 1, 0, 0]);
});

test('step with alpha, and on int32, goes to tfjs-node’s kernel (which refuses int32, as before)', () => {
  const [leakyTheirs, leakyOurs] = both(() => tf.step(tf.tensor1d(SPECIAL), 0.25));
  expect(leakyOurs).toEqual(leakyTheirs);
  for (const on of [false, true]) {
    useNativeKernels(on);
    expect(() => tf.step(tf.tensor1d([-3, 0, 5], 'int32'))).toThrow(/IsNan/);
  }
});

test('the ReLU gradient on NaN, ±Inf, ±0, denormal inputs and NaN, ±Inf upstream gradients: the same bytes, from ReluGrad', () => {
  const x = tf.tensor1d([...SPECIAL, ...SPECIAL]);
  const upstream = [NaN, Infinity, -Infinity, 2];
  const dy = tf.tensor1d([...SPECIAL.map(() => 1.5), ...SPECIAL.map((_, i) => upstream[i % upstream.length]!)]);
  const gradient = () => tf.grad((t: tf.Tensor) => tf.relu(t))(x, dy);
  const [theirs, ours] = both(gradient);
  expect(ours).toEqual(theirs);
  const execute = vi.spyOn(tf.backend() as unknown as { executeSingleOutput: (name: string) => unknown }, 'executeSingleOutput');
  tf.dispose(gradient());
  expect(execute.mock.calls.map(([name]) => name)).toContain('ReluGrad');
  execute.mockRestore();
});

test('ReLU and fused conv+bias+ReLU gradients on a random batch: the same bytes, no tensor left behind', () => {
  const x = tf.randomNormal<tf.Rank.R4>([4, 8, 8, 3], 0, 1, 'float32', 7);
  const filter = tf.randomNormal<tf.Rank.R4>([3, 3, 3, 5], 0, 0.3, 'float32', 8);
  const bias = tf.randomNormal<tf.Rank.R1>([5], 0, 0.1, 'float32', 9);
  const fusedGrads = () =>
    tf.grads((f: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.fused.conv2d({ x, filter: f as tf.Tensor4D, strides: 1, pad: 'same', bias: b, activation: 'relu' })),
    )([filter, bias]);
  const [theirs, ours] = both(() => tf.concat(fusedGrads().map((g) => g.flatten())));
  expect(ours).toEqual(theirs);
  const [reluTheirs, reluOurs] = both(() => tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.relu(t), t)))(x));
  expect(reluOurs).toEqual(reluTheirs);
  useNativeKernels(true);
  const before = tf.memory().numTensors;
  tf.dispose(fusedGrads());
  expect(tf.memory().numTensors).toBe(before);
  tf.dispose([x, filter, bias]);
});
