// What a suite's dataset.path must be, in the user's words, for each dataset that has one: the
// registry's `expectedPath` (schemas/registry/datasets.json), typed for the file datasets.
import { DATASETS, type DatasetName } from './registry.js';

/** What `dataset.path` must be for each file dataset, in the user's words. */
export const EXPECTED_DATASET_FOLDER = Object.fromEntries(
  Object.entries(DATASETS).flatMap(([name, entry]) => (entry.expectedPath === null ? [] : [[name, entry.expectedPath]])),
) as Record<Exclude<DatasetName, 'synthetic'>, string>;
