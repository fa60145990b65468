// TrainingData and EvalData over samples held in one flat typed array (synthetic data and files).
import * as tf from '@tensorflow/tfjs-core';
import type { ResolvedDataset } from '../../../schemas/index.js';
import { assembleBatch, imageDims, type BatchArrays, type SampleSource } from './batch-assembly.mjs';
import { planAugmentation } from './augment.js';
import { planMixup } from './mixup.js';
import { createBatchSampler } from './sampler.js';
import type { Batch, EvalData, LabelNoise, NormalizationStats, SkippedImages, TrainingData } from './types.js';

/** Samples in memory, sample-major. */
export interface InMemorySamples {
  name: ResolvedDataset['name'];
  inputShape: number[];
  classes: number;
  /** size × product(inputShape) values; HWC for images. */
  values: Float32Array | Uint8Array;
  /** Multiplier turning `values` into [0, 1] inputs, e.g. 1/255 for bytes (keeps MNIST at 47 MB, not 188). */
  scale: number;
  /** One class index (0 … classes−1) per sample. */
  labels: ArrayLike<number>;
  /** Standardise the scaled inputs with these; null = leave them in [0, 1]. */
  stats: NormalizationStats | null;
  skipped?: SkippedImages;
  /** Set when the labels carry `dataset.labelNoise`. */
  labelNoise?: LabelNoise;
}

// Loaders put bytes here so that openBatchStream's worker thread reads them without a copy.
/** A zeroed Uint8Array of `length` bytes on a SharedArrayBuffer. */
export function sharedBytes(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(length));
}

/** A zeroed Float32Array of `length` values on a SharedArrayBuffer. */
export function sharedFloats(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(4 * length));
}

/** No image skipped. */
export const NONE_SKIPPED: SkippedImages = Object.freeze({ count: 0, examples: [] });

/** Wraps a batch's arrays in tensors; the one place data becomes tensors (no intermediates to tidy). */
export function toBatch({ xs, ys }: BatchArrays, inputShape: readonly number[], classes: number): Batch {
  const rows = ys.length / classes;
  return { xs: tf.tensor(xs, [rows, ...inputShape], 'float32'), ys: tf.tensor2d(ys, [rows, classes], 'float32') };
}

function sourceOf(samples: InMemorySamples): SampleSource {
  const { name, inputShape, classes, values, scale, labels, stats } = samples;
  const sampleSize = inputShape.reduce((a, b) => a * b, 1);
  if (values.length !== labels.length * sampleSize) {
    throw new Error(`${name}: ${values.length} values do not make ${labels.length} samples of shape [${inputShape.join(', ')}]`);
  }
  const channels = imageDims(inputShape)?.[2] ?? 1;
  if (stats !== null && (stats.mean.length !== channels || stats.std.length !== channels)) {
    throw new Error(`${name}: normalisation statistics have ${stats.mean.length} channels, the samples ${channels}`);
  }
  return { values, labels, inputShape: [...inputShape], classes, scale, mean: stats?.mean ?? null, std: stats?.std ?? null };
}

/**
 * Serves batches of `samples` in a seeded order that changes every epoch, augmented when `augment`,
 * MixUp'ed when `mixup` (drawn per step from the seed, mixup.ts).
 */
export function inMemoryTrainingData(
  samples: InMemorySamples,
  batchSize: number,
  seed: number,
  augment = false,
  mixup: ResolvedDataset['mixup'] = null,
): TrainingData {
  const source = sourceOf(samples);
  if (augment && imageDims(samples.inputShape) === null) {
    throw new Error(
      `dataset "${samples.name}": augment needs image inputs [height, width, channels]; its shape is [${samples.inputShape.join(', ')}]`,
    );
  }
  const sampler = createBatchSampler(samples.labels.length, batchSize, seed);
  const plan = (step: number) => {
    const indices = sampler.indices(step);
    return {
      indices,
      crops: augment ? planAugmentation(seed, step, batchSize) : null,
      mix: mixup ? planMixup(seed, step, batchSize, mixup.alpha) : null,
    };
  };
  return {
    name: samples.name,
    inputShape: [...samples.inputShape],
    classes: samples.classes,
    size: samples.labels.length,
    batchSize,
    augment,
    stats: samples.stats,
    skipped: samples.skipped ?? NONE_SKIPPED,
    labelNoise: samples.labelNoise ?? null,
    indices: (step) => sampler.indices(step),
    epochOf: (step) => sampler.epochOf(step),
    source,
    plan,
    batch: (step) => toBatch(assembleBatch(source, plan(step)), samples.inputShape, samples.classes),
  };
}

/** Serves every sample once, in stored order, with no augmentation (a test split). */
export function inMemoryEvalData(samples: InMemorySamples): EvalData {
  const source = sourceOf(samples);
  const size = samples.labels.length;
  return {
    name: samples.name,
    inputShape: [...samples.inputShape],
    classes: samples.classes,
    size,
    stats: samples.stats,
    skipped: samples.skipped ?? NONE_SKIPPED,
    *batches(batchSize) {
      if (!Number.isSafeInteger(batchSize) || batchSize < 1)
        throw new RangeError(`batchSize must be a positive integer (got ${batchSize})`);
      for (let start = 0; start < size; start += batchSize) {
        const indices = new Uint32Array(Math.min(batchSize, size - start)).map((_, i) => start + i);
        yield toBatch(assembleBatch(source, { indices, crops: null }), samples.inputShape, samples.classes);
      }
    },
  };
}
