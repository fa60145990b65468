// Bounded reads of dataset files, through the one guarded read (read-file.ts): a regular file
// (never a device, a FIFO or a folder, which would read forever or block), no larger than
// MAX_DATA_FILE_BYTES, read for exactly the bytes its size or header promises, never "until EOF".
import fs from 'node:fs';
import { DataFileError } from './errors.js';
import { UnreadableFileError, openRegularFile, readBytes, type OpenedFile } from '../../read-file.js';

/**
 * The largest dataset file either worker reads, in bytes (2 GiB − 1: what Node reads into one
 * buffer). harness/worker/pytorch/datasets.py has the same bound; test_data.py checks they agree.
 */
export const MAX_DATA_FILE_BYTES = 2_147_483_647;

// The workers report a DataFileError (file, problem) whatever refused the file.
function openDataFile(file: string): OpenedFile {
  try {
    return openRegularFile(file, { what: 'a dataset file', maxBytes: MAX_DATA_FILE_BYTES });
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    const problem = error.problem === 'unreadable' ? 'missing' : error.problem;
    throw new DataFileError(file, problem, error.reason, { cause: error });
  }
}

/** The size of `file` in bytes, after checking that it is a regular file within MAX_DATA_FILE_BYTES. */
export function dataFileSize(file: string): number {
  const { fd, size } = openDataFile(file);
  fs.closeSync(fd);
  return size;
}

/** Reads `length` bytes of `file` from byte `position`; fewer only when the file ends first. */
export function readDataBytes(file: string, position: number, length: number): Buffer {
  const { fd } = openDataFile(file);
  try {
    return readBytes(fd, length, position);
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads the whole of a regular data file, as many bytes as its size said. */
export function readDataFile(file: string): Buffer {
  const { fd, size } = openDataFile(file);
  try {
    return readBytes(fd, size, 0);
  } finally {
    fs.closeSync(fd);
  }
}
