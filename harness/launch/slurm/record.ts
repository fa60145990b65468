// The Slurm jobs a results folder was submitted as (<out>/slurm/jobs.json), so a later
// `--resume` can find a job an interrupted or killed sambench left running, wait for it, and take
// its logs in before deciding which runs to submit again.
import fs from 'node:fs';
import path from 'node:path';
import { writeOutputFile } from '../../output-file.js';

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
  return fs.existsSync(at) ? (JSON.parse(fs.readFileSync(at, 'utf8')) as SubmittedJob[]) : [];
}

/** Adds a submission to the record. */
export function recordJob(runsDir: string, job: SubmittedJob): void {
  writeOutputFile(file(slurmDir(runsDir)), `${JSON.stringify([...readJobs(runsDir), job], null, 2)}\n`);
}
