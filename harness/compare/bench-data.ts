// What a comparison needs of one bench, read from a results folder (`runs/<id>.spec.json` and
// `runs/<id>.jsonl`): per run its spec, environment, status, measured step times per kind and
// final accuracy. A committed baseline file holds the same shape (baseline-file.ts).
import fs from 'node:fs';
import path from 'node:path';
import { readRunLog } from '../launch/index.js';
import type { EnvEvent, EvalEvent, RunSpec, WorkerEvent } from '../../schemas/index.js';

// A path that cannot be compared: the CLI prints the message and exits 2.
/** An argument that is not a results folder or a baseline file (exit code 2). */
export class CompareInputError extends Error {
  override name = 'CompareInputError';
}

// The accuracy and the sample count its interval needs.
/** Accuracy of the last `eval` event of a run. */
export interface FinalAccuracy {
  /** Top-1 accuracy in [0, 1]. */
  acc: number;
  /** Test samples it was measured on. */
  samples: number;
  /** Training steps done when it was measured. */
  step: number;
}

// The per-run unit of comparison, baselines and history.
/** One run of a bench, reduced to what comparisons and baselines use. */
export interface RunData {
  spec: RunSpec;
  env: EnvEvent | null;
  /** `ok`: the log holds a `done` event. */
  status: 'ok' | 'failed';
  /** Why a failed run failed (the worker's error reason, or `unfinished`); null when ok. */
  reason: string | null;
  /** Measured (non-warm-up) step times in ms, per step kind, in step order. */
  stepsMs: { base: number[]; sam: number[] };
  finalAccuracy: FinalAccuracy | null;
}

// What both kinds of compare argument turn into.
/** All runs of one bench, from a results folder or a baseline file. */
export interface BenchData {
  suite: string;
  /** The path the bench was read from, as given. */
  source: string;
  kind: 'results' | 'baseline';
  /** ISO date of a baseline file's creation; null for a results folder. */
  createdAt: string | null;
  /** The suite's `regression.minEffect` (results folders only); null when not set. */
  minEffect: number | null;
  runs: RunData[];
}

// The reduction of one run's events; shared by results folders and `baseline` refreshes.
/** Reduces a run's spec and events to {@link RunData}. */
export function runDataFromEvents(spec: RunSpec, events: readonly WorkerEvent[]): RunData {
  const stepsMs: RunData['stepsMs'] = { base: [], sam: [] };
  let env: EnvEvent | null = null;
  let lastEval: EvalEvent | null = null;
  let done = false;
  let error: string | null = null;
  for (const event of events) {
    if (event.type === 'env') env ??= event;
    else if (event.type === 'step' && !event.warmup) stepsMs[event.kind].push(event.ms);
    else if (event.type === 'eval') lastEval = event;
    else if (event.type === 'done') done = true;
    else if (event.type === 'error') error = event.reason;
  }
  return {
    spec,
    env,
    status: done ? 'ok' : 'failed',
    reason: done ? null : (error ?? 'unfinished'),
    stepsMs,
    finalAccuracy: lastEval ? { acc: lastEval.acc, samples: lastEval.samples, step: lastEval.step } : null,
  };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CompareInputError(`${file}: cannot read it as JSON (${(error as Error).message})`);
  }
}

// A folder such as results/smoke holds one folder per bench; name the newest for the user.
function notAResultsFolder(dir: string): CompareInputError {
  if (!fs.existsSync(dir)) return new CompareInputError(`${dir}: no such folder (expected a results folder such as results/smoke/<stamp>)`);
  if (!fs.statSync(dir).isDirectory()) return new CompareInputError(`${dir} is a file; expected a results folder such as results/smoke/<stamp> (with runs/ inside)`);
  const benches = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'runs')))
    .map((e) => path.join(dir, e.name))
    .sort();
  const hint = benches.length > 0 ? `; it holds ${benches.length} bench folder(s), the newest is ${benches.at(-1)}` : '';
  return new CompareInputError(`${dir} is not a results folder: expected ${path.join(dir, 'runs')}/ with <run id>.spec.json and <run id>.jsonl files${hint}`);
}

// The results-folder side of loadBench; also the input of `baseline` and history.
/**
 * Reads every run of a results folder (`<dir>/runs/*.spec.json` with their event logs), sorted by run id.
 * @throws CompareInputError when `dir` holds no runs or a file is unreadable.
 */
export function readResultsFolder(dir: string): BenchData {
  const runsDir = path.join(dir, 'runs');
  if (!fs.existsSync(runsDir)) throw notAResultsFolder(dir);
  const specFiles = fs.readdirSync(runsDir).filter((f) => f.endsWith('.spec.json')).sort();
  if (specFiles.length === 0) throw new CompareInputError(`${runsDir} holds no <run id>.spec.json files: the bench started no run`);
  const runs = specFiles.map((file) => {
    const spec = readJson(path.join(runsDir, file)) as RunSpec;
    if (typeof spec?.id !== 'string' || typeof spec.suite !== 'string') {
      throw new CompareInputError(`${path.join(runsDir, file)}: expected a run spec with string "id" and "suite"`);
    }
    try {
      return runDataFromEvents(spec, readRunLog(runsDir, spec.id).events);
    } catch (error) {
      throw new CompareInputError((error as Error).message);
    }
  });
  const resolved = path.join(dir, 'suite.resolved.json');
  const suite = fs.existsSync(resolved) ? (readJson(resolved) as { name?: unknown; regression?: { minEffect?: unknown } }) : {};
  const minEffect = typeof suite.regression?.minEffect === 'number' ? suite.regression.minEffect : null;
  return { suite: typeof suite.name === 'string' ? suite.name : runs[0]!.spec.suite, source: dir, kind: 'results', createdAt: null, minEffect, runs };
}
