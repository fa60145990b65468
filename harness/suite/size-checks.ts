// Bounds that span keys: each key has its own maximum in the schema, but what a worker can hold
// depends on their product (rho = rhoPerInterval · interval; a batch is batchSize · values per sample).
import { DATASETS, readSchema, type Suite } from '../../schemas/index.js';
import { knownArraysFacts } from './arrays-dataset.js';
import { samPoints } from './sam-points.js';
import type { SuiteProblem } from './problems.js';

/** The most values one batch or one synthetic training set may hold: the longest typed array Node.js makes (2^32). */
export const MAX_TENSOR_VALUES = 2 ** 32;

// One home for the largest rho: the run-spec schema, which every worker validates against.
type RunSpecSchema = { $defs: { sam: { properties: { rho: { maximum: number } } } } };
const MAX_RHO = (readSchema('run-spec') as RunSpecSchema).$defs.sam.properties.rho.maximum;

// The training splits of the published built-in datasets (the registry's `trainSamples`): a subset
// larger than one is known wrong at load, not only once every run has failed. (A smaller copy of a
// dataset is found by the worker.)

/** Problems of a schema-valid suite whose keys are each in range but whose products are not. */
export function sizeProblems(suite: Suite): SuiteProblem[] {
  const problems: SuiteProblem[] = [];
  // A fixed rho has the schema's own maximum; only c · interval can pass it.
  const tooLarge = samPoints(suite).find(({ rho, rhoPerInterval }) => rhoPerInterval !== null && rho > MAX_RHO);
  if (tooLarge !== undefined) {
    problems.push({
      pointer: '/matrix/rhoPerInterval',
      message: `${tooLarge.rhoPerInterval} · interval ${tooLarge.interval} gives rho ${tooLarge.rho}, above the largest rho a run takes (${MAX_RHO}); lower rhoPerInterval or the interval`,
    });
  }
  const { dataset } = suite;
  const sampleValues =
    dataset.name === 'synthetic'
      ? dataset.shape!.reduce((a, b) => a * b, 1)
      : dataset.name === 'image-folder'
        ? dataset.imageSize![0] * dataset.imageSize![1] * 3
        : (DATASETS[dataset.name].shape ?? knownArraysFacts(suite)?.shape ?? [0]).reduce((a, b) => a * b, 1);
  const batchSizes = suite.matrix?.batchSize ?? [dataset.batchSize];
  const largest = Math.max(...batchSizes);
  if (largest * sampleValues > MAX_TENSOR_VALUES) {
    problems.push({
      pointer: suite.matrix?.batchSize ? '/matrix/batchSize' : '/dataset/batchSize',
      message: `${largest} samples of ${sampleValues} values make a batch of ${largest * sampleValues} values, more than a worker holds (${MAX_TENSOR_VALUES}); use a smaller batch`,
    });
  }
  if (dataset.name === 'synthetic' && dataset.samples! * sampleValues > MAX_TENSOR_VALUES) {
    problems.push({
      pointer: '/dataset/samples',
      message: `${dataset.samples} samples of ${sampleValues} values make ${dataset.samples! * sampleValues} values, more than a worker holds (${MAX_TENSOR_VALUES}); use fewer samples or a smaller shape`,
    });
  }
  const published = DATASETS[dataset.name].trainSamples;
  if (published !== undefined && dataset.trainSubset !== undefined && dataset.trainSubset > published) {
    problems.push({
      pointer: '/dataset/trainSubset',
      message: `is ${dataset.trainSubset}, but the training split of "${dataset.name}" holds ${published} samples; use at most ${published}`,
    });
  }
  return problems;
}
