// How Slurm sees the tasks of an array job, read from `sacct` (clusters with accounting) or
// `scontrol show job` (any cluster, for MinJobAge after a task ends), and how a task that ended
// maps onto the launcher's WorkerExit, so a Slurm failure gets one of the existing reasons
// (run-outcome.ts): TIMEOUT → timeout; OUT_OF_MEMORY, CANCELLED, PREEMPTED → signal; FAILED,
// NODE_FAIL, BOOT_FAIL → crash (or nan / worker-error when the worker said so in its events).
import os from 'node:os';
import type { WorkerExit } from '../run-outcome.js';

/** One array task as Slurm reports it. */
export interface TaskState {
  index: number;
  /** Slurm's job state, e.g. `RUNNING`, `COMPLETED`, `TIMEOUT` (`CANCELLED by 0` reads as `CANCELLED`). */
  state: string;
  exitCode: number;
  /** The signal number that ended the batch script, 0 if none. */
  signal: number;
  node: string | null;
  /** Start and end in milliseconds since the epoch, when Slurm knows them. */
  startMs: number | null;
  endMs: number | null;
}

// States in which a task will not run (again) by itself: its log is complete.
const ENDED = new Set(['COMPLETED', 'FAILED', 'TIMEOUT', 'OUT_OF_MEMORY', 'NODE_FAIL', 'PREEMPTED', 'CANCELLED', 'BOOT_FAIL', 'DEADLINE']);

/** True when the task has ended (its worker no longer runs). */
export function hasEnded(task: TaskState): boolean {
  return ENDED.has(task.state);
}

// Array task ids as Slurm writes them: `3`, `1-8`, `1-8%1`, `1,3,5-7`, or sacct's `[1-8%1]`.
function indices(text: string): number[] {
  const list = text.replace(/^\[|\]$/g, '').replace(/%\d+$/, '');
  return list.split(',').flatMap((part) => {
    const [from, to] = part.split('-').map(Number);
    if (!Number.isInteger(from)) return [];
    const last = to !== undefined && Number.isInteger(to) ? to : from!;
    return Array.from({ length: last - from! + 1 }, (_, i) => from! + i);
  });
}

function time(text: string | undefined): number | null {
  if (!text || !/^\d{4}-\d\d-\d\dT/.test(text)) return null;
  const ms = new Date(text).getTime();
  return Number.isNaN(ms) ? null : ms;
}

function task(ids: string, state: string, exit: string, node: string, start?: string, end?: string): TaskState[] {
  const [code, signal] = exit.split(':').map(Number);
  const common = {
    state: state.split(' ')[0]!,
    exitCode: code ?? 0,
    signal: signal ?? 0,
    node: node === '' || node === 'None assigned' || node === '(null)' ? null : node,
    startMs: time(start),
    endMs: time(end),
  };
  return indices(ids).map((index) => ({ index, ...common }));
}

/** Parses `sacct -j ID -X -n -P -o JobID,State,ExitCode,NodeList,Start,End` (one line per task or pending range). */
export function parseSacct(text: string): TaskState[] {
  return text
    .split('\n')
    .filter((line) => line.includes('|'))
    .flatMap((line) => {
      const [jobId = '', state = '', exit = '0:0', node = '', start, end] = line.split('|');
      const ids = /_(.+)$/.exec(jobId)?.[1];
      return ids === undefined ? [] : task(ids, state, exit, node, start, end);
    });
}

/** Parses `scontrol -o show job ID` (one line per task record, `Key=value` fields). */
export function parseScontrol(text: string): TaskState[] {
  return text
    .split('\n')
    .filter((line) => line.includes('ArrayTaskId='))
    .flatMap((line) => {
      const field = (key: string) => new RegExp(`(?:^|\\s)${key}=(\\S*)`).exec(line)?.[1];
      return task(
        field('ArrayTaskId') ?? '',
        field('JobState') ?? '',
        field('ExitCode') ?? '0:0',
        field('NodeList') ?? '',
        field('StartTime'),
        field('EndTime'),
      );
    });
}

const SIGNAL_NAMES = new Map(Object.entries(os.constants.signals).map(([name, number]) => [number, name]));

/** How a task that ended ended, as the launcher's WorkerExit, with a note saying what Slurm reported. */
export function taskExit(jobId: string, task: TaskState | null, finished: boolean): { exit: WorkerExit; note: string } {
  const base: WorkerExit = { exitCode: null, signal: null, timedOut: false, startError: null };
  if (task === null) {
    // No record left (no accounting, and MinJobAge passed): the log alone says how it went.
    return { exit: { ...base, exitCode: finished ? 0 : null }, note: `Slurm job ${jobId} keeps no record of this task` };
  }
  const where = `Slurm task ${jobId}_${task.index}${task.node ? ` on ${task.node}` : ''}`;
  const signal = task.signal > 0 ? (SIGNAL_NAMES.get(task.signal) ?? `signal ${task.signal}`) : null;
  switch (task.state) {
    case 'COMPLETED':
    case 'FAILED':
      return { exit: { ...base, exitCode: signal ? null : task.exitCode, signal }, note: `${where}: ${task.state}` };
    case 'TIMEOUT':
    case 'DEADLINE':
      return { exit: { ...base, timedOut: true, signal }, note: `${where}: ${task.state}, over its time limit` };
    case 'OUT_OF_MEMORY':
      return { exit: { ...base, signal: 'SIGKILL' }, note: `${where}: OUT_OF_MEMORY; raise launch.slurm.memory` };
    case 'CANCELLED':
      return { exit: { ...base, signal: signal ?? 'SIGTERM' }, note: `${where}: CANCELLED (scancel or an administrator)` };
    case 'PREEMPTED':
      return { exit: { ...base, signal: signal ?? 'SIGTERM' }, note: `${where}: PREEMPTED by another job; --resume runs it again` };
    default:
      return { exit: { ...base }, note: `${where}: ${task.state}${task.state === 'NODE_FAIL' ? ', the node failed' : ''}` };
  }
}
