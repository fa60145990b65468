// The file datasets (mnist, fashion-mnist, cifar10, image-folder, arrays): their train and test splits
// as TrainingData and EvalData, standardised with the training split's statistics.
import { DATASETS, EXPECTED_DATASET_FOLDER, type DatasetFormat, type ResolvedDataset } from '../../../schemas/index.js';
import { arraysScale, loadArraysSplit } from './arrays.js';
import { loadCifar10Split } from './cifar10.js';
import { loadImageFolderSplit } from './image-folder.js';
import { inMemoryEvalData, inMemoryTrainingData, type InMemorySamples } from './in-memory.js';
import { loadMnistSplit } from './mnist.js';
import { computeNormalizationStats } from './normalize.js';
import { addLabelNoise, selectSamples, subsetIndices } from './training-split.js';
import type { EvalData, LabelNoise, NormalizationStats, RawSplit, TrainingData } from './types.js';

/** The splits of every file dataset: `train`, and `test` (mnist's t10k, cifar10's test_batch.bin, an image folder's val/). */
export type SplitName = 'train' | 'test';

// Stored values → [0, 1] inputs: bytes are divided by 255; an arrays dataset's float32 values are taken as they are.
const scaleOf = (raw: RawSplit): number => arraysScale(raw.images);
// HWC images standardise per channel; flat samples as one channel.
const channelsOf = (shape: readonly number[]): number => (shape.length === 3 ? shape[2]! : 1);

/** Reads one split's first `limit` samples (all when null) as bytes, checked against the dataset's shape and classes. */
export async function loadRawSplit(dataset: ResolvedDataset, split: SplitName, limit: number | null): Promise<RawSplit> {
  const { name } = dataset;
  if (name === 'synthetic') throw new Error('dataset "synthetic" has no files and no test split; evaluation needs a file dataset');
  if (dataset.path === null) throw new Error(`dataset "${name}" needs \`path\`: ${EXPECTED_DATASET_FOLDER[name]}`);
  const raw = await readSplit(dataset, dataset.path, split, limit);
  if (dataset.shape.join(',') !== raw.shape.join(',')) {
    throw new Error(`dataset "${name}" has shape [${dataset.shape.join(', ')}] but ${raw.origin} holds [${raw.shape.join(', ')}] images`);
  }
  const what = split === 'train' ? 'samples' : 'test samples';
  const skipped = raw.skipped.count > 0 ? ` decodable (${raw.skipped.count} skipped)` : '';
  if (limit !== null && raw.count < limit)
    throw new Error(`dataset "${name}" asks for ${limit} ${what} but ${raw.origin} holds ${raw.count}${skipped}`);
  if (raw.count === 0) throw new Error(`dataset "${name}": ${raw.origin} holds no ${what}${skipped}`);
  return raw;
}

// One reader per format of the registry (schemas/registry/datasets.json), keyed by the format, not
// the dataset's name: a dataset of a known format needs no code here. registry.test.ts checks the keys.
type SplitReader = (dataset: ResolvedDataset, dir: string, split: SplitName, limit: number | null) => Promise<RawSplit> | RawSplit;

/** The TF.js worker's split reader of each dataset format. */
export const SPLIT_READERS: Record<DatasetFormat, SplitReader> = {
  idx: (dataset, dir, split, limit) => loadMnistSplit(dir, split === 'train' ? 'train' : 't10k', limit, dataset.classes),
  cifar10: (dataset, dir, split, limit) => loadCifar10Split(dir, split, limit, dataset.classes),
  'image-folder': async (dataset, dir, split, limit) => {
    const imageSize = dataset.imageSize ?? [dataset.shape[0], dataset.shape[1]!];
    const raw = await loadImageFolderSplit(dir, split === 'train' ? 'train' : 'val', {
      imageSize: [imageSize[0], imageSize[1]],
      onBadImage: dataset.onBadImage,
      limit,
    });
    if (raw.classNames.length !== dataset.classes) {
      throw new Error(
        `dataset "image-folder" expects ${dataset.classes} classes but ${dir}/train holds ${raw.classNames.length}: ${raw.classNames.join(', ')}`,
      );
    }
    return raw;
  },
  arrays: (dataset, dir, split, limit) => loadArraysSplit(dir, split, limit, dataset.classes),
};

async function readSplit(dataset: ResolvedDataset, dir: string, split: SplitName, limit: number | null): Promise<RawSplit> {
  const format = DATASETS[dataset.name].format;
  if (format === null) throw new Error(`dataset "${dataset.name}" has no files`);
  return SPLIT_READERS[format](dataset, dir, split, limit);
}

/** Standardisation statistics of a training split when the dataset is normalised, else null. */
export function statsOf(dataset: ResolvedDataset, train: RawSplit): NormalizationStats | null {
  return dataset.normalize ? computeNormalizationStats(train.images, channelsOf(train.shape), scaleOf(train)) : null;
}

function samplesOf(dataset: ResolvedDataset, raw: RawSplit, stats: NormalizationStats | null): InMemorySamples {
  const { images: values, labels, shape: inputShape, skipped } = raw;
  return { name: dataset.name, inputShape, classes: dataset.classes, values, scale: scaleOf(raw), labels, stats, skipped };
}

/**
 * The training split a run trains on: the first `dataset.samples` samples, or `dataset.trainSubset`
 * drawn at random by `seed`, with `dataset.labelNoise` applied to the labels (seeded too).
 */
export async function loadTrainSplit(dataset: ResolvedDataset, seed: number): Promise<{ raw: RawSplit; labelNoise: LabelNoise | null }> {
  let raw = await loadRawSplit(dataset, 'train', dataset.samples);
  if (dataset.trainSubset !== null) raw = selectSamples(raw, subsetIndices(raw.count, dataset.trainSubset, seed));
  if (dataset.labelNoise === 0) return { raw, labelNoise: null };
  const { labels, noise } = addLabelNoise(raw.labels, dataset.classes, dataset.labelNoise, seed);
  return { raw: { ...raw, labels }, labelNoise: noise };
}

/** The run's training split (see loadTrainSplit), pixels scaled to [0, 1] and standardised when `normalize`. */
export async function loadFileTrainingData(dataset: ResolvedDataset, seed: number): Promise<TrainingData> {
  const { raw, labelNoise } = await loadTrainSplit(dataset, seed);
  const samples = { ...samplesOf(dataset, raw, statsOf(dataset, raw)), ...(labelNoise ? { labelNoise } : {}) };
  return inMemoryTrainingData(samples, dataset.batchSize, seed, dataset.augment, dataset.mixup);
}

// Training statistics, never the test split's own: the test set must not leak into the inputs.
/**
 * The test split for evaluation: the first `testSamples` samples (all when null), in file
 * order, standardised with `stats` — pass the TrainingData's `stats`; when left out and
 * the dataset is normalised they are recomputed from the train split (decoding it again).
 */
export async function loadTestData(
  dataset: ResolvedDataset,
  testSamples: number | null,
  stats?: NormalizationStats | null,
): Promise<EvalData> {
  if (dataset.name === 'synthetic') {
    throw new Error(
      'dataset "synthetic" has no test split: evaluation needs a file dataset (mnist, fashion-mnist, cifar10, image-folder, arrays)',
    );
  }
  let used: NormalizationStats | null = null;
  if (dataset.normalize && stats === undefined && dataset.trainSubset !== null) {
    throw new Error("loadTestData: pass the TrainingData's stats: a trainSubset depends on the run's seed");
  }
  if (dataset.normalize) used = stats ?? statsOf(dataset, await loadRawSplit(dataset, 'train', dataset.samples));
  const raw = await loadRawSplit(dataset, 'test', testSamples);
  return inMemoryEvalData(samplesOf(dataset, raw, used));
}
