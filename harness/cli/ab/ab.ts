#!/usr/bin/env node
// `sambench ab <rev-a> <rev-b> <suite.json>`: benches two git revisions of sambench side by side
// (Chromium Pinpoint's A/B): run-ab.ts checks each out into a cached worktree, runs the suite's
// processes of both interleaved in shuffled rounds, here, one at a time, and compares rev-b with
// rev-a; this file prints the comparison as `compare` does, under a header naming both commits.
// Exit 0: nothing regressed; 1: a metric regressed or a configuration failed; 2: bad input.
import path from 'node:path';
import { printEarlyExit, runIfEntry } from '../../command-line.js';
import { formatComparison } from '../../compare/index.js';
import { preflight, probeSuite } from '../../launch/index.js';
import { loadSuite, loadSuiteObject, type LoadedSuite } from '../../suite/index.js';
import { printErr, printOut } from '../../terminal-output.js';
import { defaultOutDir } from '../out-dir.js';
import { refuseForeignFolder } from '../out-owner.js';
import { stopOnSignals } from '../stop-signals.js';
import { AB_USAGE, parseAbArgs, type AbArgs } from './ab-args.js';
import { abHeader } from './ab-report.js';
import { runAb } from './run-ab.js';

// --rounds is the suite's repeats, set before the suite expands into runs (and checked as the file's would be).
function loadWithRounds(args: AbArgs): LoadedSuite {
  const loaded = loadSuite(args.suiteFile);
  if (args.rounds === null || args.rounds === loaded.suite.repeats) return loaded;
  return loadSuiteObject({ ...loaded.suite, repeats: args.rounds }, loaded.dir, loaded.file);
}

/** Runs `ab` on argv (without node and script); returns the exit code. @throws SambenchError for bad input (exit 2). */
export async function main(argv: string[]): Promise<number> {
  const args = parseAbArgs(argv);
  if (typeof args === 'string') return printEarlyExit(args, AB_USAGE);
  const loaded = loadWithRounds(args);
  preflight(loaded);
  await probeSuite(loaded);
  const out = path.resolve(args.out ?? defaultOutDir(loaded.suite.name, 'ab-'));
  refuseForeignFolder(out, loaded.file, false);
  const signals = stopOnSignals('sambench ab');
  try {
    const result = await runAb({
      revisions: args.revisions,
      loaded,
      out,
      inject: args.inject,
      ...(args.repo === null ? {} : { repo: args.repo }),
      ...(args.minEffect === null ? {} : { minEffect: args.minEffect }),
      say: (line) => printErr(`sambench ab: ${line}`),
    });
    const { warnings, text } = formatComparison(result.comparison);
    for (const warning of warnings) printErr(warning);
    printOut(`\n${abHeader(result.revisions, args.inject)}\n\n${text}\n\nbenches and ab.json: ${out}`);
    if (result.historyError !== null) printErr(`sambench ab: could not append to the bench history: ${result.historyError}`);
    const failed = result.comparison.configurations.filter((c) => c.failure !== null).map((c) => c.id);
    if (failed.length > 0)
      printErr(`sambench ab: not compared, every process of a side failed: ${failed.join(', ')}; see the stderr logs in ${out}/{a,b}/runs`);
    return result.exitCode;
  } finally {
    signals.dispose();
  }
}

runIfEntry(import.meta.url, 'sambench ab', main, AB_USAGE);
