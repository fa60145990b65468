// MNIST and Fashion-MNIST (same IDX layout): the train split as TrainingData.
import type { ResolvedDataset } from '../../suite/run-spec.js';
import { inMemoryTrainingData } from './in-memory.js';
import { loadIdxSplit } from './idx.js';
import type { TrainingData } from './types.js';

/** Loads `dataset.path`'s train split (its first `dataset.samples` samples when set), pixels scaled to [0, 1]. */
export function loadMnistData(dataset: ResolvedDataset, seed: number): TrainingData {
  if (dataset.path === null) {
    throw new Error(
      `dataset "${dataset.name}" needs \`path\`: the folder holding train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz]`,
    );
  }
  const split = loadIdxSplit(dataset.path, 'train', dataset.classes);
  if (dataset.shape.join(',') !== split.shape.join(',')) {
    throw new Error(
      `dataset "${dataset.name}" has shape [${dataset.shape.join(', ')}] but ${split.imagesFile} holds [${split.shape.join(', ')}] images`,
    );
  }
  const size = dataset.samples ?? split.count;
  if (size > split.count) {
    throw new Error(`dataset "${dataset.name}" asks for ${size} samples but ${split.imagesFile} holds ${split.count}`);
  }
  const pixels = split.shape[0] * split.shape[1];
  return inMemoryTrainingData(
    {
      name: dataset.name,
      inputShape: split.shape,
      classes: dataset.classes,
      values: split.images.subarray(0, size * pixels),
      scale: 1 / 255,
      labels: split.labels.subarray(0, size),
    },
    dataset.batchSize,
    seed,
  );
}
