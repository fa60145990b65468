// NativeBatchNormalization against tfjs-layers' BatchNormalization on the same input and weights:
// the same training output, gradients and moving statistics to float32 rounding on native
// TensorFlow, and tfjs-layers' own path (bit for bit) in inference and on the other backends.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { loadBackend } from '../backend.js';
import { NativeBatchNormalization } from './native-batch-norm.js';

const ARGS = { momentum: 0.9, epsilon: 1e-5 };
const SHAPE = [6, 5, 5, 4] as const;

// Two layers with the same (non-trivial) gamma, beta and moving statistics.
function twins(shape: readonly number[] = SHAPE): [tfl.layers.Layer, tfl.layers.Layer] {
  const plain = tfl.layers.batchNormalization(ARGS);
  const native = new NativeBatchNormalization(ARGS);
  plain.build([...shape]);
  native.build([...shape]);
  const weights = [
    tf.tensor1d([1.5, 0.5, -1, 2]),
    tf.tensor1d([0.1, -0.2, 0.3, 0]),
    tf.tensor1d([0.2, 0, -0.1, 1]),
    tf.tensor1d([1, 2, 0.5, 3]),
  ];
  plain.setWeights(weights);
  native.setWeights(weights);
  return [plain, native];
}

// Output, the gradients of a weighted sum in x, gamma and beta, and the moving statistics after.
function trainingPass(layer: tfl.layers.Layer, x: tf.Tensor): Float32Array[] {
  const weightsOut = tf.randomNormal(x.shape, 0, 1, 'float32', 3);
  const [gamma, beta] = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(
    () => tf.sum(tf.mul(layer.apply(x, { training: true }) as tf.Tensor, weightsOut)),
    [gamma!, beta!],
  );
  const dx = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input, { training: true }) as tf.Tensor, weightsOut)))(x);
  const out = layer.apply(x, { training: true }) as tf.Tensor;
  const arrays = [out, dx, grads[gamma!.name]!, grads[beta!.name]!, value, ...layer.getWeights().slice(2)].map(
    (t) => t.dataSync() as Float32Array,
  );
  return arrays;
}

const close = (a: Float32Array, b: Float32Array) => {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => expect(Math.abs(v - b[i]!), `element ${i}: ${v} vs ${b[i]}`).toBeLessThan(2e-5 * Math.max(1, Math.abs(v))));
};

describe('on native TensorFlow', () => {
  beforeAll(async () => {
    await loadBackend('tensorflow');
  });

  test('training: the output, the gradients in x, gamma and beta, and the moving statistics agree to float32 rounding', () => {
    const x = tf.randomNormal<tf.Rank.R4>([...SHAPE], 0.5, 2, 'float32', 1);
    const [plain, native] = twins();
    const expected = trainingPass(plain, x);
    const execute = vi.spyOn(tf.backend() as unknown as { executeMultipleOutputs: (name: string) => unknown }, 'executeMultipleOutputs');
    const actual = trainingPass(native, x);
    // One native op each way: the fused kernels ran, forward and backward.
    const ops = execute.mock.calls.map(([name]) => name);
    execute.mockRestore();
    expect(ops).toContain('FusedBatchNorm');
    expect(ops).toContain('FusedBatchNormGrad');
    expect(actual).toHaveLength(7);
    actual.forEach((a, i) => close(a, expected[i]!));
  });

  test('dense features ([batch, channels]) train through the same kernels, with the same results', () => {
    const x = tf.randomNormal<tf.Rank.R2>([16, 4], -1, 3, 'float32', 5);
    const [plain, native] = twins([16, 4]);
    const expected = trainingPass(plain, x);
    trainingPass(native, x).forEach((a, i) => close(a, expected[i]!));
  });

  test('inference is tfjs-layers’ own path, bit for bit, and a training pass leaves no tensor behind', () => {
    const x = tf.randomNormal<tf.Rank.R4>([...SHAPE], 0, 1, 'float32', 2);
    const [plain, native] = twins();
    expect(Array.from((native.apply(x, { training: false }) as tf.Tensor).dataSync())).toEqual(
      Array.from((plain.apply(x, { training: false }) as tf.Tensor).dataSync()),
    );
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.grads((input: tf.Tensor) => tf.sum(native.apply(input, { training: true }) as tf.Tensor))([x]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});

test('on a TF.js fallback backend it is tfjs-layers’ layer, bit for bit', async () => {
  await loadBackend('cpu');
  const x = tf.randomNormal<tf.Rank.R4>([...SHAPE], 0, 1, 'float32', 4);
  const [plain, native] = twins();
  expect(trainingPass(native, x).map((a) => Array.from(a))).toEqual(trainingPass(plain, x).map((a) => Array.from(a)));
  await loadBackend('tensorflow');
});
