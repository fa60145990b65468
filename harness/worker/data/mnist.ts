// MNIST and Fashion-MNIST (same IDX layout): one split as raw bytes.
import { loadIdxSplit, type IdxSplitName } from './idx.js';
import { NONE_SKIPPED, sharedBytes } from './in-memory.js';
import type { RawSplit } from './types.js';

/** Loads `dir`'s train or t10k split, its first `limit` samples (all when null), as [28, 28, 1] bytes. */
export function loadMnistSplit(dir: string, split: IdxSplitName, limit: number | null, classes = 10): RawSplit {
  const idx = loadIdxSplit(dir, split, classes);
  const count = Math.min(limit ?? idx.count, idx.count);
  const pixels = idx.shape[0] * idx.shape[1];
  // A copy on shared memory: the batch worker thread reads it in place, and the file's buffer can go.
  const images = sharedBytes(count * pixels);
  images.set(idx.images.subarray(0, count * pixels));
  return { images, labels: idx.labels.slice(0, count), count, shape: idx.shape, origin: idx.imagesFile, skipped: NONE_SKIPPED };
}
