// The shape of training and test data as the training loop sees it.
import type * as tf from '@tensorflow/tfjs-core';
import type { ResolvedDataset } from '../../../schemas/index.js';
import type { BatchPlan, SampleSource } from './batch-assembly.mjs';

export type { BatchArrays, BatchPlan, SampleSource } from './batch-assembly.mjs';

/** One batch; the caller owns (and disposes) both tensors. */
export interface Batch {
  /** float32 [batchSize, ...inputShape]: in [0, 1], or standardised when the dataset is normalised. */
  xs: tf.Tensor;
  /** One-hot float32 [batchSize, classes]. */
  ys: tf.Tensor;
}

/** Per-channel statistics of the training inputs after scaling to [0, 1]; the test split reuses them. */
export interface NormalizationStats {
  /** Mean per channel (HWC's last axis). */
  mean: number[];
  /** Population standard deviation per channel (1 where a channel is constant, so it is only centred). */
  std: number[];
}

/** Images an image folder could not decode and skipped (`onBadImage: 'skip'`); zero for other datasets. */
export interface SkippedImages {
  count: number;
  /** The first few, with the decoder's reason, for the run's report. */
  examples: Array<{ file: string; reason: string }>;
}

/** A training set that serves seeded, reshuffled-every-epoch batches by step number. */
/** The label noise a run was given: the probability asked for and the labels that really changed. */
export interface LabelNoise {
  /** `dataset.labelNoise`: each training label is redrawn uniformly with this probability. */
  fraction: number;
  /** Labels that ended up different from the file's (a redraw can land on the same class). */
  flipped: number;
  /** flipped / training samples. */
  flippedFraction: number;
}

export interface TrainingData {
  name: ResolvedDataset['name'];
  /** Shape of one sample, e.g. [28, 28, 1]. */
  inputShape: number[];
  classes: number;
  /** Samples in one epoch. */
  size: number;
  batchSize: number;
  /** Whether training batches are augmented (pad-and-crop, horizontal flip). */
  augment: boolean;
  /** Statistics the inputs are standardised with; null when not normalised. Pass them to loadTestData. */
  stats: NormalizationStats | null;
  skipped: SkippedImages;
  /** The label noise the training labels were given (`dataset.labelNoise`); null for clean labels. */
  labelNoise: LabelNoise | null;
  /** The batch of 1-based `step`; the same seed and step always give the same batch. */
  batch(step: number): Batch;
  /** Sample indices (0 … size−1) in `batch(step)`. */
  indices(step: number): Uint32Array;
  /** 0-based epoch of the first sample of `step`. */
  epochOf(step: number): number;
  /** What `batch(step)` is built from: the samples, and the step's indices and crops (for openBatchStream). */
  source: SampleSource;
  plan(step: number): BatchPlan;
}

/** A test split: fixed order, no augmentation, the training set's normalisation. */
export interface EvalData {
  name: ResolvedDataset['name'];
  inputShape: number[];
  classes: number;
  /** Samples evaluated. */
  size: number;
  stats: NormalizationStats | null;
  skipped: SkippedImages;
  /** Every sample once, in order, `batchSize` at a time (the last batch may be smaller); the caller disposes each. */
  batches(batchSize: number): Generator<Batch>;
}

/** Class indices, one per sample. */
export type ClassLabels = Uint8Array | Uint16Array;

/** One split of a file dataset as stored values, before batching. */
export interface RawSplit {
  /** count × product(shape) values, sample-major (HWC for images): bytes 0–255, or float32 for an `arrays` dataset's float images. */
  images: Uint8Array | Float32Array;
  /** One class index per sample: bytes from the label files, 16-bit for an image folder or arrays (up to 65,536 classes, ImageNet's 1,000 among them). */
  labels: ClassLabels;
  count: number;
  /** One sample: [height, width, channels], or [features] for flat arrays. */
  shape: number[];
  /** The file or folder it came from, for messages. */
  origin: string;
  skipped: SkippedImages;
}
