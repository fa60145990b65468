// openBatchStream: the worker thread gives exactly the batches of TrainingData.batch, across epochs, with and without augmentation.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { ResolvedDataset } from '../../../schemas/index.js';
import { loadBackend } from '../backend.js';
import { inMemoryTrainingData, sharedBytes } from './in-memory.js';
import { openBatchStream, loadTrainingData, type BatchStream, type TrainingData } from './index.js';

beforeAll(async () => {
  await loadBackend('tensorflow');
});

const streams: BatchStream[] = [];
afterAll(async () => {
  await Promise.all(streams.map((s) => s.close()));
});

/** 10 images of 6 × 6 × 3 bytes (shared memory, as the file loaders give), standardised. */
function images(augment: boolean, seed = 5): TrainingData {
  const values = sharedBytes(10 * 108).map((_, k) => (k * 37 + 3) % 256);
  const stats = { mean: [0.4, 0.5, 0.6], std: [0.2, 0.25, 0.3] };
  return inMemoryTrainingData(
    { name: 'cifar10', inputShape: [6, 6, 3], classes: 4, values, scale: 1 / 255, labels: [0, 1, 2, 3, 0, 1, 2, 3, 0, 1], stats },
    4,
    seed,
    augment,
  );
}

/** A batch as plain arrays; its tensors disposed. */
function arrays({ xs, ys }: { xs: tf.Tensor; ys: tf.Tensor }) {
  const out = { xs: xs.dataSync(), ys: ys.dataSync(), shape: xs.shape };
  tf.dispose([xs, ys]);
  return out;
}

function open(data: TrainingData, prefetch?: number): BatchStream {
  const stream = openBatchStream(data, prefetch === undefined ? {} : { prefetch });
  streams.push(stream);
  return stream;
}

describe('openBatchStream', () => {
  // 10 samples, batch 4: step 3 straddles epochs 0 and 1, step 6 ends epoch 2.
  test.each([false, true])('the same batches as batch(step) for steps 1…7 (augment: %s)', async (augment) => {
    const data = images(augment);
    const stream = open(data);
    for (let step = 1; step <= 7; step++) {
      const streamed = await stream.next(step);
      expect(streamed.waitMs).toBeGreaterThanOrEqual(0);
      expect(arrays(streamed)).toEqual(arrays(data.batch(step)));
    }
    await stream.close();
  });

  test('synthetic float data (not on shared memory) is copied once and streams the same', async () => {
    const dataset: ResolvedDataset = {
      name: 'synthetic',
      path: null,
      batchSize: 8,
      shape: [5, 5, 2],
      classes: 3,
      samples: 20,
      augment: true,
      normalize: false,
      imageSize: null,
      onBadImage: 'skip',
      trainSubset: null,
      labelNoise: 0,
      mixup: null,
    };
    const data = await loadTrainingData(dataset, 9);
    const stream = open(data, 2);
    for (const step of [1, 2, 3, 4]) expect(arrays(await stream.next(step))).toEqual(arrays(data.batch(step)));
  });

  test('a caller that skips or repeats steps still gets the right batch', async () => {
    const data = images(true, 6);
    const stream = open(data);
    for (const step of [1, 5, 5, 2, 3, 9]) expect(arrays(await stream.next(step))).toEqual(arrays(data.batch(step)));
  });

  test('errors: a bad step rejects; after close every call rejects', async () => {
    const stream = open(images(false));
    await expect(stream.next(0)).rejects.toThrow('step must be an integer >= 1 (got 0)');
    arrays(await stream.next(1));
    await stream.close();
    await expect(stream.next(2)).rejects.toThrow('batch stream is closed');
    expect(() => openBatchStream(images(false), { prefetch: -1 })).toThrow('prefetch must be an integer >= 0 (got -1)');
  });
});
