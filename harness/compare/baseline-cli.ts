#!/usr/bin/env node
// `npm run baseline -- <results folder>`: writes results/baselines/<suite>.json from a finished
// bench, the reference that nightly CI compares against.
import path from 'node:path';
import { ExitCode } from '../errors.js';
import { BASELINE_USAGE, parseBaselineArgs } from './args.js';
import { readResultsFolder } from './bench-data.js';
import { baselinePath, writeBaseline } from './baseline-file.js';
import { runIfEntry } from '../command-line.js';
import { reportInputError } from './entry.js';

// Importable so tests run it in-process; runIfEntry runs it from the command line.
/** Runs `baseline` on argv (without node and script); returns the exit code. */
export function main(argv: string[]): number {
  try {
    const args = parseBaselineArgs(argv);
    if (args === null) {
      console.log(BASELINE_USAGE);
      return ExitCode.ok;
    }
    const bench = readResultsFolder(args.resultsDir);
    const file = writeBaseline(bench, args.out === null ? baselinePath(bench.suite) : path.resolve(args.out));
    const steps = bench.runs.reduce((sum, r) => sum + r.stepsMs.base.length + r.stepsMs.sam.length, 0);
    console.log(
      `wrote ${path.relative(process.cwd(), file) || file}: suite ${bench.suite}, ${bench.runs.length} runs, ${steps} measured steps, from ${args.resultsDir}`,
    );
    return ExitCode.ok;
  } catch (error) {
    return reportInputError('sambench baseline', BASELINE_USAGE, error);
  }
}

runIfEntry(import.meta.url, 'sambench baseline', main);
