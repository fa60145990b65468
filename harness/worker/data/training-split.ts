// What a run trains on, beyond the file's bytes: a seeded random subset of the training split
// (`dataset.trainSubset`) and symmetric label noise (`dataset.labelNoise`), both drawn from the run
// seed, so a SAM run and its no-SAM baseline with the same seed see the very same images and
// labels. harness/worker/pytorch/datasets.py draws the same numbers (prng.py).
import { mixSeed, mulberry32, permutation } from '../../prng.js';
import { sharedBytes, sharedFloats } from './in-memory.js';
import type { ClassLabels, LabelNoise, RawSplit } from './types.js';

// Stream ids of mixSeed(seed, stream): order is 1, synthetic content 2, augmentation 3.
const SUBSET_STREAM = 4;
const LABEL_NOISE_STREAM = 5;

// A fixed-size draw without replacement: the first `size` positions of a seeded permutation,
// kept in file order so that a subset of size n is the same whichever loader reads it.
/** Indices (ascending) of the `size` training samples a run with `seed` uses, out of `total`. */
export function subsetIndices(total: number, size: number, seed: number): Uint32Array {
  if (!Number.isSafeInteger(size) || size < 1 || size > total) {
    throw new RangeError(
      `dataset.trainSubset is ${size}, but the training split holds ${total} samples: it must be a whole number from 1 to ${total}`,
    );
  }
  return permutation(total, mulberry32(mixSeed(seed, SUBSET_STREAM)))
    .subarray(0, size)
    .sort();
}

/** The samples of `raw` at `indices`, images copied to shared memory (the batch thread reads them in place). */
export function selectSamples(raw: RawSplit, indices: Uint32Array): RawSplit {
  const sampleBytes = raw.shape.reduce((a, b) => a * b, 1);
  const images =
    raw.images instanceof Float32Array ? sharedFloats(indices.length * sampleBytes) : sharedBytes(indices.length * sampleBytes);
  // The same label type as the split (16-bit for an image folder).
  const labels = raw.labels.slice(0, indices.length);
  indices.forEach((from, to) => {
    images.set(raw.images.subarray(from * sampleBytes, (from + 1) * sampleBytes), to * sampleBytes);
    labels[to] = raw.labels[from]!;
  });
  return { ...raw, images, labels, count: indices.length };
}

// Two draws per sample, always both, so the stream stays aligned whatever the fraction (and
// numpy can draw it in one go): u₁ < fraction redraws the label as ⌊u₂ · classes⌋.
/** `labels` with each one redrawn uniformly among `classes` with probability `fraction` (a new array), and what changed. */
export function addLabelNoise<L extends ClassLabels>(
  labels: L,
  classes: number,
  fraction: number,
  seed: number,
): { labels: L; noise: LabelNoise } {
  if (!(fraction >= 0 && fraction < 1)) throw new RangeError(`labelNoise must be in [0, 1); got ${fraction}`);
  const random = mulberry32(mixSeed(seed, LABEL_NOISE_STREAM));
  const noisy = labels.slice() as L;
  let flipped = 0;
  for (let i = 0; i < noisy.length; i++) {
    const redraw = random() < fraction;
    const label = Math.floor(random() * classes);
    if (redraw) noisy[i] = label;
    if (noisy[i] !== labels[i]) flipped += 1;
  }
  return { labels: noisy, noise: { fraction, flipped, flippedFraction: noisy.length ? flipped / noisy.length : 0 } };
}
