#!/usr/bin/env node
// `sambench history`: the bench history as series with their change points, in the terminal and
// in history.html; with --fail-on-regression the nightly's exit code, with --last-good its baseline commit.
import fs from 'node:fs';
import path from 'node:path';
import { printEarlyExit, runIfEntry } from '../../command-line.js';
import { ExitCode } from '../../errors.js';
import {
  DETECT_DEFAULTS,
  findChanges,
  historyFile,
  historySeries,
  historyTables,
  lastGoodCommit,
  nightlyVerdict,
  readHistory,
  renderHistoryPage,
} from '../../history/index.js';
import { writeOutputFile } from '../../output-file.js';
import { printErr, printOut } from '../../terminal-output.js';
import { HISTORY_USAGE, parseHistoryArgs } from './history-args.js';

/** Runs `history` on argv (without node and script); returns the exit code. @throws SambenchError for bad input (exit 2). */
export function main(argv: string[]): number {
  const args = parseHistoryArgs(argv);
  if (typeof args === 'string') return printEarlyExit(args, HISTORY_USAGE);
  const file = historyFile(args.file ?? undefined);
  const { lines, skipped } = readHistory(file);
  for (const message of skipped) printErr(`sambench history: ${message}`);
  const suiteLines = args.suite === null ? lines : lines.filter((l) => l.suite === args.suite);
  // The suite's own minimum effect, as its latest bench recorded it.
  const recorded = suiteLines.findLast((l) => l.minEffect !== null)?.minEffect ?? null;
  const options = { ...DETECT_DEFAULTS, ...args.detect, minEffect: args.detect.minEffect ?? recorded ?? DETECT_DEFAULTS.minEffect };
  const filter = {
    ...(args.suite !== null ? { suite: args.suite } : {}),
    ...(args.metric ? { metric: args.metric } : {}),
    ...(args.machine !== null ? { machine: args.machine } : {}),
  };
  const findings = findChanges(historySeries(lines, filter), options);
  if (args.lastGood) {
    printOut(lastGoodCommit(lines, args.suite!, findings) ?? '');
    return ExitCode.ok;
  }
  const page = path.resolve(args.html ?? path.join(path.dirname(file), 'history.html'));
  fs.mkdirSync(path.dirname(page), { recursive: true });
  writeOutputFile(page, renderHistoryPage(findings, options, file));
  if (findings.length === 0) printOut(`no series in ${file}${lines.length === 0 ? ' (no history yet)' : ' matching the filters'}`);
  else printOut(historyTables(findings, args.nights));
  const suites = args.suite !== null ? [args.suite] : [...new Set(lines.map((l) => l.suite))];
  const { reasons } = nightlyVerdict(lines, suites, findings);
  for (const reason of reasons) printOut(`\nFAILS THE NIGHTLY: ${reason}`);
  printOut(`\nhistory.html: ${page}`);
  return args.failOnRegression && reasons.length > 0 ? ExitCode.expectationFailed : ExitCode.ok;
}

runIfEntry(import.meta.url, 'sambench history', main, HISTORY_USAGE);
