// TrainingData over samples held in one flat typed array (both synthetic data and IDX files).
import * as tf from '@tensorflow/tfjs-core';
import type { ResolvedDataset } from '../../suite/run-spec.js';
import { createBatchSampler } from './sampler.js';
import type { TrainingData } from './types.js';

/** Samples in memory, sample-major. */
export interface InMemorySamples {
  name: ResolvedDataset['name'];
  inputShape: number[];
  classes: number;
  /** size × product(inputShape) values. */
  values: Float32Array | Uint8Array;
  /** Multiplier turning `values` into inputs, e.g. 1/255 for bytes (keeps MNIST at 47 MB, not 188). */
  scale: number;
  /** One class index (0 … classes−1) per sample. */
  labels: ArrayLike<number>;
}

/** Serves batches of `samples` in a seeded order that changes every epoch. */
export function inMemoryTrainingData(samples: InMemorySamples, batchSize: number, seed: number): TrainingData {
  const { name, inputShape, classes, values, scale, labels } = samples;
  const sampleSize = inputShape.reduce((a, b) => a * b, 1);
  const size = labels.length;
  if (values.length !== size * sampleSize) {
    throw new Error(`${name}: ${values.length} values do not make ${size} samples of shape [${inputShape.join(', ')}]`);
  }
  const sampler = createBatchSampler(size, batchSize, seed);
  return {
    name,
    inputShape: [...inputShape],
    classes,
    size,
    batchSize,
    indices: (step) => sampler.indices(step),
    epochOf: (step) => sampler.epochOf(step),
    batch(step) {
      const picked = sampler.indices(step);
      const xs = new Float32Array(batchSize * sampleSize);
      const ys = new Float32Array(batchSize * classes);
      picked.forEach((sample, row) => {
        const from = sample * sampleSize;
        const to = row * sampleSize;
        for (let k = 0; k < sampleSize; k++) xs[to + k] = values[from + k]! * scale;
        ys[row * classes + labels[sample]!] = 1;
      });
      // Built from typed arrays: no intermediate tensors, so nothing for tf.tidy to collect.
      return { xs: tf.tensor(xs, [batchSize, ...inputShape], 'float32'), ys: tf.tensor2d(ys, [batchSize, classes], 'float32') };
    },
  };
}
