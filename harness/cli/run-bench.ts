// One bench of a loaded suite into a prepared results folder: its runs (launched in rounds) and
// their one reduction, as the BenchData that reports, history, compare and calibrate read.
import path from 'node:path';
import type { BenchData } from '../compare/index.js';
import { reduceRuns } from '../measure/index.js';
import type { LoadedSuite } from '../suite/index.js';
import { executeRuns } from './execute.js';

/** How to run the bench. */
export interface RunBenchOptions {
  /** Keep the runs that finished earlier in `out`. */
  resume: boolean;
  /** Environment added to every worker's (e.g. SAMBENCH_INJECT_SLOWDOWN). */
  env?: Record<string, string>;
}

/** Runs every run of `loaded` into `out/runs/` and reduces them; failed runs are results too. */
export async function runBench(loaded: LoadedSuite, out: string, { resume, env }: RunBenchOptions): Promise<BenchData> {
  const inputs = await executeRuns(loaded.runs, { runsDir: path.join(out, 'runs'), resume, ...(env ? { env } : {}) });
  return {
    suite: loaded.suite.name,
    source: out,
    kind: 'results',
    createdAt: null,
    minEffect: loaded.suite.regression?.minEffect ?? null,
    runs: reduceRuns(inputs),
  };
}
