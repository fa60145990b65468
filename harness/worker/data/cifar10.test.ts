// CIFAR-10 binary reader: pixel order (CHW on disk → HWC in memory), labels, file order, and one broken folder per failure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeFifo } from '../../fixtures/os-fixtures.js';
import { cifarPixel, cifarRecord, writeCifarFolder } from './fixtures/cifar.js';
import { CIFAR10_RECORD_BYTES, DataFileError, loadCifar10Split } from './index.js';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-cifar-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const TRAIN_LABELS = [[3, 0], [9], [1], [7, 7], [2]];
const good = () => writeCifarFolder(path.join(tmp, `good-${Math.random()}`), TRAIN_LABELS, [5, 4, 6]);

/** The error `run` throws, checked to be a DataFileError. */
function dataFileError(run: () => unknown): DataFileError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DataFileError);
    return error as DataFileError;
  }
  throw new Error('expected a DataFileError');
}

describe('loadCifar10Split', () => {
  test('train: the five batches in order, pixels moved from CHW to HWC', () => {
    const split = loadCifar10Split(good(), 'train');
    expect(split).toMatchObject({ count: 7, shape: [32, 32, 3] });
    expect(Array.from(split.labels)).toEqual(TRAIN_LABELS.flat());
    expect(split.images.length).toBe(7 * 3072);
    expect(split.images.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (let record = 0; record < 7; record++) {
      for (const [y, x] of [
        [0, 0],
        [0, 1],
        [1, 0],
        [17, 5],
        [31, 31],
      ] as const) {
        const p = y * 32 + x;
        const hwc = Array.from(split.images.subarray(record * 3072 + p * 3, record * 3072 + p * 3 + 3));
        expect(hwc).toEqual([0, 1, 2].map((c) => cifarPixel(record, c, p)));
      }
    }
  });

  test('test: test_batch.bin only', () => {
    const split = loadCifar10Split(good(), 'test');
    expect(Array.from(split.labels)).toEqual([5, 4, 6]);
    expect(split.images[3 * 40 + 1]).toBe(cifarPixel(7, 1, 40)); // record 0 of test = 8th written
    expect(split.origin.endsWith('test_batch.bin')).toBe(true);
  });

  test('a limit keeps the first records, across file boundaries', () => {
    const split = loadCifar10Split(good(), 'train', 4);
    expect(Array.from(split.labels)).toEqual([3, 0, 9, 1]);
    expect(split.images.length).toBe(4 * 3072);
    expect(split.images[3 * 3072 + 2]).toBe(cifarPixel(3, 2, 0));
  });

  test('missing files are listed with what a CIFAR-10 folder holds', () => {
    const dir = good();
    fs.rmSync(path.join(dir, 'data_batch_3.bin'));
    fs.rmSync(path.join(dir, 'data_batch_5.bin'));
    const error = dataFileError(() => loadCifar10Split(dir, 'train'));
    expect(error).toMatchObject({ problem: 'missing', file: path.join(dir, 'data_batch_3.bin') });
    expect(error.message).toContain(`missing from ${dir}: data_batch_3.bin, data_batch_5.bin`);
    expect(error.message).toContain(
      'data_batch_1.bin, data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, data_batch_5.bin, test_batch.bin',
    );
    expect(() => loadCifar10Split(dir, 'test')).not.toThrow();
  });

  test('a size that is not whole records is truncated, with expected and found bytes', () => {
    const dir = good();
    const file = path.join(dir, 'data_batch_4.bin');
    fs.writeFileSync(file, Buffer.concat([cifarRecord(0, 1), cifarRecord(1, 2)]).subarray(0, CIFAR10_RECORD_BYTES + 100));
    const error = dataFileError(() => loadCifar10Split(dir, 'train'));
    expect(error).toMatchObject({ problem: 'truncated', file });
    expect(error.message).toBe(
      `${file}: truncated: expected a multiple of 3073 bytes (1 label byte + 3072 pixel bytes per record), ` +
        'e.g. 6146 for 2 records, found 3173 (1 record and 100 bytes)',
    );
    fs.writeFileSync(file, Buffer.alloc(0));
    expect(dataFileError(() => loadCifar10Split(dir, 'train')).message).toContain(
      'e.g. 3073 for 1 record, found 0 (0 records and 0 bytes)',
    );
  });

  test('a data batch that is a FIFO or a link to a device is refused before it is opened', () => {
    const dir = good();
    const file = path.join(dir, 'data_batch_2.bin');
    fs.rmSync(file);
    makeFifo(file);
    expect(dataFileError(() => loadCifar10Split(dir, 'train'))).toMatchObject({ problem: 'not-a-file', file });
    fs.rmSync(file);
    fs.symlinkSync('/dev/null', file);
    expect(dataFileError(() => loadCifar10Split(dir, 'train')).message).toBe(
      `${file}: is a character device (e.g. a link to /dev/zero), not a regular file; expected a dataset file`,
    );
  });

  test('a label above 9 names the file and the record', () => {
    const dir = writeCifarFolder(path.join(tmp, 'bad-label'), [[1], [2], [3], [4], [0, 10]], [0]);
    const error = dataFileError(() => loadCifar10Split(dir, 'train'));
    expect(error).toMatchObject({ problem: 'bad-label', file: path.join(dir, 'data_batch_5.bin') });
    expect(error.message).toContain('label 10 in record 1 is out of range (expected 0..9)');
  });
});
