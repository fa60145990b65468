// One argument of `compare`: a results folder or a baseline file, told apart by what is on disk.
import fs from 'node:fs';
import { readResultsFolder, CompareInputError, type BenchData } from './bench-data.js';
import { parseBaseline } from './baseline-file.js';
import { READ_LIMITS, readTextFile } from '../read-file.js';

const EXPECTED = 'expected a results folder such as results/smoke/<stamp> or a baseline file such as results/baselines/smoke.json';

// The single entry for both kinds of argument, so `compare` treats them alike.
/**
 * Reads a bench from a results folder (`results/<suite>/<stamp>/`) or a baseline file
 * (`results/baselines/<suite>.json`).
 * @throws CompareInputError when the path is missing; UnreadableFileError (exit 2) when it is
 * neither a folder nor a regular file (a device, a FIFO, a socket) or a file larger than
 * READ_LIMITS.baseline.
 */
export function loadBench(target: string): BenchData {
  if (isFolder(target)) return readResultsFolder(target);
  const what = 'a baseline file such as results/baselines/smoke.json (or a results folder such as results/smoke/<stamp>)';
  return parseBaseline(readTextFile(target, { what, maxBytes: READ_LIMITS.baseline }), target);
}

// Only tells a folder from anything else; what the anything else is, the guarded read checks.
function isFolder(target: string): boolean {
  try {
    return fs.statSync(target).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file or folder' : `cannot read it (${(error as Error).message})`;
    throw new CompareInputError(`${target}: ${problem} (${EXPECTED})`);
  }
}
