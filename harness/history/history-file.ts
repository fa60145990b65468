// results/history.jsonl: one compact JSON line per bench (schemas/history-line.schema.json),
// appended whole (appendLine) and read back line by line: a line of either version is read as
// version 2, and a broken line (cut by a crash, edited) is skipped and named, never the others.
import path from 'node:path';
import type { BenchData } from '../compare/index.js';
import { appendLine } from '../output-file.js';
import { resultsRoot } from '../paths.js';
import { gitCommit } from '../provenance.js';
import { READ_LIMITS, readTextFileIfPresent } from '../read-file.js';
import { checkHistoryLine, type HistoryLineV2 } from '../../schemas/index.js';
import { historyLineOf } from './line.js';
import { upgradeV1 } from './upgrade.js';

// Tests and CI choose the file and the commit; the CLI takes the defaults.
/** Settings of {@link appendHistory}. */
export interface HistoryOptions {
  /** @default $SAMBENCH_HISTORY_FILE, else `<project>/results/history.jsonl` */
  file?: string;
  /** The commit to record; undefined: $GITHUB_SHA, else ask git (null if that fails). */
  commit?: string | null;
  now?: Date;
  /** `sambench ab`: the revision the bench was interleaved with, and whether a metric regressed against it. */
  against?: HistoryLineV2['against'];
}

// The folder relative to the current folder (the project root under npm run) when inside it.
function resultsPath(source: string): string {
  const absolute = path.resolve(source);
  const relative = path.relative(process.cwd(), absolute);
  return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
}

// Called by the bench CLI after every bench with the results it holds; a missing git is not an error.
/** Appends one version-2 line describing `bench` (its `source` is the results folder) to the history file and returns it. */
export function appendHistory(bench: BenchData, options: HistoryOptions = {}): HistoryLineV2 {
  const line = historyLineOf(bench, {
    results: resultsPath(bench.source),
    timestamp: (options.now ?? new Date()).toISOString(),
    commit: options.commit !== undefined ? options.commit : gitCommit(),
    ...(options.against ? { against: options.against } : {}),
  });
  appendLine(historyFile(options.file), JSON.stringify(line));
  return line;
}

/** The history file: `file` when given, else $SAMBENCH_HISTORY_FILE, else `<project>/results/history.jsonl`. */
export function historyFile(file?: string): string {
  return file ?? process.env.SAMBENCH_HISTORY_FILE ?? path.join(resultsRoot(), 'history.jsonl');
}

/** What {@link readHistory} found: the whole lines (as version 2), and one message per line it skipped. */
export interface HistoryRead {
  lines: HistoryLineV2[];
  /** `<file>:<line number>: …`, for each line that is not a history line (cut short by a crash, edited). */
  skipped: string[];
}

// A crash mid-append leaves one cut line: it costs that line, never the nights before and after it.
/** The lines of a history file (none when it does not exist); a broken line is skipped and named. */
export function readHistory(file = historyFile()): HistoryRead {
  const whole = readTextFileIfPresent(file, { what: 'a bench history (JSON Lines)', maxBytes: READ_LIMITS.history });
  const read: HistoryRead = { lines: [], skipped: [] };
  if (whole === null) return read;
  for (const [i, text] of whole.split('\n').entries()) {
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      read.skipped.push(`${file}:${i + 1}: not JSON (${(error as Error).message}); skipped`);
      continue;
    }
    const checked = checkHistoryLine(value);
    if (!checked.ok) {
      read.skipped.push(`${file}:${i + 1}: not a history line (${checked.problem}); skipped`);
      continue;
    }
    read.lines.push(checked.line.version === 2 ? checked.line : upgradeV1(checked.line));
  }
  return read;
}
