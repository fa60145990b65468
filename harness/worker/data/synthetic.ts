// Synthetic data for throughput runs: uniform random inputs with uniform random labels, seeded.
import type { ResolvedDataset } from '../../../schemas/index.js';
import { inMemoryTrainingData } from './in-memory.js';
import { mixSeed, mulberry32 } from '../../prng.js';
import type { TrainingData } from './types.js';

/** Samples when the suite gives no `samples` (the schema's default for `synthetic`). */
export const SYNTHETIC_DEFAULT_SAMPLES = 1024;
// Stream id of the content in mixSeed(seed, CONTENT_STREAM); the order uses its own stream.
const CONTENT_STREAM = 2;

/** Builds `dataset.samples` inputs of `dataset.shape` in [0, 1) and labels in 0 … classes−1 from `seed`. */
export function createSyntheticData(dataset: ResolvedDataset, seed: number): TrainingData {
  const size = dataset.samples ?? SYNTHETIC_DEFAULT_SAMPLES;
  const sampleSize = dataset.shape.reduce((a, b) => a * b, 1);
  const random = mulberry32(mixSeed(seed, CONTENT_STREAM));
  const values = new Float32Array(size * sampleSize);
  for (let i = 0; i < values.length; i++) values[i] = random();
  const labels = new Int32Array(size);
  for (let i = 0; i < size; i++) labels[i] = Math.floor(random() * dataset.classes);
  return inMemoryTrainingData(
    // Never normalised: the values are already the model's inputs.
    { name: 'synthetic', inputShape: dataset.shape, classes: dataset.classes, values, scale: 1, labels, stats: null },
    dataset.batchSize,
    seed,
    dataset.augment,
    dataset.mixup,
  );
}
