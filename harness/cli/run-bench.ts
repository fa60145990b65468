// One bench of a loaded suite into a prepared results folder: its runs (launched in rounds) and
// their one reduction, as the BenchData that reports, history, compare and calibrate read.
import path from 'node:path';
import type { BenchData } from '../compare/index.js';
import type { Launcher } from '../launch/index.js';
import { reduceRuns, type RunInput } from '../measure/index.js';
import { readManifest } from '../provenance.js';
import { interleaveBenches, type LoadedSuite } from '../suite/index.js';
import { executeJobs, executeRuns, type Job } from './execute.js';
import type { BenchListener } from './bench-events.js';
import { progressPrinter } from './progress.js';
import { printErr } from '../terminal-output.js';

/** How to run the bench. */
export interface RunBenchOptions {
  /** Keep the runs that finished earlier in `out`. */
  resume: boolean;
  /** Environment added to every worker's (e.g. SAMBENCH_INJECT_SLOWDOWN). */
  env?: Record<string, string>;
  /** Where the runs execute. @default one at a time, here */
  launcher?: Launcher;
  /** Hears the runs' progress and notes. @default printed on stderr, as the CLI does */
  onEvent?: BenchListener;
}

/** Runs every run of `loaded` into `out/runs/` and reduces them; failed runs are results too. */
export async function runBench(loaded: LoadedSuite, out: string, { resume, env, launcher, onEvent }: RunBenchOptions): Promise<BenchData> {
  const options = { runsDir: path.join(out, 'runs'), resume, ...(env ? { env } : {}) };
  const inputs = await executeRuns(loaded.runs, options, launcher, onEvent ?? progressPrinter());
  return benchData(loaded, out, inputs, onEvent);
}

/** What one side of an interleaved pair gives its workers. */
export interface BenchSide {
  /** Environment added to the side's workers (e.g. SAMBENCH_INJECT_SLOWDOWN). */
  env?: Record<string, string>;
  /** The root of the built sambench checkout whose worker runs the side (`sambench ab`); this one when absent. */
  workerRoot?: string;
}

/**
 * Two benches of `loaded` in one job, their processes interleaved round by round (so a slow spell
 * of the machine hits both alike), into `outs[0]` and `outs[1]`; `sides` say what each side's workers get.
 */
export async function runInterleavedBenches(
  loaded: LoadedSuite,
  outs: [string, string],
  sides: [BenchSide, BenchSide],
): Promise<[BenchData, BenchData]> {
  const jobsOf = (side: 0 | 1): Job[] =>
    loaded.runs.map((spec) => ({
      spec,
      runsDir: path.join(outs[side], 'runs'),
      resume: false,
      ...(sides[side].env ? { env: sides[side].env } : {}),
      ...(sides[side].workerRoot === undefined ? {} : { workerRoot: sides[side].workerRoot }),
    }));
  const jobLists = [jobsOf(0), jobsOf(1)] as const;
  const jobs = interleaveBenches(...jobLists);
  const inputs = await executeJobs(jobs);
  const inputOf = new Map(jobs.map((job, i) => [job, inputs[i]!]));
  const inputsOf = (side: 0 | 1) => jobLists[side].map((job) => inputOf.get(job)!);
  return [benchData(loaded, outs[0], inputsOf(0)), benchData(loaded, outs[1], inputsOf(1))];
}

// Reducing and reporting take about 20 µs a step (npm run bench:report): say so when that is long.
const SAY_REDUCING_ABOVE_EVENTS = 100_000;

function benchData(loaded: LoadedSuite, out: string, inputs: RunInput[], onEvent?: BenchListener): BenchData {
  const events = inputs.reduce((sum, input) => sum + input.events.length, 0);
  const note = `runs done; summarising ${events} events into results…`;
  if (events > SAY_REDUCING_ABOVE_EVENTS) {
    if (onEvent) onEvent({ type: 'note', message: note });
    else printErr(`sambench: ${note}`);
  }
  return {
    suite: loaded.suite.name,
    source: out,
    kind: 'results',
    createdAt: null,
    minEffect: loaded.suite.regression?.minEffect ?? null,
    provenance: readManifest(out),
    runs: reduceRuns(inputs),
  };
}
