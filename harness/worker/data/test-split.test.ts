// loadTestData: the test split in fixed order, batched with a smaller last batch, never augmented; errors.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { ResolvedDataset } from '../../../schemas/index.js';
import { loadBackend } from '../backend.js';
import { cifarPixel, writeCifarFolder } from './fixtures/cifar.js';
import { loadIdxSplit, loadTestData, type EvalData } from './index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const mnistDir = path.resolve(repoRoot, '..', 'shared', 'datasets', 'mnist');
const haveMnist = fs.existsSync(mnistDir);

let dir: string;
beforeAll(async () => {
  await loadBackend('tensorflow');
  dir = writeCifarFolder(fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-test-split-')), [[0], [1], [2], [3], [4]], [9, 8, 7, 6, 5]);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cifar = (over: Partial<ResolvedDataset> = {}): ResolvedDataset => ({
  name: 'cifar10',
  path: dir,
  batchSize: 2,
  shape: [32, 32, 3],
  classes: 10,
  samples: null,
  augment: true,
  normalize: false,
  imageSize: null,
  onBadImage: 'skip',
  trainSubset: null,
  labelNoise: 0,
  mixup: null,
  ...over,
});

/** Each batch's row count, labels (argmax of ys) and first input value; tensors disposed. */
function readBatches(data: EvalData, batchSize: number) {
  return [...data.batches(batchSize)].map(({ xs, ys }) => {
    const onehot = ys.dataSync();
    const labels = Array.from({ length: ys.shape[0] }, (_, r) => onehot.subarray(r * 10, r * 10 + 10).indexOf(1));
    const out = { rows: xs.shape[0], labels, first: xs.dataSync()[0], shape: xs.shape.slice(1) };
    tf.dispose([xs, ys]);
    return out;
  });
}

describe('loadTestData', () => {
  test('cifar10: test_batch.bin in file order, batches of batchSize and a smaller last one, not augmented', async () => {
    const data = await loadTestData(cifar(), null, null);
    expect(data).toMatchObject({ name: 'cifar10', size: 5, classes: 10, inputShape: [32, 32, 3], stats: null });
    const before = tf.memory().numTensors;
    const batches = readBatches(data, 2);
    expect(tf.memory().numTensors).toBe(before);
    expect(batches.map((b) => [b.rows, b.labels])).toEqual([
      [2, [9, 8]],
      [2, [7, 6]],
      [1, [5]],
    ]);
    expect(batches[0]!.shape).toEqual([32, 32, 3]);
    // Unaugmented: the first value is test record 0's red pixel at (0, 0), written 6th.
    expect(batches[0]!.first).toBeCloseTo(cifarPixel(5, 0, 0) / 255, 6);
    expect(readBatches(data, 2)).toEqual(batches); // the same every time
  });

  test('testSamples keeps the first N; more than the split holds is refused', async () => {
    const data = await loadTestData(cifar(), 3, null);
    expect(readBatches(data, 10).map((b) => b.labels)).toEqual([[9, 8, 7]]);
    await expect(loadTestData(cifar(), 6, null)).rejects.toThrow(
      `dataset "cifar10" asks for 6 test samples but ${path.join(dir, 'test_batch.bin')} holds 5`,
    );
  });

  test('synthetic data has no test split; a missing path or file is named', async () => {
    await expect(loadTestData({ ...cifar(), name: 'synthetic', path: null }, null)).rejects.toThrow(
      'dataset "synthetic" has no test split',
    );
    await expect(loadTestData(cifar({ path: null }), null)).rejects.toThrow(
      'dataset "cifar10" needs `path`: the folder holding the binary batches',
    );
    const data = await loadTestData(cifar(), null);
    expect(() => data.batches(0).next()).toThrow('batchSize must be a positive integer (got 0)');
  });
});

describe.skipIf(!haveMnist)(`mnist t10k from ${mnistDir}${haveMnist ? '' : ' (skipped: folder not found)'}`, () => {
  test('the t10k split, first 300 samples, in file order', async () => {
    const mnist: ResolvedDataset = { ...cifar(), name: 'mnist', path: mnistDir, shape: [28, 28, 1] };
    const data = await loadTestData(mnist, 300, null);
    const raw = loadIdxSplit(mnistDir, 't10k');
    expect(data.size).toBe(300);
    const labels = readBatches(data, 128).flatMap((b) => b.labels);
    expect(labels).toEqual(Array.from(raw.labels.subarray(0, 300)));
  });
});
