// The shape of training data as the training loop sees it.
import type * as tf from '@tensorflow/tfjs-core';
import type { ResolvedDataset } from '../../suite/run-spec.js';

/** One training batch; the caller owns (and disposes) both tensors. */
export interface Batch {
  /** float32 [batchSize, ...inputShape], values in [0, 1]. */
  xs: tf.Tensor;
  /** One-hot float32 [batchSize, classes]. */
  ys: tf.Tensor;
}

/** A training set that serves seeded, reshuffled-every-epoch batches by step number. */
export interface TrainingData {
  name: ResolvedDataset['name'];
  /** Shape of one sample, e.g. [28, 28, 1]. */
  inputShape: number[];
  classes: number;
  /** Samples in one epoch. */
  size: number;
  batchSize: number;
  /** The batch of 1-based `step`; the same seed and step always give the same batch. */
  batch(step: number): Batch;
  /** Sample indices (0 … size−1) in `batch(step)`. */
  indices(step: number): Uint32Array;
  /** 0-based epoch of the first sample of `step`. */
  epochOf(step: number): number;
}
