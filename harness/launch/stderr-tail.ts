// The last lines of a (possibly huge) log file, read from its end only:
// TensorFlow can write megabytes to stderr, the user needs the last few lines.
import fs from 'node:fs';

/** The last `maxLines` lines of `file` (within its last `maxBytes`), trimmed; '' if it is missing. */
export function readTail(file: string, maxLines = 20, maxBytes = 64 * 1024): string {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
  try {
    const size = fs.fstatSync(fd).size;
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
