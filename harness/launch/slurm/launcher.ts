// The Slurm launcher: the pending runs as one `sbatch --array` job (batch-script.ts), followed
// until every task has ended (follow.ts), Ctrl-C handled (interrupt.ts); on resume, a job an
// earlier sambench left running is waited for and taken in first (record.ts).
import fs from 'node:fs';
import path from 'node:path';
import { makeFolders, writeOutputFile } from '../../output-file.js';
import type { LaunchHooks, LaunchJob, Launcher } from '../launcher.js';
import { readRunLog, readRunSpecFile, runFiles } from '../run-files.js';
import { batchScript, type SlurmSettings } from './batch-script.js';
import { submitJob } from './cluster.js';
import { followJob } from './follow.js';
import { followUntilInterrupted, holdInterrupts, type InterruptOptions } from './interrupt.js';
import { readJobs, recordJob, slurmDir } from './record.js';
import { printErr } from '../../terminal-output.js';

/** What the Slurm launcher needs beyond the runs. */
export interface SlurmLauncherOptions {
  /** The suite's name, for the job name `sambench-<name>`. */
  suiteName: string;
  settings: SlurmSettings;
  /** The command that resumes this bench, for the messages at Ctrl-C. */
  resumeCommand: string;
  /** Milliseconds between polls of Slurm. @default 2000 */
  pollMs?: number;
  interrupt?: InterruptOptions;
}

const DEFAULT_POLL_MS = 2000;

/** The Slurm job name of a suite's bench: `sambench-<name>`. */
export const slurmJobName = (suiteName: string): string => `sambench-${suiteName}`;

/** A launcher that submits the runs to Slurm as one array job and follows it. */
export function slurmLauncher(options: SlurmLauncherOptions): Launcher {
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const follow = (jobId: string, tasks: Map<number, LaunchJob>, hooks: LaunchHooks, interruptedBefore = false) =>
    followUntilInterrupted(
      jobId,
      options.resumeCommand,
      (signal) => followJob(jobId, tasks, hooks, { pollMs, signal }),
      options.interrupt,
      interruptedBefore,
    );
  const where = options.settings.partition ? ` (partition ${options.settings.partition})` : '';
  return {
    name: `Slurm${where}`,

    async settle(runsDir) {
      // A run resubmitted in a later job is that job's: its output file is per run, not per job.
      const claimed = new Set<string>();
      const latestFirst = readJobs(runsDir).reverse();
      const owned = latestFirst.map((job) =>
        job.runIds.map((id) => {
          const mine = !claimed.has(id);
          claimed.add(id);
          return mine;
        }),
      );
      for (const [j, job] of latestFirst.entries()) {
        // Its runs without a finished log, whose task may still be running or whose output is not taken in yet.
        const tasks = new Map<number, LaunchJob>();
        job.runIds.forEach((id, index) => {
          const specFile = runFiles(runsDir, id).spec;
          if (!owned[j]![index] || readRunLog(runsDir, id).finished || !fs.existsSync(specFile)) return;
          tasks.set(index, { spec: readRunSpecFile(specFile), runsDir });
        });
        if (tasks.size === 0) continue;
        printErr(`sambench: taking in Slurm job ${job.jobId} (submitted earlier): waiting for its ${tasks.size} unfinished tasks to end`);
        await follow(job.jobId, tasks, {
          started: () => () => {},
          ended: (index, outcome) => printErr(`sambench: Slurm job ${job.jobId} task ${index} (${job.runIds[index]}): ${outcome.status}`),
        });
      }
    },

    async launch(jobs, hooks) {
      if (jobs.length === 0) return [];
      const runsDir = jobs[0]!.runsDir;
      if (jobs.some((job) => job.runsDir !== runsDir)) throw new Error('slurmLauncher: every job of one launch must share its runs folder');
      const dir = slurmDir(runsDir);
      makeFolders(dir);
      for (const { spec } of jobs) {
        const files = runFiles(runsDir, spec.id);
        writeOutputFile(files.spec, `${JSON.stringify(spec, null, 2)}\n`);
        // An earlier attempt's output would read as this one's until the task starts.
        fs.rmSync(files.workerOut, { force: true });
      }
      const script = batchScript({ name: slurmJobName(options.suiteName), jobs, logDir: dir, settings: options.settings });
      const scriptFile = path.join(dir, `job-${readJobs(runsDir).length + 1}.sbatch`);
      writeOutputFile(scriptFile, script);
      const held = holdInterrupts();
      let jobId: string;
      try {
        jobId = await submitJob(scriptFile, dir);
        recordJob(runsDir, {
          jobId,
          runIds: jobs.map((job) => job.spec.id),
          runsDir,
          script: scriptFile,
          submittedAt: new Date().toISOString(),
        });
      } finally {
        held.release();
      }
      printErr(`sambench: submitted Slurm job ${jobId}: ${jobs.length} array tasks (${scriptFile}); Ctrl-C offers to leave it running`);
      const outcomes = await follow(jobId, new Map(jobs.map((job, index) => [index, job])), hooks, held.came());
      return jobs.map((_, index) => outcomes.get(index)!);
    },
  };
}
