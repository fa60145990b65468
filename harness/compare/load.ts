// One argument of `compare`: a results folder or a baseline file, told apart by what is on disk.
import fs from 'node:fs';
import { CompareInputError, readResultsFolder, type BenchData } from './bench-data.js';
import { parseBaseline } from './baseline-file.js';

// The single entry for both kinds of argument, so `compare` treats them alike.
/**
 * Reads a bench from a results folder (`results/<suite>/<stamp>/`) or a baseline file
 * (`results/baselines/<suite>.json`).
 * @throws CompareInputError when the path is missing or is neither.
 */
export function loadBench(target: string): BenchData {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new CompareInputError(
      `${target}: no such file or folder (expected a results folder such as results/smoke/<stamp> or a baseline file such as results/baselines/smoke.json)`,
    );
  }
  if (stat.isDirectory()) return readResultsFolder(target);
  return parseBaseline(fs.readFileSync(target, 'utf8'), target);
}
