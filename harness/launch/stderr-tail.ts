// The last lines of a (possibly huge) log file, read from its end only:
// TensorFlow can write megabytes to stderr, the user needs the last few lines.
import fs from 'node:fs';
import { UnreadableFileError, openRegularFile } from '../read-file.js';

/** The last `maxLines` lines of `file` (within its last `maxBytes`), trimmed; '' if it is missing. */
export function readTail(file: string, maxLines = 20, maxBytes = 64 * 1024): string {
  let fd: number;
  let size: number;
  try {
    ({ fd, size } = openRegularFile(file, { what: "a run's stderr log", maxBytes: Number.MAX_SAFE_INTEGER }));
  } catch (error) {
    // Only its end is read, so any size will do; what is not a regular file is named instead of read.
    if (error instanceof UnreadableFileError) return error.problem === 'missing' ? '' : `[sambench: ${error.message}]`;
    throw error;
  }
  try {
    const start = Math.max(0, size - maxBytes);
    const buffer = Buffer.alloc(size - start);
    fs.readSync(fd, buffer, 0, buffer.length, start);
    const lines = buffer.toString('utf8').trimEnd().split('\n');
    if (start > 0) lines.shift(); // the first line read is probably cut
    return lines.slice(-maxLines).join('\n');
  } finally {
    fs.closeSync(fd);
  }
}
