// Which samples each training step sees: a stream of epochs, each a fresh seeded permutation.
import { mixSeed, mulberry32, permutation } from '../../prng.js';

// Stream id of the epoch order in mixSeed(seed, ORDER_STREAM, epoch).
const ORDER_STREAM = 1;
// Permutations kept: a batch can straddle an epoch boundary, and a tiny dataset can need many.
const CACHED_EPOCHS = 4;

/** Sample indices per 1-based step. */
export interface BatchSampler {
  /** Indices of the `batchSize` samples of 1-based `step`. */
  indices(step: number): Uint32Array;
  /** 0-based epoch of the first sample of `step`. */
  epochOf(step: number): number;
}

/**
 * Step k takes positions (k−1)·batchSize … k·batchSize−1 of the concatenated epochs, so every
 * batch is full, no sample is dropped, and epoch e is permutation(size) seeded by (seed, e).
 */
export function createBatchSampler(size: number, batchSize: number, seed: number): BatchSampler {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`dataset size must be a positive integer (got ${size})`);
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer (got ${batchSize})`);
  }
  const cache = new Map<number, Uint32Array>();
  const order = (epoch: number): Uint32Array => {
    let perm = cache.get(epoch);
    if (perm === undefined) {
      perm = permutation(size, mulberry32(mixSeed(seed, ORDER_STREAM, epoch)));
      if (cache.size >= CACHED_EPOCHS) cache.delete(cache.keys().next().value!);
      cache.set(epoch, perm);
    }
    return perm;
  };
  const firstPosition = (step: number): number => {
    if (!Number.isSafeInteger(step) || step < 1) throw new RangeError(`step must be an integer >= 1 (got ${step})`);
    return (step - 1) * batchSize;
  };
  return {
    indices(step) {
      const start = firstPosition(step);
      const out = new Uint32Array(batchSize);
      for (let i = 0; i < batchSize; i++) {
        const position = start + i;
        out[i] = order(Math.floor(position / size))[position % size]!;
      }
      return out;
    },
    epochOf: (step) => Math.floor(firstPosition(step) / size),
  };
}
