// Runs RunSpecs through a launcher (launch/launcher.ts: here one at a time, one per GPU, or a Slurm
// array job) into a runs folder: a bench in rounds (suite/schedule.ts), or two benches interleaved
// in one job (calibrate). With resume, runs whose log already makes an ok run are kept as they are
// (RunResult.status from the log alone: measure's runStatus); any other run is redone from scratch.
import type { RunSpec, WorkerEvent } from '../../schemas/index.js';
import {
  clearRunLog,
  readRunLog,
  readStdoutWarning,
  runFiles,
  sequentialLauncher,
  type Launcher,
  type RunOutcome,
} from '../launch/index.js';
import { runStatus, type RunInput } from '../measure/index.js';
import { scheduleRuns } from '../suite/index.js';
import type { RunEvent } from './bench-events.js';
import { progressPrinter } from './progress.js';

export interface ExecuteOptions {
  runsDir: string;
  resume: boolean;
  /** Environment added to the workers' (e.g. SAMBENCH_INJECT_SLOWDOWN). */
  env?: Record<string, string>;
  /** The root of the built sambench checkout whose worker runs the jobs (`sambench ab`); this one when absent. */
  workerRoot?: string;
}

/** One run to launch, with where its files go and what its worker gets. */
export interface Job extends ExecuteOptions {
  spec: RunSpec;
}

/**
 * Runs (or, on resume, reuses) every run, launched in rounds; failures are recorded, never thrown.
 * Returns one input per run in the order of `runs` (the suite's), whatever the launch order.
 */
export async function executeRuns(
  runs: RunSpec[],
  options: ExecuteOptions,
  launcher: Launcher = sequentialLauncher,
  emit?: (event: RunEvent) => void,
): Promise<RunInput[]> {
  const jobs = scheduleRuns(runs).map((spec) => ({ ...options, spec }));
  const inputs = await executeJobs(jobs, launcher, emit);
  const byId = new Map(jobs.map((job, i) => [job.spec.id, inputs[i]!]));
  return runs.map((spec) => byId.get(spec.id)!);
}

/**
 * Runs the jobs in the order given (the launcher may run several at once); one input per job, in
 * that order. Says how they go to `emit` (by default, printed as progress on stderr).
 */
export async function executeJobs(
  jobs: readonly Job[],
  launcher: Launcher = sequentialLauncher,
  emit: (event: RunEvent) => void = progressPrinter(),
): Promise<RunInput[]> {
  const total = jobs.length;
  if (launcher.settle) for (const runsDir of new Set(jobs.filter((j) => j.resume).map((j) => j.runsDir))) await launcher.settle(runsDir);
  const inputs: RunInput[] = [];
  const pending: number[] = [];
  for (const [i, { spec, runsDir, resume }] of jobs.entries()) {
    if (resume) {
      const log = readRunLog(runsDir, spec.id);
      if (runStatus({ spec, events: log.events }).status === 'ok') {
        const warning = readStdoutWarning(runsDir, spec.id);
        inputs[i] = { spec, events: log.events, outcome: null, warnings: warning ? [warning] : [] };
        emit({ type: 'run-kept', index: i + 1, total, spec });
        continue;
      }
    }
    clearRunLog(runsDir, spec.id);
    pending.push(i);
  }
  const ended = (i: number, outcome: RunOutcome) => {
    const { spec, runsDir } = jobs[i]!;
    const input = { spec, events: outcome.events, outcome, warnings: outcome.warnings };
    inputs[i] = input;
    // The launcher's word and the log's checks together, as the reduction will see the run.
    const status = runStatus(input);
    const ok = status.status === 'ok';
    emit({
      type: 'run-end',
      index: i + 1,
      total,
      spec,
      status: ok ? 'ok' : 'failed',
      reason: ok ? null : status.reason,
      message: ok ? null : (status.message ?? null),
      stderr: runFiles(runsDir, spec.id).stderr,
      warnings: outcome.warnings,
    });
  };
  const started = (i: number): ((event: WorkerEvent) => void) => {
    const { spec } = jobs[i]!;
    emit({ type: 'run-start', index: i + 1, total, spec });
    return (event) => emit({ type: 'run-event', index: i + 1, total, spec, event });
  };
  await launcher.launch(
    pending.map((i) => jobs[i]!),
    {
      started: (k) => started(pending[k]!),
      ended: (k, outcome) => ended(pending[k]!, outcome),
    },
  );
  return inputs;
}
