// Data: takes a resolved dataset and the run seed; gives TrainingData that serves batch tensors
// by 1-based step, in a seeded order reshuffled every epoch. Never builds models, trains or
// downloads anything; it reads only the files under `dataset.path`.
import type { ResolvedDataset } from '../../suite/run-spec.js';
import { loadMnistData } from './mnist.js';
import { createSyntheticData } from './synthetic.js';
import type { TrainingData } from './types.js';

export type { Batch, TrainingData } from './types.js';
export { DataFileError, type DataFileProblem } from './errors.js';
export { IDX_MAGIC, loadIdxSplit, type IdxSplit, type IdxSplitName } from './idx.js';
export { SYNTHETIC_DEFAULT_SAMPLES } from './synthetic.js';

// Async so that a later loader (streamed files, a download cache) fits without changing callers.
/** Loads the training set a run names; the seed fixes synthetic content and every epoch's order. */
export async function loadTrainingData(dataset: ResolvedDataset, seed: number): Promise<TrainingData> {
  switch (dataset.name) {
    case 'synthetic':
      return createSyntheticData(dataset, seed);
    case 'mnist':
    case 'fashion-mnist':
      return loadMnistData(dataset, seed);
    default:
      throw new Error(`unknown dataset "${String(dataset.name)}"; expected one of synthetic, mnist, fashion-mnist`);
  }
}
