// Normalisation: per-channel statistics on hand-checkable data, and the test split standardised with the training statistics.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { ResolvedDataset } from '../../../schemas/index.js';
import { loadBackend } from '../backend.js';
import { cifarPixel, writeCifarFolder } from './fixtures/cifar.js';
import { computeNormalizationStats, loadTestData, loadTrainingData, type EvalData } from './index.js';

describe('computeNormalizationStats', () => {
  test('mean and population std per interleaved channel, of values · scale', () => {
    // 4 pixels × 2 channels: channel 0 = 0, 255, 0, 255 → 0, 1, 0, 1; channel 1 = 51 everywhere → 0.2.
    const stats = computeNormalizationStats(Uint8Array.from([0, 51, 255, 51, 0, 51, 255, 51]), 2, 1 / 255);
    expect(stats.mean[0]).toBeCloseTo(0.5, 12);
    expect(stats.std[0]).toBeCloseTo(0.5, 12);
    expect(stats.mean[1]).toBeCloseTo(0.2, 12);
    expect(stats.std[1]).toBe(1); // constant channel: centred only
  });

  test('three channels, unequal spread', () => {
    // channel 0: 1, 2, 3, 4 → mean 2.5, var 1.25; channel 1: 0, 0, 0, 8 → mean 2, var 12; channel 2: 5, 5, 7, 7 → 6, 1.
    const values = Float32Array.from([1, 0, 5, 2, 0, 5, 3, 0, 7, 4, 8, 7]);
    const { mean, std } = computeNormalizationStats(values, 3, 1);
    expect(mean).toEqual([2.5, 2, 6]);
    [Math.sqrt(1.25), Math.sqrt(12), 1].forEach((s, c) => expect(std[c]).toBeCloseTo(s, 12));
  });

  test('refuses no data or a partial pixel', () => {
    expect(() => computeNormalizationStats(new Uint8Array(0), 3, 1)).toThrow(
      'statistics need a whole number of 3-channel pixels (got 0 values)',
    );
    expect(() => computeNormalizationStats(new Uint8Array(4), 3, 1)).toThrow('(got 4 values)');
  });
});

describe('a normalised CIFAR-10 folder', () => {
  let dir: string;
  beforeAll(async () => {
    await loadBackend('tensorflow');
    dir = writeCifarFolder(fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-norm-')), [[0, 1], [2], [3], [4], [5, 6]], [7, 8, 9, 0, 1]);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const cifar = (over: Partial<ResolvedDataset> = {}): ResolvedDataset => ({
    name: 'cifar10',
    path: dir,
    batchSize: 3,
    shape: [32, 32, 3],
    classes: 10,
    samples: null,
    augment: false,
    normalize: true,
    imageSize: null,
    onBadImage: 'skip',
    trainSubset: null,
    labelNoise: 0,
    mixup: null,
    ...over,
  });
  /** Mean and std of channel c over records first … first+count−1 of the fixture, in [0, 1] units. */
  const expectedStats = (first: number, count: number, c: number) => {
    const xs = Array.from({ length: count * 1024 }, (_, k) => cifarPixel(first + Math.floor(k / 1024), c, k % 1024) / 255);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    return { mean, std: Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length) };
  };
  /** All of an EvalData's inputs, flattened. */
  const allInputs = (test: EvalData) => {
    const out: number[] = [];
    for (const { xs, ys } of test.batches(2)) {
      out.push(...xs.dataSync());
      tf.dispose([xs, ys]);
    }
    return out;
  };

  test('statistics come from the training samples in use', async () => {
    const all = await loadTrainingData(cifar(), 0);
    const first3 = await loadTrainingData(cifar({ samples: 3 }), 0);
    for (let c = 0; c < 3; c++) {
      expect(all.stats!.mean[c]).toBeCloseTo(expectedStats(0, 7, c).mean, 10);
      expect(all.stats!.std[c]).toBeCloseTo(expectedStats(0, 7, c).std, 10);
      expect(first3.stats!.mean[c]).toBeCloseTo(expectedStats(0, 3, c).mean, 10);
    }
    expect((await loadTrainingData(cifar({ normalize: false }), 0)).stats).toBeNull();
  });

  test('training inputs are (pixel / 255 − mean_c) / std_c, HWC', async () => {
    const train = await loadTrainingData(cifar(), 4);
    const { mean, std } = train.stats!;
    const { xs, ys } = train.batch(2);
    const values = xs.dataSync();
    Array.from(train.indices(2)).forEach((record, row) => {
      for (const p of [0, 33, 1023]) {
        for (let c = 0; c < 3; c++) {
          expect(values[row * 3072 + p * 3 + c]).toBeCloseTo((cifarPixel(record, c, p) / 255 - mean[c]!) / std[c]!, 5);
        }
      }
    });
    tf.dispose([xs, ys]);
  });

  test('the test split uses the training statistics, passed or recomputed', async () => {
    const train = await loadTrainingData(cifar({ samples: 5 }), 0);
    const passed = await loadTestData(cifar({ samples: 5 }), 4, train.stats);
    const recomputed = await loadTestData(cifar({ samples: 5 }), 4);
    expect(recomputed.stats).toEqual(train.stats);
    expect(passed.stats).toEqual(train.stats);
    const inputs = allInputs(passed);
    expect(allInputs(recomputed)).toEqual(inputs);
    const { mean, std } = train.stats!;
    // Test record 0 is the 8th written (after 7 training records).
    expect(inputs[3 * 5 + 1]).toBeCloseTo((cifarPixel(7, 1, 5) / 255 - mean[1]!) / std[1]!, 5);
    expect(inputs[3072 * 3 + 2]).toBeCloseTo((cifarPixel(10, 2, 0) / 255 - mean[2]!) / std[2]!, 5);
  });
});
