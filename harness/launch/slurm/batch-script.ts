// The batch script of one `sbatch --array` job: its #SBATCH lines come from the suite's
// `launch.slurm` and `limits.runTimeoutSeconds`; array task i runs the worker of the i-th pending
// run on its spec in the (shared) runs folder, stdout to <id>.worker.out (the CLI turns it into
// <id>.jsonl as launch-run.ts would), stderr to <id>.stderr.log.
import { LAUNCHER_PID_ENV, type Slurm } from '../../../schemas/index.js';
import { refuseControl } from '../../control-characters.js';
import { UsageError } from '../../errors.js';
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

// The GPUs the runs need (worker-command.ts, from each run's own spec), unless the suite counts them
// itself. Every task of an array job gets the same resources, so a suite that sweeps
// matrix.worldSize asks for what its largest run needs.
function gpusPerTask(jobs: readonly LaunchJob[], settings: SlurmSettings): number | null {
  if (settings.gres !== undefined) return null;
  return settings.gpusPerTask ?? (Math.max(...jobs.map((job) => gpusNeeded(job.spec))) || null);
}

// sbatch reads a directive's value up to whitespace, and bash ends the #SBATCH comment at a line
// break, so a value is one word of its own characters: no control character (a newline would end
// the line and start a shell line of the rest), no space, `#`, quote or backslash.
const DIRECTIVE_VALUE = /^[^\s#'"\\]+$/u;

/** `--option=value` for an #SBATCH line, refused (UsageError, exit 2) unless `value` is one plain word; `from` names its setting. */
function directive(option: string, value: string | number, from: string): string {
  const text = String(value);
  refuseControl(from, text, 'an #SBATCH line');
  if (!DIRECTIVE_VALUE.test(text)) {
    const found = /[\s#'"\\]/u.exec(text)![0];
    throw new UsageError(
      `${from} holds ${JSON.stringify(found)}, which an #SBATCH line cannot take (sbatch reads its value as one word: no space, #, quote or backslash); got ${JSON.stringify(text)}`,
      false,
      'SBATCH_VALUE',
    );
  }
  return `--${option}=${text}`;
}

// Where each setting comes from, for the message that refuses it.
const FROM = (key: string, flag = false) => `launch.slurm.${key}${flag ? ` (or --${key})` : ''}`;

/** The #SBATCH options of the job (without `#SBATCH`). @throws UsageError for a value an #SBATCH line cannot hold. */
export function sbatchOptions(job: BatchJob): string[] {
  const { settings, jobs } = job;
  const first = jobs[0]!;
  const gpus = gpusPerTask(jobs, settings);
  const throttle = settings.maxConcurrentTasks !== undefined ? `%${settings.maxConcurrentTasks}` : '';
  return [
    directive('job-name', job.name, 'the suite name (its Slurm job name)'),
    `--array=0-${jobs.length - 1}${throttle}`,
    directive('output', `${job.logDir}/%A_%a.log`, `--out (its Slurm log folder ${JSON.stringify(job.logDir)})`),
    `--time=${timeLimitMinutes(first.spec.timeoutSeconds)}`,
    '--ntasks=1',
    ...(settings.cpusPerTask !== undefined ? [`--cpus-per-task=${settings.cpusPerTask}`] : []),
    ...(settings.memory !== undefined ? [directive('mem', settings.memory, FROM('memory'))] : []),
    ...(gpus !== null ? [`--gpus-per-task=${gpus}`] : []),
    ...(settings.gres !== undefined ? [directive('gres', settings.gres, FROM('gres'))] : []),
    ...(settings.exclusive ? ['--exclusive'] : []),
    ...(settings.partition !== undefined ? [directive('partition', settings.partition, FROM('partition', true))] : []),
    ...(settings.account !== undefined ? [directive('account', settings.account, FROM('account', true))] : []),
    ...(settings.qos !== undefined ? [directive('qos', settings.qos, FROM('qos', true))] : []),
  ];
}

// Every word of a shell line is quoted (shellWord), so no character ends a word; a control
// character is refused all the same, as a newline would still split the line for a reader.
/** `value` as one shell word of the script; `from` names it when refused (UsageError, exit 2). */
function scriptWord(value: string, from: string): string {
  refuseControl(from, value, 'a line of the batch script');
  return shellWord(value);
}

function taskLine(index: number, job: LaunchJob): string {
  const { command, args, env } = workerCommand(job.spec);
  const id = scriptWord(job.spec.id, `run id ${JSON.stringify(job.spec.id)}`);
  const exports = Object.entries({ ...env, ...job.env }).map(
    ([key, value]) => `export ${key}=${scriptWord(value, `the worker's environment variable ${key}`)}; `,
  );
  const words = [command, ...args].map((word) => scriptWord(word, 'the worker command'));
  return `  ${index}) id=${id}; ${exports.join('')}set -- ${words.join(' ')} ;;`;
}

/** The whole script, as sbatch gets it (and as docs/cluster-and-gpus.md shows it). @throws UsageError for a value a script line cannot hold. */
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
    `cd ${scriptWord(PROJECT_ROOT, "sambench's folder")}`,
    `runs=${scriptWord(runsDir, '--out (its runs folder)')}`,
    'case "$SLURM_ARRAY_TASK_ID" in',
    ...job.jobs.map((j, i) => taskLine(i, j)),
    '  *) echo "sambench: no run for array task $SLURM_ARRAY_TASK_ID" >&2; exit 2 ;;',
    'esac',
    `exec "$@" "$runs/${files.spec}" >"$runs/${files.workerOut}" 2>"$runs/${files.stderr}"`,
    '',
  ].join('\n');
}
