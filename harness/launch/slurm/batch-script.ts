// The batch script of one `sbatch --array` job: its #SBATCH lines come from the suite's
// `launch.slurm` and `limits.runTimeoutSeconds`; array task i runs the worker of the i-th pending
// run on its spec in the (shared) runs folder, stdout to <id>.worker.out (the CLI turns it into
// <id>.jsonl as launch-run.ts would), stderr to <id>.stderr.log.
import { LAUNCHER_PID_ENV, type Slurm } from '../../../schemas/index.js';
import { PROJECT_ROOT } from '../../paths.js';
import type { LaunchJob } from '../launcher.js';
import { runFileNames } from '../run-files.js';
import { gpusNeeded, shellWord, workerCommand } from '../worker-command.js';

/** Resources and placement of each task: the suite's `launch.slurm`, command-line overrides applied. */
export type SlurmSettings = Slurm & { exclusive: boolean };

/** What one batch script holds. */
export interface BatchJob {
  /** `--job-name`, e.g. `sambench-smoke`. */
  name: string;
  /** The runs, array task i running jobs[i]; all in one runs folder. */
  jobs: readonly LaunchJob[];
  /** Where Slurm writes each task's own output (`%A_%a.log`). */
  logDir: string;
  settings: SlurmSettings;
}

/** Slurm counts time limits in whole minutes: a run's limit, rounded up. */
export function timeLimitMinutes(timeoutSeconds: number): number {
  return Math.max(1, Math.ceil(timeoutSeconds / 60));
}

// The GPUs the run needs (worker-command.ts), unless the suite counts them itself.
function gpusPerTask(job: LaunchJob, settings: SlurmSettings): number | null {
  if (settings.gres !== undefined) return null;
  return settings.gpusPerTask ?? (gpusNeeded(job.spec) || null);
}

/** The #SBATCH options of the job (without `#SBATCH`). */
export function sbatchOptions(job: BatchJob): string[] {
  const { settings, jobs } = job;
  const first = jobs[0]!;
  const gpus = gpusPerTask(first, settings);
  const throttle = settings.maxConcurrentTasks !== undefined ? `%${settings.maxConcurrentTasks}` : '';
  return [
    `--job-name=${job.name}`,
    `--array=0-${jobs.length - 1}${throttle}`,
    `--output=${job.logDir}/%A_%a.log`,
    `--time=${timeLimitMinutes(first.spec.timeoutSeconds)}`,
    '--ntasks=1',
    ...(settings.cpusPerTask !== undefined ? [`--cpus-per-task=${settings.cpusPerTask}`] : []),
    ...(settings.memory !== undefined ? [`--mem=${settings.memory}`] : []),
    ...(gpus !== null ? [`--gpus-per-task=${gpus}`] : []),
    ...(settings.gres !== undefined ? [`--gres=${settings.gres}`] : []),
    ...(settings.exclusive ? ['--exclusive'] : []),
    ...(settings.partition !== undefined ? [`--partition=${settings.partition}`] : []),
    ...(settings.account !== undefined ? [`--account=${settings.account}`] : []),
    ...(settings.qos !== undefined ? [`--qos=${settings.qos}`] : []),
  ];
}

function taskLine(index: number, job: LaunchJob): string {
  const { command, args, env } = workerCommand(job.spec);
  const exports = Object.entries({ ...env, ...job.env }).map(([key, value]) => `export ${key}=${shellWord(value)}; `);
  return `  ${index}) id=${shellWord(job.spec.id)}; ${exports.join('')}set -- ${[command, ...args].map(shellWord).join(' ')} ;;`;
}

/** The whole script, as sbatch gets it (and as docs/cluster-and-gpus.md shows it). */
export function batchScript(job: BatchJob): string {
  const runsDir = job.jobs[0]!.runsDir;
  // The task's files as runFiles names them, in shell: "$runs/$id.spec.json" and so on.
  const files = runFileNames('$id');
  return [
    '#!/bin/bash',
    ...sbatchOptions(job).map((option) => `#SBATCH ${option}`),
    `# Written by sambench: array task i runs the i-th run below with its worker, on its spec in the`,
    `# runs folder (shared with the submitting machine); sambench follows the job and reads the logs.`,
    'set -eu',
    // The worker would watch for a launcher process that is on another machine.
    `unset ${LAUNCHER_PID_ENV}`,
    `cd ${shellWord(PROJECT_ROOT)}`,
    `runs=${shellWord(runsDir)}`,
    'case "$SLURM_ARRAY_TASK_ID" in',
    ...job.jobs.map((j, i) => taskLine(i, j)),
    '  *) echo "sambench: no run for array task $SLURM_ARRAY_TASK_ID" >&2; exit 2 ;;',
    'esac',
    `exec "$@" "$runs/${files.spec}" >"$runs/${files.workerOut}" 2>"$runs/${files.stderr}"`,
    '',
  ].join('\n');
}
