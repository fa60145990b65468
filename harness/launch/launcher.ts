// Where runs execute, behind one small interface the composition root chooses from (cli/launcher.ts):
// here, one after another (this file); here, one per GPU at a time (gpu/); or as a Slurm array job
// (slurm/). Each gives one RunOutcome per run and leaves <id>.jsonl as launch-run.ts writes it.
import type { RunSpec, WorkerEvent } from '../../schemas/index.js';
import { launchRun } from './launch-run.js';
import type { RunOutcome } from './run-outcome.js';
import { workerCommand } from './worker-command.js';

/** One run to launch: its spec, its runs folder (its event log not there yet), extras for its worker's environment. */
export interface LaunchJob {
  spec: RunSpec;
  runsDir: string;
  env?: Record<string, string>;
  /** The root of the built sambench checkout whose worker runs it (`sambench ab`); this one when absent. Local launchers only. */
  workerRoot?: string;
}

/** What a launcher tells its caller as runs go; `index` is the job's place in the list launched. */
export interface LaunchHooks {
  /** A run began; returns what to call with each of its events. */
  started(index: number): (event: WorkerEvent) => void;
  /** A run ended. */
  ended(index: number, outcome: RunOutcome): void;
}

/** Runs jobs somewhere and collects them; a failed run is an outcome, never a throw. */
export interface Launcher {
  /** Shown with the bench's first line, e.g. `Slurm (partition gpu)`. */
  readonly name: string;
  /**
   * Waits for work an earlier sambench started in `runsDir` and left running (a Slurm job), and
   * takes in its logs, so that a resume sees every run that finished. Called before a resume looks.
   */
  settle?(runsDir: string): Promise<void>;
  /** Launches every job; one outcome per job, in the order given. */
  launch(jobs: readonly LaunchJob[], hooks: LaunchHooks): Promise<RunOutcome[]>;
}

/** One run at a time on this machine: a run never shares the CPUs with another (docs/cluster-and-gpus.md). */
export const sequentialLauncher: Launcher = {
  name: 'local',
  async launch(jobs, hooks) {
    const outcomes: RunOutcome[] = [];
    for (const [index, job] of jobs.entries()) {
      const outcome = await launchOne(job, hooks.started(index));
      outcomes.push(outcome);
      hooks.ended(index, outcome);
    }
    return outcomes;
  },
};

/** Launches one job here with its own worker command, `env` added to the job's, pinned to `cpus` (taskset) when given. */
export function launchOne(
  job: LaunchJob,
  onEvent: (event: WorkerEvent) => void,
  env: Record<string, string> = {},
  cpus: readonly number[] | null = null,
): Promise<RunOutcome> {
  const extra = { ...job.env, ...env };
  const worker = workerCommand(job.spec, process.env, job.workerRoot);
  return launchRun(job.spec, {
    runsDir: job.runsDir,
    worker: cpus ? { ...worker, command: 'taskset', args: ['-c', cpus.join(','), worker.command, ...worker.args] } : worker,
    onEvent,
    ...(Object.keys(extra).length > 0 ? { env: extra } : {}),
  });
}
