// Slurm's client commands, as sambench uses them: sbatch to submit, sacct (or, on a cluster
// without accounting, scontrol) to follow, scancel to cancel. They find the cluster as the user's
// shell does (SLURM_CONF, /etc/slurm). A missing command or a refused submission is the user's to
// fix (exit 2, nothing started); a failed query is retried at the next poll.
import { execa } from 'execa';
import { ExitCode, SambenchError } from '../../errors.js';
import { parseSacct, parseScontrol, type TaskState } from './task-state.js';

/** Slurm is not installed or not reachable here, or refused the job. */
export class SlurmError extends SambenchError {
  constructor(message: string) {
    super(message, 'SLURM_UNAVAILABLE', ExitCode.badInput);
  }
}

async function run(command: string, args: string[], cwd?: string) {
  const result = await execa(command, args, { reject: false, ...(cwd ? { cwd } : {}), stdin: 'ignore' });
  if ((result as { code?: string }).code === 'ENOENT' || /ENOENT/.test(result.originalMessage ?? ''))
    throw new SlurmError(`${command} not found: --launcher slurm needs Slurm's commands (sbatch, sacct or scontrol, scancel) on PATH`);
  return result;
}

/** Submits `scriptFile` from `cwd`; returns the job id. @throws SlurmError when sbatch refuses it. */
export async function submitJob(scriptFile: string, cwd: string): Promise<string> {
  const result = await run('sbatch', ['--parsable', scriptFile], cwd);
  const jobId = /^(\d+)/.exec(result.stdout.trim())?.[1];
  if (result.exitCode !== 0 || jobId === undefined)
    throw new SlurmError(`sbatch refused ${scriptFile}: ${result.stderr.trim() || result.stdout.trim() || `exit code ${result.exitCode}`}`);
  return jobId;
}

// sacct answers only where the cluster keeps accounting; once it has failed, scontrol is asked.
let sacctWorks = true;

/**
 * The tasks Slurm knows of job `jobId`, by array index; null when Slurm knows no such job (it
 * ended longer ago than the cluster keeps jobs, MinJobAge, and there is no accounting).
 */
export async function taskStates(jobId: string): Promise<Map<number, TaskState> | null> {
  if (sacctWorks) {
    const sacct = await run('sacct', ['-j', jobId, '-X', '-n', '-P', '-o', 'JobID,State,ExitCode,NodeList,Start,End']);
    if (sacct.exitCode === 0 && sacct.stdout.trim() !== '') return byIndex(parseSacct(sacct.stdout));
    if (sacct.exitCode !== 0) sacctWorks = false;
  }
  const scontrol = await run('scontrol', ['-o', 'show', 'job', jobId]);
  if (scontrol.exitCode !== 0) return /invalid job id/i.test(scontrol.stderr) ? null : new Map();
  return byIndex(parseScontrol(scontrol.stdout));
}

function byIndex(tasks: TaskState[]): Map<number, TaskState> {
  return new Map(tasks.map((task) => [task.index, task]));
}

/** Cancels the job (all its tasks); a job that already ended is no error. */
export async function cancelJob(jobId: string): Promise<void> {
  await run('scancel', [jobId]);
}
