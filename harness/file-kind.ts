// What stands at a path, in the words sambench's messages use: one wording for the suite check of
// dataset folders and for the workers' refusal of data files that are not regular files.
import type fs from 'node:fs';

/** `stats` in words, e.g. "a folder", "a FIFO (named pipe)". */
export function describeFileKind(stats: fs.Stats): string {
  if (stats.isFile()) return 'a regular file';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice()) return 'a character device (e.g. a link to /dev/zero)';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  return 'neither a file nor a folder';
}
