// Reads the CIFAR-10 binary version (https://www.cs.toronto.edu/~kriz/cifar.html): records of
// 1 label byte + 3072 pixel bytes, the 32×32 red plane, then green, then blue (CHW).
import fs from 'node:fs';
import path from 'node:path';
import { DATASET_FORMAT_FILES } from '../../../schemas/index.js';
import { dataFileSize, readDataBytes } from './data-file.js';
import { DataFileError } from './errors.js';
import { NONE_SKIPPED, sharedBytes } from './in-memory.js';
import type { RawSplit } from './types.js';

/** The files of each split, in the order their records are read. */
export const CIFAR10_FILES = DATASET_FORMAT_FILES.cifar10;

/** The two splits of a CIFAR-10 folder. */
export type Cifar10SplitName = 'train' | 'test';

const SIDE = 32;
const PLANE = SIDE * SIDE;
/** Bytes per record: 1 label + 3 planes of 32×32. */
export const CIFAR10_RECORD_BYTES = 1 + 3 * PLANE;

/**
 * Loads `dir`'s split as HWC [32, 32, 3] bytes: its first `limit` records (all when null),
 * reading only the files those need. Every file of the split must exist and hold whole
 * records; each record read must have a label in 0 … classes−1.
 */
export function loadCifar10Split(dir: string, split: Cifar10SplitName, limit: number | null = null, classes = 10): RawSplit {
  const files = CIFAR10_FILES[split].map((name) => path.join(dir, name));
  const missing = files.filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    const all = [...CIFAR10_FILES.train, ...CIFAR10_FILES.test].join(', ');
    throw new DataFileError(
      missing[0]!,
      'missing',
      `no such file (missing from ${dir}: ${missing.map((f) => path.basename(f)).join(', ')}); ` +
        `a CIFAR-10 folder holds the binary version's ${all}`,
    );
  }
  // Sizes first, so the HWC array is allocated once and each file is converted as it is read.
  const records = files.map(recordsIn);
  const total = records.reduce((a, b) => a + b, 0);
  const count = limit === null ? total : Math.min(limit, total);
  const images = sharedBytes(count * 3 * PLANE);
  const labels = new Uint8Array(count);
  for (let f = 0, first = 0; f < files.length && first < count; first += records[f]!, f++) {
    const needed = Math.min(records[f]!, count - first);
    const bytes = readDataBytes(files[f]!, 0, needed * CIFAR10_RECORD_BYTES);
    if (bytes.length < needed * CIFAR10_RECORD_BYTES) {
      throw new DataFileError(
        files[f]!,
        'truncated',
        `truncated while read: expected ${needed * CIFAR10_RECORD_BYTES} bytes, found ${bytes.length}`,
      );
    }
    for (let record = 0; record < needed; record++) {
      const at = record * CIFAR10_RECORD_BYTES;
      const label = bytes[at]!;
      if (label >= classes) {
        throw new DataFileError(files[f]!, 'bad-label', `label ${label} in record ${record} is out of range (expected 0..${classes - 1})`);
      }
      labels[first + record] = label;
      chwToHwc(bytes.subarray(at + 1, at + CIFAR10_RECORD_BYTES), images.subarray((first + record) * 3 * PLANE));
    }
  }
  return { images, labels, count, shape: [SIDE, SIDE, 3], origin: files.length === 1 ? files[0]! : dir, skipped: NONE_SKIPPED };
}

// Counts from the file's size, so a partial download or a stray file reads as what it is; a
// device or FIFO is refused before it is opened.
function recordsIn(file: string): number {
  const size = dataFileSize(file);
  if (size === 0 || size % CIFAR10_RECORD_BYTES !== 0) {
    const whole = Math.floor(size / CIFAR10_RECORD_BYTES);
    throw new DataFileError(
      file,
      'truncated',
      `truncated: expected a multiple of ${CIFAR10_RECORD_BYTES} bytes (1 label byte + 3072 pixel bytes per record), ` +
        `e.g. ${(whole + 1) * CIFAR10_RECORD_BYTES} for ${records(whole + 1)}, found ${size} ` +
        `(${records(whole)} and ${size % CIFAR10_RECORD_BYTES} bytes)`,
    );
  }
  return size / CIFAR10_RECORD_BYTES;
}

const records = (n: number) => `${n} record${n === 1 ? '' : 's'}`;

// hwc[(p · 3) + c] = chw[c · 1024 + p], p = y · 32 + x.
function chwToHwc(chw: Uint8Array, hwc: Uint8Array): void {
  for (let p = 0; p < PLANE; p++) {
    hwc[3 * p] = chw[p]!;
    hwc[3 * p + 1] = chw[PLANE + p]!;
    hwc[3 * p + 2] = chw[2 * PLANE + p]!;
  }
}
