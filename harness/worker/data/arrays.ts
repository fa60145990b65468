// An `arrays` dataset (the user's NumPy arrays: one .npz or a folder of .npy files): one split as
// stored values, uint8 kept as bytes, float32 as floats, both on shared memory for the batch thread.
import {
  ARRAY_FILES,
  ArraysFileError,
  imagesInfo,
  labelsCount,
  labelValues,
  readArray,
  readArrayHeader,
  type ArraysProblem,
} from '../../numpy-arrays.js';
import { DataFileError, type DataFileProblem } from './errors.js';
import { NONE_SKIPPED, sharedBytes, sharedFloats } from './in-memory.js';
import type { RawSplit } from './types.js';

// The reader's reasons in the workers' words (DataFileError's problems).
const PROBLEMS: Partial<Record<ArraysProblem, DataFileProblem>> = {
  missing: 'missing',
  unreadable: 'missing',
  'not-a-file': 'not-a-file',
  'too-large': 'too-large',
  truncated: 'truncated',
  'bad-magic': 'bad-magic',
  'count-mismatch': 'count-mismatch',
  'bad-label': 'bad-label',
};

/** Scale taking stored values to model inputs: bytes 0–255 to [0, 1]; float32 is taken as it is. */
export function arraysScale(images: RawSplit['images']): number {
  return images instanceof Float32Array ? 1 : 1 / 255;
}

/**
 * Loads the `split` arrays of `dir` (x_<split>, y_<split>): the first `limit` samples (all when
 * null), labels checked to be in 0 … classes − 1, [n, h, w] taken as one channel.
 */
export function loadArraysSplit(dir: string, split: 'train' | 'test', limit: number | null, classes: number): RawSplit {
  const [xFile, yFile] = ARRAY_FILES[split] as [string, string];
  try {
    const x = readArrayHeader(dir, xFile);
    const info = imagesInfo(x);
    const yHeader = readArrayHeader(dir, yFile);
    if (labelsCount(yHeader) !== info.count) {
      throw new ArraysFileError(
        yHeader.where,
        'count-mismatch',
        `holds ${labelsCount(yHeader)} labels but ${x.where} holds ${info.count} samples`,
      );
    }
    const count = Math.min(limit ?? info.count, info.count);
    const sampleSize = info.sampleShape.reduce((a, b) => a * b, 1);
    const labels = labelValues(readArray(dir, yFile), classes).slice(0, count);
    const { data } = readArray(dir, xFile);
    const bytes = data.subarray(0, count * sampleSize * (info.dtype === 'float32' ? 4 : 1));
    const images = info.dtype === 'float32' ? sharedFloats(count * sampleSize) : sharedBytes(count * sampleSize);
    new Uint8Array(images.buffer).set(bytes);
    if (images instanceof Float32Array) {
      const bad = images.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) {
        throw new ArraysFileError(x.where, 'bad-array', `value ${images[bad]} at sample ${Math.floor(bad / sampleSize)} is not finite`);
      }
    }
    return { images, labels, count, shape: info.sampleShape, origin: x.where, skipped: NONE_SKIPPED };
  } catch (error) {
    if (!(error instanceof ArraysFileError)) throw error;
    throw new DataFileError(error.where, PROBLEMS[error.problem] ?? 'bad-array', error.reason, { cause: error });
  }
}
