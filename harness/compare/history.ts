// results/history.jsonl: one compact JSON line per bench (suite, time, commit, environment, and
// per run the step medians, SAM/base ratio, slowdown and final accuracy), so nights can be plotted;
// appended whole (appendLine) and read back line by line, a broken line skipped and named.
import path from 'node:path';
import type { RunResult } from '../measure/index.js';
import { appendLine } from '../output-file.js';
import { resultsRoot } from '../paths.js';
import { gitCommit } from '../provenance.js';
import type { EnvEvent } from '../../schemas/index.js';
import type { BenchData } from './bench-data.js';
import { READ_LIMITS, readTextFileIfPresent } from '../read-file.js';

// What a plot of nights needs per run: point estimates of its RunResult, rounded.
/** One run in a history line; null where the run has no such value. */
export interface HistoryRun {
  id: string;
  status: 'ok' | 'failed';
  baseMedianMs: number | null;
  samMedianMs: number | null;
  /** median SAM step / median base step (base steps of the run, or of its no-SAM run at interval 1). */
  ratio: number | null;
  /** mean step of the SAM run / mean step of its no-SAM run − 1. */
  slowdown: number | null;
  finalAccuracy: number | null;
}

// The JSON of one line of results/history.jsonl.
/** One line of results/history.jsonl. */
export interface HistoryLine {
  suite: string;
  /** ISO date the line was written. */
  timestamp: string;
  /** The results folder, relative to the current folder (the project root under npm run) when inside it. */
  results: string;
  /** Commit measured ($GITHUB_SHA, else `git rev-parse HEAD`); null outside a git checkout. */
  commit: string | null;
  env: Pick<EnvEvent, 'cpu' | 'cores' | 'gpu' | 'backend' | 'nativeTensorflow' | 'tfjs' | 'torch' | 'node' | 'platform'> | null;
  runs: HistoryRun[];
}

// Tests and CI choose the file and the commit; the CLI takes the defaults.
/** Settings of {@link appendHistory}. */
export interface HistoryOptions {
  /** @default $SAMBENCH_HISTORY_FILE, else `<project>/results/history.jsonl` */
  file?: string;
  /** The commit to record; undefined: $GITHUB_SHA, else ask git (null if that fails). */
  commit?: string | null;
  now?: Date;
}

const round = (x: number | null, digits: number) => (x === null || !Number.isFinite(x) ? null : Number(x.toFixed(digits)));
function historyRun(run: RunResult): HistoryRun {
  return {
    id: run.spec.id,
    status: run.status,
    baseMedianMs: round(run.base?.median ?? null, 3),
    samMedianMs: round(run.sam?.median ?? null, 3),
    ratio: round(run.stepRatio?.value ?? null, 4),
    slowdown: round(run.slowdown?.value ?? null, 4),
    finalAccuracy: round(run.finalEval?.acc ?? null, 4),
  };
}

// Called by the bench CLI after every bench with the results it holds; a missing git is not an error.
/** Appends one JSON line describing `bench` (its `source` is the results folder) to the history file and returns it. */
export function appendHistory(bench: BenchData, options: HistoryOptions = {}): HistoryLine {
  const env = bench.runs.find((r) => r.env)?.env ?? null;
  const absolute = path.resolve(bench.source);
  const relative = path.relative(process.cwd(), absolute);
  const line: HistoryLine = {
    suite: bench.suite,
    timestamp: (options.now ?? new Date()).toISOString(),
    results: relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative,
    commit: options.commit !== undefined ? options.commit : gitCommit(),
    env: env && {
      cpu: env.cpu,
      cores: env.cores,
      gpu: env.gpu ?? null,
      backend: env.backend,
      nativeTensorflow: env.nativeTensorflow,
      tfjs: env.tfjs,
      torch: env.torch,
      node: env.node,
      platform: env.platform,
    },
    runs: bench.runs.map(historyRun),
  };
  appendLine(historyFile(options.file), JSON.stringify(line));
  return line;
}

/** The history file: `file` when given, else $SAMBENCH_HISTORY_FILE, else `<project>/results/history.jsonl`. */
export function historyFile(file?: string): string {
  return file ?? process.env.SAMBENCH_HISTORY_FILE ?? path.join(resultsRoot(), 'history.jsonl');
}

/** What {@link readHistory} found: the whole lines, and one message per line it skipped. */
export interface HistoryRead {
  lines: HistoryLine[];
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
    const line = value as Partial<HistoryLine> | null;
    if (typeof line !== 'object' || line === null || typeof line.suite !== 'string' || !Array.isArray(line.runs)) {
      read.skipped.push(`${file}:${i + 1}: not a history line (expected an object with "suite" and "runs"); skipped`);
      continue;
    }
    read.lines.push(line as HistoryLine);
  }
  return read;
}
