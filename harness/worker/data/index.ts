// Data: takes a resolved dataset and the run seed; gives TrainingData that serves batch tensors
// by 1-based step, in a seeded order reshuffled every epoch (optionally augmented and prefetched
// on a worker thread), and EvalData for the test split. Never builds models, trains or
// downloads anything; it reads only the files under `dataset.path`.
import { DATASETS as REGISTRY, membersFor, type ResolvedDataset } from '../../../schemas/index.js';
import { loadFileTrainingData } from './file-dataset.js';
import { createSyntheticData } from './synthetic.js';
import type { TrainingData } from './types.js';

export type {
  Batch,
  BatchArrays,
  BatchPlan,
  EvalData,
  NormalizationStats,
  RawSplit,
  SampleSource,
  SkippedImages,
  TrainingData,
} from './types.js';
export { DataFileError, type DataFileProblem } from './errors.js';
export { IDX_MAGIC, loadIdxSplit, type IdxSplit, type IdxSplitName } from './idx.js';
export { CIFAR10_FILES, CIFAR10_RECORD_BYTES, loadCifar10Split, type Cifar10SplitName } from './cifar10.js';
export { imageFolderClasses, loadImageFolderSplit, type ImageFolderOptions, type ImageFolderSplit } from './image-folder.js';
export { loadRawSplit, loadTestData, SPLIT_READERS, type SplitName } from './file-dataset.js';
export { loadArraysSplit } from './arrays.js';
export { computeNormalizationStats } from './normalize.js';
export { openBatchStream, type BatchStream, type BatchStreamOptions, type StreamedBatch } from './batch-stream.js';
export { AUGMENT_PAD, assembleBatch, mixRows, padCropFlip } from './batch-assembly.mjs';
export { planAugmentation } from './augment.js';
export { betaSymmetric, MIXUP_STREAM, planMixup, portableExp, portableLog } from './mixup.js';
export { SYNTHETIC_DEFAULT_SAMPLES } from './synthetic.js';

// The datasets the registry gives TF.js; each file dataset's format has a reader (file-dataset.ts).
const DATASETS = membersFor(REGISTRY, 'tfjs');

// Async so that a later loader (streamed files, a download cache) fits without changing callers.
/**
 * Loads the training set a run names; the seed fixes synthetic content, every epoch's order
 * and the augmentation. Its `stats` are what loadTestData standardises the test split with.
 */
export async function loadTrainingData(dataset: ResolvedDataset, seed: number): Promise<TrainingData> {
  if (!(DATASETS as readonly string[]).includes(dataset.name)) {
    throw new Error(`unknown dataset "${String(dataset.name)}"; expected one of ${DATASETS.join(', ')}`);
  }
  return dataset.name === 'synthetic' ? createSyntheticData(dataset, seed) : loadFileTrainingData(dataset, seed);
}
