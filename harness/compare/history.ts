// results/history.jsonl: one compact JSON line per bench (suite, time, commit, environment, and
// per run the step medians, SAM/base ratio, slowdown and final accuracy), so nights can be plotted.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { quantileSorted } from '../measure/stats.js';
import { PROJECT_ROOT } from '../paths.js';
import { readResultsFolder, type RunData } from './bench-data.js';
import type { EnvEvent } from '../../schemas/index.js';

// What a plot of nights needs per run, point estimates only.
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
  /** The results folder, relative to the project root when inside it. */
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

// A bench outside a git checkout (a tarball, a container) still gets its history line.
function gitCommit(): string | null {
  if (process.env.GITHUB_SHA) return process.env.GITHUB_SHA;
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
    return /^[0-9a-f]{7,64}$/.test(out) ? out : null;
  } catch {
    return null;
  }
}

const round = (x: number | null, digits: number) => (x === null || !Number.isFinite(x) ? null : Number(x.toFixed(digits)));
const median = (xs: number[]) => (xs.length ? quantileSorted([...xs].sort((a, b) => a - b), 0.5) : null);
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

function historyRun(run: RunData, byId: Map<string, RunData>): HistoryRun {
  const linked = run.spec.baselineId ? byId.get(run.spec.baselineId) : undefined;
  const noSam = linked?.status === 'ok' ? linked : undefined;
  const reference = run.stepsMs.base.length >= 2 ? run.stepsMs.base : (noSam?.stepsMs.base ?? []);
  const samMedian = median(run.stepsMs.sam);
  const refMedian = median(reference);
  const runMean = mean([...run.stepsMs.base, ...run.stepsMs.sam]);
  const noSamMean = noSam ? mean([...noSam.stepsMs.base, ...noSam.stepsMs.sam]) : null;
  return {
    id: run.spec.id,
    status: run.status,
    baseMedianMs: round(median(run.stepsMs.base), 3),
    samMedianMs: round(samMedian, 3),
    ratio: round(samMedian !== null && refMedian ? samMedian / refMedian : null, 4),
    // slowdown = mean step (SAM run) / mean step (no-SAM run) − 1, as measure/summarize.ts
    slowdown: round(run.spec.sam && runMean !== null && noSamMean ? runMean / noSamMean - 1 : null, 4),
    finalAccuracy: round(run.finalAccuracy?.acc ?? null, 4),
  };
}

// Called by the bench CLI after every bench; a missing git is not an error.
/**
 * Appends one JSON line describing the bench in `resultsDir` to the history file and returns it.
 * @throws CompareInputError when `resultsDir` is not a results folder.
 */
export function appendHistory(resultsDir: string, options: HistoryOptions = {}): HistoryLine {
  const bench = readResultsFolder(resultsDir);
  const byId = new Map(bench.runs.map((r) => [r.spec.id, r]));
  const env = bench.runs.find((r) => r.env)?.env ?? null;
  const absolute = path.resolve(resultsDir);
  const relative = path.relative(PROJECT_ROOT, absolute);
  const line: HistoryLine = {
    suite: bench.suite,
    timestamp: (options.now ?? new Date()).toISOString(),
    results: relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative,
    commit: options.commit !== undefined ? options.commit : gitCommit(),
    env: env && { cpu: env.cpu, cores: env.cores, gpu: env.gpu ?? null, backend: env.backend, nativeTensorflow: env.nativeTensorflow, tfjs: env.tfjs, torch: env.torch, node: env.node, platform: env.platform },
    runs: bench.runs.map((r) => historyRun(r, byId)),
  };
  const file = options.file ?? process.env.SAMBENCH_HISTORY_FILE ?? path.join(PROJECT_ROOT, 'results', 'history.jsonl');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
  return line;
}
