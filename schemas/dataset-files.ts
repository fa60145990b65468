// The files each file dataset is read from: what the worker opens, and what a suite's
// dataset.path is checked for before any run starts. Both come from schemas/registry/datasets.json.
import { DATASET_FORMAT_FILES, DATASETS, type DatasetName } from './registry.js';

/** The files of each split; an IDX file may also be gzip-compressed (its name + `.gz`). */
export const DATASET_FILES = DATASET_FORMAT_FILES;

/** What `dataset.path` must be for each file dataset, in the user's words. */
export const EXPECTED_DATASET_FOLDER = Object.fromEntries(
  Object.entries(DATASETS).flatMap(([name, entry]) => (entry.expectedPath === null ? [] : [[name, entry.expectedPath]])),
) as Record<Exclude<DatasetName, 'synthetic'>, string>;
