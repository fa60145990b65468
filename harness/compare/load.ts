// One argument of `compare`: a results folder or a baseline file, told apart by what is on disk.
import fs from 'node:fs';
import { CompareInputError, readResultsFolder, type BenchData } from './bench-data.js';
import { parseBaseline } from './baseline-file.js';

// A baseline keeps a few numbers per measured step: the committed smoke baseline is ~20 KB, and
// 64 MiB holds millions of steps. Anything larger is not a baseline, and reading it whole could
// exhaust memory (/dev/zero once did: std::bad_alloc, exit 134).
/** The largest baseline file compare reads. */
export const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

const EXPECTED = 'expected a results folder such as results/smoke/<stamp> or a baseline file such as results/baselines/smoke.json';

// The single entry for both kinds of argument, so `compare` treats them alike.
/**
 * Reads a bench from a results folder (`results/<suite>/<stamp>/`) or a baseline file
 * (`results/baselines/<suite>.json`).
 * @throws CompareInputError when the path is missing, is neither a folder nor a regular file
 * (a device, a FIFO, a socket), or is a file larger than {@link MAX_BASELINE_BYTES}.
 */
export function loadBench(target: string): BenchData {
  const stat = statOf(target);
  if (stat.isDirectory()) return readResultsFolder(target);
  if (!stat.isFile()) throw new CompareInputError(`${target} is not a regular file or a folder (${EXPECTED})`);
  if (stat.size > MAX_BASELINE_BYTES) {
    throw new CompareInputError(
      `${target} is ${(stat.size / 2 ** 20).toFixed(0)} MiB, more than a baseline file can be (${MAX_BASELINE_BYTES / 2 ** 20} MiB); ${EXPECTED}`,
    );
  }
  return parseBaseline(fs.readFileSync(target, 'utf8'), target);
}

function statOf(target: string): fs.Stats {
  try {
    return fs.statSync(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file or folder' : `cannot read it (${(error as Error).message})`;
    throw new CompareInputError(`${target}: ${problem} (${EXPECTED})`);
  }
}
