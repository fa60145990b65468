// The Slurm jobs a results folder was submitted as (<out>/slurm/jobs.json), so a later
// `--resume` can find a job an interrupted or killed sambench left running, wait for it, and take
// its logs in before deciding which runs to submit again.
import path from 'node:path';
import { UsageError } from '../../errors.js';
import { writeOutputFile } from '../../output-file.js';
import { READ_LIMITS, readTextFileIfPresent } from '../../read-file.js';
import { checkSafeName } from '../../safe-name.js';

/** One submission: the job, and which run each array task runs. */
export interface SubmittedJob {
  jobId: string;
  /** The run of array task i. */
  runIds: string[];
  runsDir: string;
  /** The batch script as submitted. */
  script: string;
  submittedAt: string;
}

/** `<out>/slurm`, beside the runs folder `<out>/runs`. */
export function slurmDir(runsDir: string): string {
  return path.join(path.dirname(path.resolve(runsDir)), 'slurm');
}

const file = (dir: string) => path.join(dir, 'jobs.json');

/** The jobs submitted for this runs folder, oldest first; none when there is no record. */
export function readJobs(runsDir: string): SubmittedJob[] {
  const at = file(slurmDir(runsDir));
  const text = readTextFileIfPresent(at, { what: 'the record of submitted Slurm jobs', maxBytes: READ_LIMITS.json });
  if (text === null) return [];
  let jobs: unknown;
  try {
    jobs = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${at}: not valid JSON (${(error as Error).message}); restore it, or delete it to forget the jobs`, false);
  }
  if (!Array.isArray(jobs)) throw new UsageError(`${at}: expected a list of submitted jobs, got ${typeof jobs}`, false);
  jobs.forEach((job: Partial<SubmittedJob> | null, i) => {
    if (typeof job?.jobId !== 'string' || !/^\d+$/.test(job.jobId))
      throw new UsageError(`${at}: /${i}/jobId expected a Slurm job id (digits), got ${JSON.stringify(job?.jobId)}`, false);
    if (!Array.isArray(job.runIds)) throw new UsageError(`${at}: /${i}/runIds expected a list of run ids`, false);
    job.runIds.forEach((id, k) => checkSafeName(id, at, `/${i}/runIds/${k}`));
  });
  return jobs as SubmittedJob[];
}

/** Adds a submission to the record. */
export function recordJob(runsDir: string, job: SubmittedJob): void {
  writeOutputFile(file(slurmDir(runsDir)), `${JSON.stringify([...readJobs(runsDir), job], null, 2)}\n`);
}
