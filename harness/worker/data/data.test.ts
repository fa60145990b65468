// TrainingData: seeded synthetic data, batch shapes and ranges, epoch reshuffling, MNIST batches.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { loadBackend } from '../backend.js';
import type { ResolvedDataset } from '../../../schemas/index.js';
import { loadIdxSplit, loadTrainingData, SYNTHETIC_DEFAULT_SAMPLES, type TrainingData } from './index.js';
import { createBatchSampler } from './sampler.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const datasets = path.resolve(repoRoot, '..', 'shared', 'datasets');
const haveMnist = fs.existsSync(path.join(datasets, 'mnist')) && fs.existsSync(path.join(datasets, 'fashion-mnist'));

beforeAll(async () => {
  await loadBackend('tensorflow');
});

const synthetic = (over: Partial<ResolvedDataset> = {}): ResolvedDataset => ({
  name: 'synthetic',
  path: null,
  batchSize: 16,
  shape: [6, 6, 3],
  classes: 5,
  samples: 100,
  augment: false,
  normalize: false,
  imageSize: null,
  onBadImage: 'skip',
  trainSubset: null,
  labelNoise: 0,
  mixup: null,
  ...over,
});

/** xs and ys of one step as plain arrays; the tensors are disposed. */
function batchArrays(data: TrainingData, step: number) {
  const { xs, ys } = data.batch(step);
  const out = { xs: xs.dataSync() as Float32Array, ys: ys.dataSync() as Float32Array, xsShape: xs.shape, ysShape: ys.shape };
  tf.dispose([xs, ys]);
  return out;
}

describe('synthetic', () => {
  test('batches are [batch, ...shape] in [0, 1) with one-hot float32 labels, and nothing leaks', async () => {
    const data = await loadTrainingData(synthetic(), 3);
    expect(data).toMatchObject({ name: 'synthetic', inputShape: [6, 6, 3], classes: 5, size: 100, batchSize: 16 });
    const before = tf.memory().numTensors;
    const { xs, ys } = data.batch(1);
    expect([xs.shape, xs.dtype, ys.shape, ys.dtype]).toEqual([[16, 6, 6, 3], 'float32', [16, 5], 'float32']);
    expect(tf.memory().numTensors).toBe(before + 2);
    const values = Array.from(xs.dataSync());
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const rows = (ys.arraySync() as number[][]).map((r) => [r.filter((v) => v === 1).length, r.reduce((a, b) => a + b)]);
    expect(rows.every(([ones, sum]) => ones === 1 && sum === 1)).toBe(true);
    tf.dispose([xs, ys]);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('the same seed gives the same batches; another seed gives other data and order', async () => {
    const [a, b, c] = await Promise.all([3, 3, 4].map((seed) => loadTrainingData(synthetic(), seed)));
    for (const step of [1, 7, 20]) {
      expect(batchArrays(b!, step)).toEqual(batchArrays(a!, step));
      expect(batchArrays(c!, step).xs).not.toEqual(batchArrays(a!, step).xs);
    }
    expect(c!.indices(1)).not.toEqual(a!.indices(1));
  });

  test(`holds ${SYNTHETIC_DEFAULT_SAMPLES} samples when the suite gives none; any rank of shape works`, async () => {
    const data = await loadTrainingData(synthetic({ samples: null, shape: [10], classes: 3, batchSize: 4 }), 0);
    expect(data.size).toBe(SYNTHETIC_DEFAULT_SAMPLES);
    expect(batchArrays(data, 1).xsShape).toEqual([4, 10]);
  });

  test('labels cover the classes', async () => {
    const data = await loadTrainingData(synthetic({ batchSize: 100 }), 1);
    const { ys } = batchArrays(data, 1);
    const seen = new Set(Array.from({ length: 100 }, (_, r) => ys.subarray(r * 5, r * 5 + 5).indexOf(1)));
    expect(seen).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  test('steps are 1-based integers', async () => {
    const data = await loadTrainingData(synthetic(), 0);
    expect(() => data.batch(0)).toThrow('step must be an integer >= 1 (got 0)');
    expect(() => data.batch(1.5)).toThrow('step must be an integer >= 1 (got 1.5)');
  });
});

describe('epoch order', () => {
  const sorted = (a: Uint32Array) => Array.from(a).sort((x, y) => x - y);
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);

  test('every epoch is a new permutation; a batch may straddle two epochs', () => {
    const sampler = createBatchSampler(10, 4, 5);
    const stream = new Uint32Array([1, 2, 3, 4, 5].flatMap((step) => Array.from(sampler.indices(step))));
    const [epoch0, epoch1] = [stream.subarray(0, 10), stream.subarray(10, 20)];
    expect(sorted(epoch0)).toEqual(range(10));
    expect(sorted(epoch1)).toEqual(range(10));
    expect(epoch1).not.toEqual(epoch0);
    expect([1, 2, 3, 4, 5].map((s) => sampler.epochOf(s))).toEqual([0, 0, 0, 1, 1]);
    expect(createBatchSampler(10, 4, 5).indices(4)).toEqual(stream.subarray(12, 16));
  });

  test('an early step asked for again, after its epoch left the cache, is the same', () => {
    const sampler = createBatchSampler(4, 4, 1);
    const first = sampler.indices(1);
    for (let step = 2; step <= 10; step++) sampler.indices(step);
    expect(sampler.indices(1)).toEqual(first);
  });

  test('a batch larger than the dataset spans several epochs', () => {
    const sampler = createBatchSampler(3, 7, 0);
    expect(sorted(sampler.indices(1).subarray(0, 6))).toEqual([0, 0, 1, 1, 2, 2]);
    expect(sampler.epochOf(2)).toBe(2);
  });
});

describe('errors', () => {
  test('mnist without a path, or an unknown dataset', async () => {
    await expect(loadTrainingData({ ...synthetic(), name: 'mnist', path: null }, 0)).rejects.toThrow('dataset "mnist" needs `path`');
    await expect(loadTrainingData({ ...synthetic(), name: 'svhn' as never }, 0)).rejects.toThrow(
      'unknown dataset "svhn"; expected one of synthetic, mnist, fashion-mnist, cifar10, image-folder',
    );
  });
});

describe.skipIf(!haveMnist)(`MNIST batches from ${datasets}${haveMnist ? '' : ' (skipped: folder not found)'}`, () => {
  const mnist = (over: Partial<ResolvedDataset> = {}): ResolvedDataset => ({
    name: 'mnist',
    path: path.join(datasets, 'mnist'),
    batchSize: 64,
    shape: [28, 28, 1],
    classes: 10,
    samples: null,
    augment: false,
    normalize: false,
    imageSize: null,
    onBadImage: 'skip',
    trainSubset: null,
    labelNoise: 0,
    mixup: null,
    ...over,
  });

  test.each(['mnist', 'fashion-mnist'] as const)('%s: the train split, pixels / 255, labels one-hot', async (name) => {
    const dir = path.join(datasets, name);
    const data = await loadTrainingData(mnist({ name, path: dir }), 9);
    expect(data).toMatchObject({ size: 60_000, inputShape: [28, 28, 1], classes: 10 });
    const raw = loadIdxSplit(dir, 'train');
    const { xs, ys, xsShape } = batchArrays(data, 3);
    expect(xsShape).toEqual([64, 28, 28, 1]);
    Array.from(data.indices(3)).forEach((sample, row) => {
      const pixels = Array.from(raw.images.subarray(sample * 784, sample * 784 + 784), (p) => Math.fround(p / 255));
      expect(Array.from(xs.subarray(row * 784, row * 784 + 784))).toEqual(pixels);
      expect(ys.subarray(row * 10, row * 10 + 10).indexOf(1)).toBe(raw.labels[sample]);
    });
    expect(Math.min(...xs)).toBe(0);
    expect(Math.max(...xs)).toBe(1);
  });

  test('`samples` keeps the first N; more than the file holds, or another shape, is refused', async () => {
    const data = await loadTrainingData(mnist({ samples: 500, batchSize: 250 }), 0);
    expect(data.size).toBe(500);
    const epoch = [...data.indices(1), ...data.indices(2)].sort((a, b) => a - b);
    expect(epoch).toEqual(Array.from({ length: 500 }, (_, i) => i));
    await expect(loadTrainingData(mnist({ samples: 60_001 }), 0)).rejects.toThrow('asks for 60001 samples but');
    await expect(loadTrainingData(mnist({ shape: [32, 32, 3] }), 0)).rejects.toThrow('dataset "mnist" has shape [32, 32, 3] but');
  });
});
