// vit-tiny: parameter counts (the sums in vit-tiny.ts), forward shape, seeded weights, and a few SAM steps.
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadBackend } from '../backend.js';
import { BUILTIN_MODELS } from '../../../schemas/index.js';
import { SAM } from '../../sam/index.js';
import { buildModel, countTrainableParams } from './index.js';

beforeAll(async () => {
  await loadBackend('tensorflow');
});

const build = (inputShape: number[], classes = 10, seed = 0) =>
  buildModel({ model: { source: 'builtin', name: 'vit-tiny', batchNorm: false, hidden: [256] }, inputShape, classes, seed });

// Per block: LN 128 + qkv 12,480 + proj 4,160 + LN 128 + fc1 8,320 + fc2 8,256.
const BLOCKS = 4 * 33_472;

describe('vit-tiny', () => {
  test.each([
    { shape: [32, 32, 3], classes: 10, parameters: 3136 + 64 + 65 * 64 + BLOCKS + 128 + 650 },
    { shape: [28, 28, 1], classes: 10, parameters: 1088 + 64 + 50 * 64 + BLOCKS + 128 + 650 },
    // 30 is not a multiple of 4: the 'valid' patch conv drops the remainder (7×7 tokens, as at 28).
    { shape: [30, 30, 1], classes: 100, parameters: 1088 + 64 + 50 * 64 + BLOCKS + 128 + 64 * 100 + 100 },
  ])('$shape, $classes classes: $parameters trainable, all of them weights', ({ shape, classes, parameters }) => {
    const model = build(shape, classes);
    expect(countTrainableParams(model)).toBe(parameters);
    expect(model.countParams()).toBe(parameters);
    expect(model.outputs[0]!.shape).toEqual([null, classes]);
    model.dispose();
  });

  test('the registry reference is the hand sum at 32x32x3', () => {
    expect(BUILTIN_MODELS['vit-tiny'].reference.parameters).toBe(142_026);
  });

  test('forward: [batch, classes] finite logits, no leaked tensors', () => {
    const model = build([28, 28, 1], 7, 3);
    const before = tf.memory().numTensors;
    const logits = tf.tidy(() => model.predict(tf.randomUniform([5, 28, 28, 1], 0, 1, 'float32', 1)) as tf.Tensor);
    expect(logits.shape).toEqual([5, 7]);
    expect(Array.from(logits.dataSync()).every(Number.isFinite)).toBe(true);
    logits.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  test('same seed, same weights; another seed, other kernels and position embedding', () => {
    const [a, b, c] = [4, 4, 5].map((seed) => build([28, 28, 1], 10, seed)) as [tfl.LayersModel, tfl.LayersModel, tfl.LayersModel];
    const values = (m: tfl.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
    const [wa, wb, wc] = [values(a), values(b), values(c)];
    expect(wb).toEqual(wa);
    // Every drawn weight (kernels, position embedding) differs; zeros and ones (biases, LayerNorm, class token) do not.
    const drawn = a.getWeights().flatMap((w, i) => (wa[i]!.some((v) => v !== 0 && v !== 1) ? [i] : []));
    expect(drawn.length).toBe(1 + 1 + 4 * 4 + 1); // patch conv, position, 4 kernels per block, head
    expect(drawn.filter((i) => wc[i]!.every((v, j) => v === wa[i]![j]))).toEqual([]);
    [a, b, c].forEach((m) => m.dispose());
  });

  test('a few SAM steps on a tiny batch: the loss stays finite and falls', () => {
    const model = build([28, 28, 1], 10, 1);
    const x = tf.randomUniform([8, 28, 28, 1], 0, 1, 'float32', 2);
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7], 'int32'), 10);
    const sam = new SAM(tf.train.sgd(0.05), { rho: 0.05 });
    const loss = () => tf.losses.softmaxCrossEntropy<tf.Tensor, tf.Scalar>(y, model.apply(x, { training: true }) as tf.Tensor);
    const losses: number[] = [];
    for (let step = 0; step < 5; step++) {
      const value = sam.minimize(
        loss,
        true,
        model.trainableWeights.map((w) => w.read() as tf.Variable),
      );
      losses.push(value!.dataSync()[0]!);
      value!.dispose();
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses.at(-1)!).toBeLessThan(losses[0]!);
    expect(model.getWeights().every((w) => Array.from(w.dataSync()).every(Number.isFinite))).toBe(true);
    tf.dispose([x, y]);
    model.dispose();
  });
});
