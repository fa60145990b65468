// The training subset and the label noise: seeded, the right size and share, and drawn exactly
// alike by the PyTorch worker (harness/worker/pytorch/datasets.py), so both frameworks train on
// the same images and the same noisy labels (the PyTorch side: training-split.e2e.test.ts).
import { describe, expect, test } from 'vitest';
import { sharedBytes } from './in-memory.js';
import { addLabelNoise, selectSamples, subsetIndices } from './training-split.js';
import type { RawSplit } from './types.js';

const labelsOf = (n: number, classes: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7) % classes);

describe('subsetIndices', () => {
  test('size distinct indices in ascending order, the same for a seed and different for another', () => {
    const chosen = subsetIndices(1000, 100, 3);
    expect(chosen).toHaveLength(100);
    expect(new Set(chosen).size).toBe(100);
    expect([...chosen]).toEqual([...chosen].sort((a, b) => a - b));
    expect(Math.max(...chosen)).toBeLessThan(1000);
    expect(subsetIndices(1000, 100, 3)).toEqual(chosen);
    expect(subsetIndices(1000, 100, 4)).not.toEqual(chosen);
    // Spread over the whole split, not its head: about a tenth of the chosen lie in each tenth.
    expect(chosen.filter((i) => i >= 900).length).toBeGreaterThan(3);
  });

  test('refuses a subset larger than the split, or empty', () => {
    expect(() => subsetIndices(10, 11, 0)).toThrow(
      'dataset.trainSubset is 11, but the training split holds 10 samples: it must be a whole number from 1 to 10',
    );
    expect(() => subsetIndices(10, 0, 0)).toThrow('dataset.trainSubset is 0, but the training split holds 10 samples');
  });

  test('selectSamples copies the chosen images and labels, in order', () => {
    const images = sharedBytes(4 * 2);
    images.set([0, 1, 10, 11, 20, 21, 30, 31]);
    const raw: RawSplit = {
      images,
      labels: Uint8Array.from([5, 6, 7, 8]),
      count: 4,
      shape: [1, 2, 1],
      origin: 'x',
      skipped: { count: 0, examples: [] },
    };
    const picked = selectSamples(raw, Uint32Array.from([1, 3]));
    expect([...picked.images]).toEqual([10, 11, 30, 31]);
    expect([...picked.labels]).toEqual([6, 8]);
    expect(picked.count).toBe(2);
  });
});

describe('addLabelNoise', () => {
  test('no noise changes nothing', () => {
    const labels = labelsOf(500, 10);
    const { labels: noisy, noise } = addLabelNoise(labels, 10, 0, 1);
    expect(noisy).toEqual(labels);
    expect(noise).toEqual({ fraction: 0, flipped: 0, flippedFraction: 0 });
  });

  // A redraw lands on the old class one time in `classes`: 40 % redrawn → 36 % changed of 10 classes.
  test('40 % noise redraws about 40 % of the labels and changes about 36 %, seeded; the input is left alone', () => {
    const labels = labelsOf(20_000, 10);
    const before = Uint8Array.from(labels);
    const { labels: noisy, noise } = addLabelNoise(labels, 10, 0.4, 7);
    expect(labels).toEqual(before);
    expect(noise.flipped).toBe(noisy.filter((label, i) => label !== labels[i]).length);
    expect(noise.flippedFraction).toBeGreaterThan(0.35);
    expect(noise.flippedFraction).toBeLessThan(0.37);
    expect(Math.max(...noisy)).toBe(9);
    expect(addLabelNoise(labels, 10, 0.4, 7).labels).toEqual(noisy);
    expect(addLabelNoise(labels, 10, 0.4, 8).labels).not.toEqual(noisy);
  });

  test('refuses a fraction outside [0, 1)', () => {
    expect(() => addLabelNoise(labelsOf(3, 2), 2, 1, 0)).toThrow('labelNoise must be in [0, 1); got 1');
  });
});
