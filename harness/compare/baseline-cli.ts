#!/usr/bin/env node
// `npm run baseline -- <results folder>`: writes results/baselines/<suite>.json from a finished
// bench, the reference that nightly CI compares against.
import fs from 'node:fs';
import path from 'node:path';
import { ExitCode, UsageError } from '../errors.js';
import { BASELINE_USAGE, parseBaselineArgs } from './args.js';
import { readResultsFolder } from './bench-data.js';
import { BASELINE_FORMAT, baselinePath, writeBaseline } from './baseline-file.js';
import { printEarlyExit, runIfEntry } from '../command-line.js';
import { printOut } from '../terminal-output.js';
import { openRegularFile, READ_LIMITS, UnreadableFileError } from '../read-file.js';

// Importable so tests run it in-process; runIfEntry runs it from the command line.
/** Runs `baseline` on argv (without node and script); returns the exit code. @throws SambenchError for bad input (exit 2). */
export function main(argv: string[]): number {
  const args = parseBaselineArgs(argv);
  if (typeof args === 'string') return printEarlyExit(args, BASELINE_USAGE);
  const out = args.out === null ? null : path.resolve(args.out);
  if (out !== null && isFolder(out)) {
    throw new UsageError(`--out ${out} is a folder; give the baseline file's path, e.g. ${path.join(out, '<suite>.json')}`, false);
  }
  const bench = readResultsFolder(args.resultsDir);
  const target = out ?? baselinePath(bench.suite);
  refuseToReplace(target);
  const file = writeBaseline(bench, target);
  const steps = bench.runs.reduce((sum, r) => sum + r.stepsMs.base.length + r.stepsMs.sam.length, 0);
  printOut(
    `wrote ${path.relative(process.cwd(), file) || file}: suite ${bench.suite}, ${bench.runs.length} runs, ${steps} measured steps, from ${args.resultsDir}`,
  );
  return ExitCode.ok;
}

// A baseline replaces only a baseline: `--out` naming the user's suite (or any other file) is a mistake.
function refuseToReplace(file: string): void {
  let head: string;
  try {
    // A FIFO or a device at --out is refused here (exit 2), never opened blocking nor replaced.
    const { fd } = openRegularFile(file, { what: 'a sambench baseline to replace', maxBytes: READ_LIMITS.baseline });
    try {
      const buffer = Buffer.alloc(256);
      head = buffer.toString('utf8', 0, fs.readSync(fd, buffer, 0, buffer.length, 0));
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    if (error instanceof UnreadableFileError && error.problem === 'missing') return; // nothing to replace
    throw error;
  }
  if (new RegExp(`^\\{\\s*"format":\\s*"${BASELINE_FORMAT}"`).test(head)) return;
  throw new UsageError(
    `${file} exists and is not a sambench baseline (it does not begin with "format": "${BASELINE_FORMAT}"); ` +
      'writing the baseline would replace it: give another --out, or move that file away',
    false,
  );
}

function isFolder(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

runIfEntry(import.meta.url, 'sambench baseline', main, BASELINE_USAGE);
