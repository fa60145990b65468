// IDX reader: the real MNIST / Fashion-MNIST files, and one broken copy per failure mode.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeFifo } from '../../fixtures/os-fixtures.js';
import { MAX_DATA_FILE_BYTES } from './data-file.js';
import { DataFileError, IDX_MAGIC, loadIdxSplit, type DataFileProblem } from './index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
// CI keeps the datasets beside the checkout (read-only).
const datasets = path.resolve(repoRoot, '..', 'shared', 'datasets');
const haveDatasets = fs.existsSync(path.join(datasets, 'mnist')) && fs.existsSync(path.join(datasets, 'fashion-mnist'));

/** An IDX file: magic, big-endian int32 dims, then the bytes. */
function idx(magic: number, dims: number[], body: number[]): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(body)]);
}

const PIXELS = Array.from({ length: 3 * 2 * 2 }, (_, i) => i * 20); // 3 images of 2x2
const good = {
  images: idx(IDX_MAGIC.images, [3, 2, 2], PIXELS),
  labels: idx(IDX_MAGIC.labels, [3], [4, 0, 9]),
};

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-idx-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Writes one case's two train files (null = leave out) into a fresh folder. */
function writeSplit(name: string, images: Buffer | null, labels: Buffer | null, gz = false): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  const ext = gz ? '.gz' : '';
  const pack = (b: Buffer) => (gz ? gzipSync(b) : b);
  if (images) fs.writeFileSync(path.join(dir, `train-images-idx3-ubyte${ext}`), pack(images));
  if (labels) fs.writeFileSync(path.join(dir, `train-labels-idx1-ubyte${ext}`), pack(labels));
  return dir;
}

describe('loadIdxSplit on small files', () => {
  test.each([false, true])('reads images, labels and shape (gzip: %s)', (gz) => {
    const split = loadIdxSplit(writeSplit(`good-${gz}`, good.images, good.labels, gz), 'train');
    expect(split).toMatchObject({ count: 3, shape: [2, 2, 1] });
    expect(Array.from(split.images)).toEqual(PIXELS);
    expect(Array.from(split.labels)).toEqual([4, 0, 9]);
    expect(split.imagesFile.endsWith(`train-images-idx3-ubyte${gz ? '.gz' : ''}`)).toBe(true);
  });

  const cases: { name: string; images: Buffer | null; labels: Buffer | null; file: string; problem: DataFileProblem; text: string }[] = [
    {
      name: 'missing',
      images: good.images,
      labels: null,
      file: 'train-labels-idx1-ubyte',
      problem: 'missing',
      text: 'no such file (nor train-labels-idx1-ubyte.gz)',
    },
    {
      name: 'magic-swapped',
      images: good.labels,
      labels: good.labels,
      file: 'train-images-idx3-ubyte',
      problem: 'bad-magic',
      text: 'wrong magic number 0x00000801 (an IDX labels file), expected 0x00000803 (IDX images, unsigned bytes, 3-D)',
    },
    {
      name: 'magic-garbage',
      images: good.images,
      labels: idx(0x12345678, [3], [1, 2, 3]),
      file: 'train-labels-idx1-ubyte',
      problem: 'bad-magic',
      text: 'wrong magic number 0x12345678, expected 0x00000801 (IDX labels, unsigned bytes, 1-D)',
    },
    {
      name: 'truncated',
      images: good.images.subarray(0, good.images.length - 2),
      labels: good.labels,
      file: 'train-images-idx3-ubyte',
      problem: 'truncated',
      text: 'truncated: expected 28 bytes (16-byte header + 3 × 2 × 2), found 26',
    },
    {
      name: 'truncated-header',
      images: good.images,
      labels: good.labels.subarray(0, 6),
      file: 'train-labels-idx1-ubyte',
      problem: 'truncated',
      text: 'truncated: expected at least 8 bytes of header, found 6',
    },
    {
      name: 'trailing',
      images: Buffer.concat([good.images, Buffer.from([0])]),
      labels: good.labels,
      file: 'train-images-idx3-ubyte',
      problem: 'size-mismatch',
      text: 'expected 28 bytes (16-byte header + 3 × 2 × 2), found 29',
    },
    {
      name: 'label-12',
      images: good.images,
      labels: idx(IDX_MAGIC.labels, [3], [4, 12, 9]),
      file: 'train-labels-idx1-ubyte',
      problem: 'bad-label',
      text: 'label 12 at index 1 is out of range (expected 0..9)',
    },
    {
      name: 'count-mismatch',
      images: good.images,
      labels: idx(IDX_MAGIC.labels, [2], [4, 0]),
      file: 'train-labels-idx1-ubyte',
      problem: 'count-mismatch',
      text: 'holds 2 labels but',
    },
  ];
  test.each(cases)('$name: $problem error names the file', ({ name, images, labels, file, problem, text }) => {
    const dir = writeSplit(name, images, labels);
    const error = (() => {
      try {
        loadIdxSplit(dir, 'train');
      } catch (e) {
        return e;
      }
      throw new Error('expected loadIdxSplit to throw');
    })();
    expect(error).toBeInstanceOf(DataFileError);
    expect(error).toMatchObject({ problem, file: path.join(dir, file) });
    expect((error as Error).message).toContain(`${path.join(dir, file)}: `);
    expect((error as Error).message).toContain(text);
  });

  test('a broken gzip stream is reported as such', () => {
    const dir = writeSplit('bad-gzip', good.images, good.labels, true);
    const file = path.join(dir, 'train-labels-idx1-ubyte.gz');
    fs.writeFileSync(file, gzipSync(good.labels).subarray(0, 12));
    expect(() => loadIdxSplit(dir, 'train')).toThrow(`${file}: not a valid gzip file (`);
  });
});

// Never "read until EOF": a device or FIFO would read (or block) without end.
describe('loadIdxSplit reads only regular files, and only the bytes their header promises', () => {
  /** The DataFileError loading `dir`'s train split throws. */
  function refusal(dir: string): DataFileError {
    try {
      loadIdxSplit(dir, 'train');
    } catch (error) {
      expect(error).toBeInstanceOf(DataFileError);
      return error as DataFileError;
    }
    throw new Error('expected loadIdxSplit to throw');
  }

  test.skipIf(!fs.existsSync('/dev/zero'))(
    `a link to /dev/zero is refused as a character device, unread${fs.existsSync('/dev/zero') ? '' : ' (skipped: no /dev/zero)'}`,
    () => {
      const dir = writeSplit('dev-zero', null, good.labels);
      const file = path.join(dir, 'train-images-idx3-ubyte');
      fs.symlinkSync('/dev/zero', file);
      const error = refusal(dir);
      expect(error).toMatchObject({ problem: 'not-a-file', file });
      expect(error.message).toBe(`${file}: is a character device (e.g. a link to /dev/zero), not a regular file; expected a dataset file`);
    },
  );

  test('a FIFO is refused without being opened (opening it would block)', () => {
    const dir = writeSplit('fifo', good.images, null);
    const file = path.join(dir, 'train-labels-idx1-ubyte');
    makeFifo(file);
    const error = refusal(dir);
    expect(error).toMatchObject({ problem: 'not-a-file', file });
    expect(error.message).toContain('is a FIFO (named pipe)');
  });

  test('a folder in place of a file is refused', () => {
    const dir = writeSplit('folder', good.images, null);
    fs.mkdirSync(path.join(dir, 'train-labels-idx1-ubyte'));
    const error = refusal(dir);
    expect(error.problem).toBe('not-a-file');
    expect(error.message).toContain('is a folder, not a regular file');
  });

  // Sparse: 2 GiB of size, no 2 GiB on disk.
  test(`a file over ${MAX_DATA_FILE_BYTES} bytes is refused by its size, unread`, () => {
    const dir = writeSplit('huge', null, good.labels);
    const file = path.join(dir, 'train-images-idx3-ubyte');
    fs.writeFileSync(file, good.images);
    fs.truncateSync(file, MAX_DATA_FILE_BYTES + 1);
    const error = refusal(dir);
    expect(error).toMatchObject({ problem: 'too-large', file });
    expect(error.message).toContain(
      `holds ${MAX_DATA_FILE_BYTES + 1} bytes (2048 MiB), more than the ${MAX_DATA_FILE_BYTES} bytes (2048 MiB) a dataset file may have`,
    );
  });

  test('a header promising more than the file holds is truncated, found from the size before the body is read', () => {
    const dir = writeSplit('promise', idx(IDX_MAGIC.images, [60_000, 28, 28], PIXELS), good.labels);
    const error = refusal(dir);
    expect(error.problem).toBe('truncated');
    expect(error.message).toContain('expected 47040016 bytes (16-byte header + 60000 × 28 × 28), found 28');
  });
});

describe.skipIf(!haveDatasets)(`real datasets in ${datasets}${haveDatasets ? '' : ' (skipped: folder not found)'}`, () => {
  test.each([
    { dataset: 'mnist', split: 'train', count: 60_000, first: 5 },
    { dataset: 'mnist', split: 't10k', count: 10_000, first: 7 },
    { dataset: 'fashion-mnist', split: 'train', count: 60_000, first: 9 },
    { dataset: 'fashion-mnist', split: 't10k', count: 10_000, first: 9 },
  ] as const)('$dataset $split: $count 28x28 images, first label $first, all 10 classes', ({ dataset, split, count, first }) => {
    const data = loadIdxSplit(path.join(datasets, dataset), split);
    expect(data.count).toBe(count);
    expect(data.shape).toEqual([28, 28, 1]);
    expect(data.images.length).toBe(count * 784);
    expect(data.labels[0]).toBe(first);
    expect(new Set(data.labels).size).toBe(10);
    let [min, max] = [255, 0];
    for (const p of data.images) [min, max] = [Math.min(min, p), Math.max(max, p)];
    expect([min, max]).toEqual([0, 255]);
  });
});
