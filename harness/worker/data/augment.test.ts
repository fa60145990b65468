// Augmentation: pad-crop-flip moves known pixels where expected; choices are seeded by (seed, step); training batches only.
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { loadBackend } from '../backend.js';
import { inMemoryTrainingData, sharedBytes } from './in-memory.js';
import { AUGMENT_PAD, padCropFlip, planAugmentation } from './index.js';

const IDENTITY = { mul: [1, 1], add: [0, 0] };
const H = 4;
const W = 5;
/** A 4 × 5 one-channel image with pixel (y, x) = 10·(y+1) + (x+1), so every pixel says where it came from. */
const SRC = Float32Array.from({ length: H * W }, (_, k) => 10 * (Math.floor(k / W) + 1) + (k % W) + 1);
const at = (y: number, x: number) => (y < 0 || y >= H || x < 0 || x >= W ? 0 : SRC[y * W + x]!);

/** padCropFlip of SRC as rows of numbers. */
function augmented(offsetY: number, offsetX: number, flip: boolean, affine = IDENTITY): number[][] {
  const dst = new Float32Array(H * W);
  padCropFlip(SRC, dst, H, W, 1, offsetY, offsetX, flip, affine.mul, affine.add);
  return Array.from({ length: H }, (_, y) => Array.from(dst.subarray(y * W, y * W + W)));
}
const expected = (f: (y: number, x: number) => number) => Array.from({ length: H }, (_, y) => Array.from({ length: W }, (_, x) => f(y, x)));

describe('padCropFlip', () => {
  test('offset (pad, pad) without flip is the image itself; with flip each row is mirrored', () => {
    expect(augmented(AUGMENT_PAD, AUGMENT_PAD, false)).toEqual(expected(at));
    expect(augmented(AUGMENT_PAD, AUGMENT_PAD, true)).toEqual(expected((y, x) => at(y, W - 1 - x)));
  });

  test('an offset shifts the image and fills with zero padding', () => {
    // offset (5, 2): out(y, x) = src(y + 1, x − 2)
    expect(augmented(5, 2, false)).toEqual(expected((y, x) => at(y + 1, x - 2)));
    expect(augmented(5, 2, false)[0]).toEqual([0, 0, 21, 22, 23]);
    expect(augmented(5, 2, false)[3]).toEqual([0, 0, 0, 0, 0]);
    // the extremes: shifted by 4 in both axes, nothing of a 4-row image is left
    expect(
      augmented(0, 0, false)
        .flat()
        .every((v) => v === 0),
    ).toBe(true);
    expect(
      augmented(8, 8, true)
        .flat()
        .every((v) => v === 0),
    ).toBe(true);
  });

  test('crop, then flip: out(y, x) = src(y + oy − 4, (W − 1 − x) + ox − 4)', () => {
    expect(augmented(3, 6, true)).toEqual(expected((y, x) => at(y - 1, W - 1 - x + 2)));
    expect(augmented(3, 6, true)[1]).toEqual([0, 0, 15, 14, 13]);
  });

  test('channels move together, padding goes through the affine like a 0 pixel', () => {
    // 2 × 2 × 2: pixel (y, x) = [y·2 + x, 100 + y·2 + x]
    const src = Float32Array.from([0, 100, 1, 101, 2, 102, 3, 103]);
    const dst = new Float32Array(8);
    padCropFlip(src, dst, 2, 2, 2, AUGMENT_PAD, AUGMENT_PAD + 1, true, [2, 1], [-1, 0.5]);
    // crop shifts left by 1 (col 1 → col 0, col 1 = padding), then flip: col 0 = padding, col 1 = src col 1
    expect(Array.from(dst)).toEqual([-1, 0.5, 1, 101.5, -1, 0.5, 5, 103.5]);
  });
});

describe('planAugmentation', () => {
  test('the same (seed, step) gives the same crops; another step or seed others', () => {
    expect(planAugmentation(7, 3, 64)).toEqual(planAugmentation(7, 3, 64));
    expect(planAugmentation(7, 4, 64)).not.toEqual(planAugmentation(7, 3, 64));
    expect(planAugmentation(8, 3, 64)).not.toEqual(planAugmentation(7, 3, 64));
  });

  test('offsets cover 0 … 8, flips about half', () => {
    const crops = planAugmentation(1, 1, 2000);
    const offsets = new Set(crops.filter((_, k) => k % 3 !== 2));
    expect([...offsets].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const flips = crops.filter((_, k) => k % 3 === 2);
    expect(flips.every((f) => f === 0 || f === 1)).toBe(true);
    expect(Math.abs(flips.reduce((a, b) => a + b, 0) / 2000 - 0.5)).toBeLessThan(0.05);
  });
});

describe('augmented training batches', () => {
  beforeAll(async () => {
    await loadBackend('tensorflow');
  });
  // 6 samples of 4 × 5 × 1 bytes, sample s = SRC + s.
  const values = sharedBytes(6 * H * W).map((_, k) => SRC[k % (H * W)]! + Math.floor(k / (H * W)));
  const samples = {
    name: 'cifar10' as const,
    inputShape: [H, W, 1],
    classes: 3,
    values,
    scale: 1,
    labels: [0, 1, 2, 0, 1, 2],
    stats: null,
  };
  const xsOf = (data: ReturnType<typeof inMemoryTrainingData>, step: number) => {
    const { xs, ys } = data.batch(step);
    const out = Array.from(xs.dataSync());
    tf.dispose([xs, ys]);
    return out;
  };

  test('row r is sample indices[r] pad-crop-flipped by the plan; the same seed and step give the same batch', () => {
    const data = inMemoryTrainingData(samples, 4, 11, true);
    for (const step of [1, 2, 5]) {
      const { indices, crops } = data.plan(step);
      const rows = Array.from(indices).map((sample, r) => {
        const dst = new Float32Array(H * W);
        const src = values.subarray(sample * H * W, (sample + 1) * H * W);
        padCropFlip(src, dst, H, W, 1, crops![3 * r]!, crops![3 * r + 1]!, crops![3 * r + 2] === 1, [1], [0]);
        return Array.from(dst);
      });
      expect(xsOf(data, step)).toEqual(rows.flat());
      expect(xsOf(inMemoryTrainingData(samples, 4, 11, true), step)).toEqual(xsOf(data, step));
    }
    expect(xsOf(inMemoryTrainingData(samples, 4, 12, true), 1)).not.toEqual(xsOf(data, 1));
  });

  test('without augment the batch is the samples as stored', () => {
    const data = inMemoryTrainingData(samples, 4, 11, false);
    expect(data.plan(1).crops).toBeNull();
    const expectedRows = Array.from(data.indices(1)).flatMap((s) => Array.from(values.subarray(s * H * W, (s + 1) * H * W)));
    expect(xsOf(data, 1)).toEqual(expectedRows);
  });

  test('a non-image shape cannot be augmented', () => {
    expect(() => inMemoryTrainingData({ ...samples, inputShape: [H * W] }, 4, 0, true)).toThrow(
      'dataset "cifar10": augment needs image inputs [height, width, channels]; its shape is [20]',
    );
  });
});
