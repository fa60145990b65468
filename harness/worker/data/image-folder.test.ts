// Image folders: classes from train/, native decoding and resizing, round-robin limits, bad images skipped or fatal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeFifo } from '../../fixtures/os-fixtures.js';
import * as tf from '@tensorflow/tfjs-core';
import * as tfn from '@tensorflow/tfjs-node';
import type { ResolvedDataset } from '../../../schemas/index.js';
import { loadBackend } from '../backend.js';
import { DataFileError, loadImageFolderSplit, loadTestData, loadTrainingData } from './index.js';

// One flat colour per class: bilinear resizing keeps it exactly (PNG) or within JPEG's error.
const COLOURS = { cat: [200, 30, 10], dog: [10, 60, 220] } as const;
let root: string;

/** A height × width image of one colour, encoded as PNG or JPEG. */
async function image(colour: readonly number[], height: number, width: number, format: 'png' | 'jpg'): Promise<Uint8Array> {
  const pixels = tf.tensor3d(Array.from({ length: height * width }, () => colour).flat(), [height, width, 3], 'int32');
  const bytes = format === 'png' ? await tfn.node.encodePng(pixels) : await tfn.node.encodeJpeg(pixels, 'rgb', 100);
  pixels.dispose();
  return bytes;
}

async function write(file: string, bytes: Uint8Array | Promise<Uint8Array>) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, await bytes);
}

beforeAll(async () => {
  await loadBackend('tensorflow');
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-images-'));
  const t = (...parts: string[]) => path.join(root, 'train', ...parts);
  await write(t('cat', 'a.png'), image(COLOURS.cat, 8, 6, 'png'));
  await write(t('cat', 'b.jpg'), image(COLOURS.cat, 5, 5, 'jpg'));
  await write(t('cat', 'c.PNG'), image(COLOURS.cat, 3, 12, 'png'));
  await write(t('dog', 'a.jpeg'), image(COLOURS.dog, 10, 7, 'jpg'));
  await write(
    t('dog', 'b.jpg'),
    Uint8Array.from({ length: 300 }, (_, i) => (i < 3 ? [0xff, 0xd8, 0xff][i]! : (i * 73) % 256)),
  ); // JPEG magic, then junk
  await write(
    t('cat', 'z.jpg'),
    Uint8Array.from({ length: 300 }, (_, i) => (i * 73 + 11) % 256),
  ); // not an image at all
  await write(t('dog', 'c.png'), image(COLOURS.dog, 4, 4, 'png'));
  await write(t('dog', 'd.png'), image(COLOURS.dog, 9, 3, 'png'));
  await write(t('dog', 'notes.txt'), new TextEncoder().encode('ignored'));
  await write(path.join(root, 'val', 'dog', 'x.png'), image(COLOURS.dog, 6, 6, 'png'));
  await write(path.join(root, 'val', 'cat', 'y.jpg'), image(COLOURS.cat, 7, 5, 'jpg'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const options = { imageSize: [4, 5] as [number, number], onBadImage: 'skip' as const, limit: null };
const labelsOf = (split: { labels: ArrayLike<number> }) => Array.from(split.labels);
/** The colour of every pixel of image i, or null if the image is not one flat colour (± tolerance). */
function flatColour(images: Uint8Array, i: number, tolerance: number): number[] | null {
  const size = 4 * 5 * 3;
  const first = Array.from(images.subarray(i * size, i * size + 3));
  for (let k = 0; k < size; k++) if (Math.abs(images[i * size + k]! - first[k % 3]!) > tolerance) return null;
  return first;
}

describe('loadImageFolderSplit', () => {
  // ImageNet has 1,000 classes: one byte per label would wrap class 256 to 0.
  test('more than 256 classes keep their indices (16-bit labels)', async () => {
    const many = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-many-classes-'));
    try {
      const png = await image([10, 20, 30], 2, 2, 'png');
      const names = Array.from({ length: 300 }, (_, i) => `c${String(i).padStart(3, '0')}`);
      for (const name of names) await write(path.join(many, 'train', name, 'a.png'), png);
      const split = await loadImageFolderSplit(many, 'train', { imageSize: [2, 2], onBadImage: 'fail', limit: null });
      expect(split.classNames).toHaveLength(300);
      expect(labelsOf(split)).toEqual(names.map((_, i) => i));
    } finally {
      fs.rmSync(many, { recursive: true, force: true });
    }
  });

  test('classes are train/ subfolders, sorted; files round-robin; every image resized to imageSize', async () => {
    const split = await loadImageFolderSplit(root, 'train', options);
    expect(split.classNames).toEqual(['cat', 'dog']);
    expect(split).toMatchObject({ count: 6, shape: [4, 5, 3] });
    expect(split.images.length).toBe(6 * 4 * 5 * 3);
    // cat/a, dog/a, cat/b, (dog/b is bad), cat/c, dog/c, (cat/z is bad), dog/d
    expect(labelsOf(split)).toEqual([0, 1, 0, 0, 1, 1]);
    const expected = [COLOURS.cat, COLOURS.dog, COLOURS.cat, COLOURS.cat, COLOURS.dog, COLOURS.dog];
    expected.forEach((colour, i) => {
      const jpeg = i === 1 || i === 2;
      const got = flatColour(split.images, i, jpeg ? 3 : 0);
      expect(got).not.toBeNull();
      got!.forEach((v, c) => expect(Math.abs(v - colour[c]!)).toBeLessThanOrEqual(jpeg ? 3 : 0));
    });
  });

  test("onBadImage 'skip' counts and names the undecodable file", async () => {
    const split = await loadImageFolderSplit(root, 'train', options);
    expect(split.skipped.count).toBe(2);
    expect(split.skipped.examples).toEqual([
      { file: path.join(root, 'train', 'dog', 'b.jpg'), reason: 'jpeg::Uncompress failed. Invalid JPEG data or crop window.' },
      { file: path.join(root, 'train', 'cat', 'z.jpg'), reason: 'Expected image (BMP, JPEG, PNG, or GIF), but got unsupported image type' },
    ]);
  });

  test("onBadImage 'fail' throws a DataFileError naming the file", async () => {
    const loading = loadImageFolderSplit(root, 'train', { ...options, onBadImage: 'fail' });
    await expect(loading).rejects.toBeInstanceOf(DataFileError);
    await expect(loading).rejects.toMatchObject({ problem: 'bad-image', file: path.join(root, 'train', 'dog', 'b.jpg') });
    await expect(loading).rejects.toThrow(/b\.jpg: cannot decode image \(.+\); set dataset.onBadImage to "skip"/);
  });

  // Opening a FIFO blocks until a writer comes; it must be refused by its type, unopened.
  test('a FIFO named like an image is a bad image: skipped, or fatal with "fail", never opened', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-images-fifo-'));
    await write(path.join(other, 'train', 'cat', 'a.png'), image(COLOURS.cat, 4, 4, 'png'));
    const fifo = path.join(other, 'train', 'cat', 'b.jpg');
    makeFifo(fifo);
    try {
      const split = await loadImageFolderSplit(other, 'train', options);
      expect(split.count).toBe(1);
      expect(split.skipped.examples).toEqual([
        { file: fifo, reason: 'is a FIFO (named pipe), not a regular file; expected a dataset file' },
      ]);
      await expect(loadImageFolderSplit(other, 'train', { ...options, onBadImage: 'fail' })).rejects.toMatchObject({
        problem: 'not-a-file',
        file: fifo,
      });
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  test('a limit keeps the first images in round-robin order, so every class stays', async () => {
    const split = await loadImageFolderSplit(root, 'train', { ...options, limit: 4 });
    expect([split.count, labelsOf(split), split.skipped.count]).toEqual([4, [0, 1, 0, 0], 1]);
    const two = await loadImageFolderSplit(root, 'train', { ...options, limit: 2 });
    expect([labelsOf(two), two.skipped.count]).toEqual([[0, 1], 0]);
  });

  test('val/ uses the classes of train/; a class only in val/ is refused', async () => {
    const val = await loadImageFolderSplit(root, 'val', options);
    expect([val.classNames, labelsOf(val)]).toEqual([
      ['cat', 'dog'],
      [0, 1],
    ]);
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-images-'));
    fs.cpSync(root, other, { recursive: true });
    fs.mkdirSync(path.join(other, 'val', 'fox'));
    await expect(loadImageFolderSplit(other, 'val', options)).rejects.toMatchObject({
      problem: 'unknown-class',
      file: path.join(other, 'val', 'fox'),
    });
    fs.rmSync(path.join(other, 'val'), { recursive: true });
    await expect(loadImageFolderSplit(other, 'val', options)).rejects.toThrow(`${path.join(other, 'val')}: no such folder;`);
    fs.rmSync(other, { recursive: true });
  });
});

describe('as a dataset', () => {
  const dataset = (over: Partial<ResolvedDataset> = {}): ResolvedDataset => ({
    name: 'image-folder',
    path: root,
    batchSize: 4,
    shape: [4, 5, 3],
    classes: 2,
    samples: null,
    augment: false,
    normalize: false,
    imageSize: [4, 5],
    onBadImage: 'skip',
    trainSubset: null,
    labelNoise: 0,
    mixup: null,
    ...over,
  });

  test('training data and test data; the skip count travels with them', async () => {
    const train = await loadTrainingData(dataset(), 1);
    expect(train).toMatchObject({ size: 6, inputShape: [4, 5, 3], classes: 2, skipped: { count: 2 } });
    const { xs } = train.batch(1);
    expect(xs.shape).toEqual([4, 4, 5, 3]);
    xs.dispose();
    train.batch(2).ys.dispose();
    const test = await loadTestData(dataset(), null, train.stats);
    expect([test.size, test.skipped.count]).toEqual([2, 0]);
  });

  test('a class count other than the folders, or more samples than decode, is refused', async () => {
    await expect(loadTrainingData(dataset({ classes: 3 }), 0)).rejects.toThrow('expects 3 classes but');
    await expect(loadTrainingData(dataset({ samples: 7 }), 0)).rejects.toThrow(
      `asks for 7 samples but ${path.join(root, 'train')} holds 6 decodable (2 skipped)`,
    );
  });
});
