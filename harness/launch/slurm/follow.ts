// Follows a submitted array job until every task has ended: polls Slurm, shows each running
// task's steps through the same progress hooks as a local run (from its output file), and takes in
// each task that ended (ingest.ts), once, as the outcome launch-run.ts would give for the same run.
import { setTimeout as sleep } from 'node:timers/promises';
import type { WorkerEvent } from '../../../schemas/index.js';
import type { LaunchHooks, LaunchJob } from '../launcher.js';
import { runFiles } from '../run-files.js';
import { runOutcome, type RunOutcome } from '../run-outcome.js';
import { timeLimitMinutes } from './batch-script.js';
import { taskStates } from './cluster.js';
import { ingestTask, OutputTail } from './ingest.js';
import { hasEnded, taskExit, type TaskState } from './task-state.js';

/** How to follow. */
export interface FollowOptions {
  /** Milliseconds between polls of Slurm. */
  pollMs: number;
  /** Stops following (Ctrl-C); the job is not touched. */
  signal?: AbortSignal;
}

// A shared filesystem (NFS) may show a task's last lines a moment after Slurm says it ended.
const LATE_OUTPUT_READS = 5;
const LATE_OUTPUT_WAIT_MS = 1000;

/**
 * Follows job `jobId` until the tasks in `tasks` (array index → its run) have ended; hooks get the
 * array index. Returns the outcomes by array index.
 */
export async function followJob(
  jobId: string,
  tasks: ReadonlyMap<number, LaunchJob>,
  hooks: LaunchHooks,
  options: FollowOptions,
): Promise<Map<number, RunOutcome>> {
  const outcomes = new Map<number, RunOutcome>();
  const tails = new Map<number, OutputTail>();
  const seenAt = new Map<number, number>();
  let left = tasks.size;
  while (left > 0) {
    options.signal?.throwIfAborted();
    const states = await taskStates(jobId);
    for (const [i, job] of tasks) {
      if (outcomes.has(i)) continue;
      const task = states?.get(i) ?? null;
      const ended = states === null || (task !== null && hasEnded(task));
      if (!ended && task?.state !== 'RUNNING' && task?.state !== 'COMPLETING') continue;
      if (!tails.has(i)) {
        tails.set(i, new OutputTail(runFiles(job.runsDir, job.spec.id).workerOut, hooks.started(i)));
        seenAt.set(i, Date.now());
      }
      const tail = tails.get(i)!;
      tail.read();
      if (!ended) continue;
      await awaitLateOutput(tail, task);
      const outcome = await takeIn(jobId, job, task, Date.now() - seenAt.get(i)!);
      outcomes.set(i, outcome);
      left -= 1;
      hooks.ended(i, outcome);
    }
    if (left > 0) await sleep(options.pollMs, undefined, options.signal ? { signal: options.signal } : {});
  }
  return outcomes;
}

// A task that ended well but whose output has no `done` yet: its output is read again, a few
// times, a second apart, until `done` shows, so that the task is taken in once, whole.
async function awaitLateOutput(tail: OutputTail, task: TaskState | null): Promise<void> {
  const endedWell = task?.state === 'COMPLETED' && task.exitCode === 0;
  for (let reads = 1; endedWell && !tail.finished && reads < LATE_OUTPUT_READS; reads += 1) {
    await sleep(LATE_OUTPUT_WAIT_MS);
    tail.read();
  }
}

// Takes the task in once: its output becomes the run's event log (ingest.ts).
async function takeIn(jobId: string, job: LaunchJob, task: TaskState | null, seenMs: number): Promise<RunOutcome> {
  const ingested = await ingestTask(job);
  const finished = ingested.events.some((event: WorkerEvent) => event.type === 'done');
  const { exit, note } = taskExit(jobId, task, finished);
  const wallMs = task?.startMs != null && task.endMs != null ? task.endMs - task.startMs : seenMs;
  return runOutcome(job.spec, exit, {
    events: ingested.events,
    wallMs,
    warnings: ingested.warnings,
    timeoutMs: timeLimitMinutes(job.spec.timeoutSeconds) * 60_000,
    stderrFile: runFiles(job.runsDir, job.spec.id).stderr,
    note,
  });
}
