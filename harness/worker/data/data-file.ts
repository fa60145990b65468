// Bounded reads of dataset files: a regular file (never a device, a FIFO or a folder, which
// would read forever or block), no larger than MAX_DATA_FILE_BYTES, read for exactly the bytes
// its size or header promises, never "until EOF" of an unknown source.
import fs from 'node:fs';
import { DataFileError } from './errors.js';
import { describeFileKind } from '../../file-kind.js';

/**
 * The largest dataset file either worker reads, in bytes (2 GiB − 1: what Node reads into one
 * buffer). harness/worker/pytorch/datasets.py has the same bound; test_data.py checks they agree.
 */
export const MAX_DATA_FILE_BYTES = 2_147_483_647;

/** The size of `file` in bytes, after checking that it is a regular file within MAX_DATA_FILE_BYTES. */
export function dataFileSize(file: string): number {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(file);
  } catch (error) {
    throw new DataFileError(file, 'missing', `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, {
      cause: error,
    });
  }
  if (!stats.isFile()) {
    throw new DataFileError(file, 'not-a-file', `is ${describeFileKind(stats)}, not a regular file; a dataset file must be a regular file`);
  }
  if (stats.size > MAX_DATA_FILE_BYTES) {
    throw new DataFileError(
      file,
      'too-large',
      `holds ${stats.size} bytes, more than the ${MAX_DATA_FILE_BYTES} (2 GiB) a dataset file may have; split it or use fewer samples`,
    );
  }
  return stats.size;
}

/** Reads `length` bytes of `file` from byte `position`; fewer only when the file ends first. */
export function readDataBytes(file: string, position: number, length: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  const fd = fs.openSync(file, 'r');
  try {
    let done = 0;
    while (done < length) {
      const read = fs.readSync(fd, bytes, done, length - done, position + done);
      if (read === 0) break;
      done += read;
    }
    return done === length ? bytes : bytes.subarray(0, done);
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads the whole of a regular data file (checked by dataFileSize), as many bytes as its size said. */
export function readDataFile(file: string): Buffer {
  return readDataBytes(file, 0, dataFileSize(file));
}
