#!/usr/bin/env node
// `npm run compare -- <baseline> <current>`: compares two benches (results folders or baseline
// files) run by run and metric by metric; exit 1 on any regression, 2 on bad arguments.
import { COMPARE_USAGE, parseCompareArgs } from './args.js';
import { compare } from './compare-inputs.js';
import { printEarlyExit, runIfEntry } from '../command-line.js';
import { formatComparison } from './format.js';
import { printErr, printOut } from '../terminal-output.js';

// Importable so tests run it in-process; runIfEntry runs it from the command line.
/** Runs `compare` on argv (without node and script); returns the exit code. @throws SambenchError for bad input (exit 2). */
export function main(argv: string[]): number {
  const args = parseCompareArgs(argv);
  if (typeof args === 'string') return printEarlyExit(args, COMPARE_USAGE);
  const { alpha, resamples, seed } = args;
  const comparison = compare(args.baseline, args.current, {
    alpha,
    resamples,
    seed,
    ...(args.minEffect === null ? {} : { minEffect: args.minEffect }),
  });
  const { warnings, text } = formatComparison(comparison);
  for (const w of warnings) printErr(w);
  printOut(text);
  if (comparison.configurations.length === 0) {
    printErr(
      `sambench compare: no run of ${args.current} has the configuration of a run of ${args.baseline}, so nothing was compared; if the suite changed on purpose, refresh the baseline: npm run baseline -- ${args.current}`,
    );
  }
  return comparison.exitCode;
}

runIfEntry(import.meta.url, 'sambench compare', main, COMPARE_USAGE);
