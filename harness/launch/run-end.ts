// When a run ends: at its worker's exit, not at the end of its stdout. A child the worker left
// running (in its group, or escaped from it) may hold the pipe open for as long as it likes; the
// launcher reads what the pipe still holds, kills the group's leftovers, lets go of the pipe, and
// takes the outcome from the worker's own exit and events.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChildProcess } from 'node:child_process';
import { signalGroup, type Deadline, type Killable } from './deadline.js';

// Time for the pipe to reach its end after the worker's exit, before and after the group's
// leftovers are killed: what a worker wrote is in the pipe already, so this is only reading it.
const DRAIN_MS = 200;
const STOP_READING_AFTER_KILL_MS = 1000;

/** How the started process ended (execa's fields; neither code nor signal: it never started). */
export interface ProcessEnd {
  exitCode?: number;
  signal?: string;
  originalMessage?: string;
  shortMessage?: string;
}

/** The process the launcher started: its pipes, its group, its `exit` event, and execa's result for a spawn that failed. */
export type StartedProcess = Killable & Pick<ChildProcess, 'once'> & PromiseLike<ProcessEnd>;

/**
 * Waits for the worker's exit (or for the deadline to give up), then for `reading` to drain,
 * kills what is left of the group and stops reading. Rethrows what `reading` threw before that
 * (an event log that cannot be written).
 */
export async function waitForEnd(subprocess: StartedProcess, reading: Promise<unknown>, deadline: Deadline): Promise<ProcessEnd> {
  let stopped = false;
  let failure: { error: unknown } | null = null;
  const read = reading.then(
    () => {},
    (error: unknown) => {
      if (!stopped) failure = { error };
    },
  );
  const exited = new Promise<ProcessEnd>((resolve) =>
    subprocess.once('exit', (code: number | null, signal: NodeJS.Signals | null) =>
      resolve({ ...(code !== null ? { exitCode: code } : {}), ...(signal !== null ? { signal } : {}) }),
    ),
  );
  // execa's result settles on a spawn error, which has no `exit` event; and at latest when the group is gone.
  const end = await Promise.race([exited, Promise.resolve(subprocess), deadline.gaveUp.then((): ProcessEnd => ({ signal: 'SIGKILL' }))]);
  await Promise.race([read, sleep(DRAIN_MS, undefined, { ref: false })]);
  signalGroup(subprocess, 'SIGKILL');
  await Promise.race([read, sleep(STOP_READING_AFTER_KILL_MS, undefined, { ref: false })]);
  stopped = true;
  // Closing our ends releases the pipes an escaped process holds, so nothing keeps waiting on them.
  for (const stream of subprocess.stdio) stream?.destroy();
  if (failure) throw (failure as { error: unknown }).error;
  return end;
}
