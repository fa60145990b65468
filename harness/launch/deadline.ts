// A hard time limit for a worker and everything it started. The worker runs in its own process
// group; at the deadline the whole group gets SIGTERM, after the grace the guard's stop signal
// (reaper.ts: SIGHUP has the reaper kill every descendant, escaped ones included; else SIGKILL),
// and shortly after that SIGKILL and the launcher stops reading the worker's stdout, so nothing
// that ignores signals and holds the pipe open can hang it.
import type { Readable, Writable } from 'node:stream';

// After SIGKILL the group's pipes close at once; only an escaped process keeps one open.
const STOP_READING_AFTER_KILL_MS = 500;

/** The part of a subprocess the deadline acts on. */
export interface Killable {
  pid?: number | undefined;
  /** The pipes to the worker (execa's `stdio`: its raw streams, which `stdout` only wraps). */
  stdio: readonly (Readable | Writable | null | undefined)[];
  kill(signal: NodeJS.Signals): boolean;
}

/** A started deadline: whether it fired, when the launcher gave up reading, and how to cancel it once the worker has ended. */
export interface Deadline {
  timedOut(): boolean;
  /** Resolves once the group was killed and reading stopped; never resolves before the deadline. */
  gaveUp: Promise<void>;
  cancel(): void;
}

/** Kills `subprocess`'s process group after `timeoutMs`, with `graceMs` between SIGTERM and `stopSignal`. */
export function startDeadline(subprocess: Killable, timeoutMs: number, graceMs: number, stopSignal: NodeJS.Signals = 'SIGKILL'): Deadline {
  let fired = false;
  let giveUp = () => {};
  const gaveUp = new Promise<void>((resolve) => (giveUp = resolve));
  const timers: NodeJS.Timeout[] = [];
  const later = (ms: number, action: () => void) => timers.push(setTimeout(action, ms));
  later(timeoutMs, () => {
    fired = true;
    signalGroup(subprocess, 'SIGTERM');
    later(graceMs, () => {
      signalGroup(subprocess, stopSignal);
      later(STOP_READING_AFTER_KILL_MS, () => {
        signalGroup(subprocess, 'SIGKILL');
        // Closing our ends releases the pipes an escaped process holds, so nothing keeps waiting on them.
        for (const stream of subprocess.stdio) stream?.destroy();
        giveUp();
      });
    });
  });
  return {
    timedOut: () => fired,
    gaveUp,
    cancel: () => timers.forEach(clearTimeout),
  };
}

// A negative pid signals the group the worker leads (it was started detached).
/** Sends `signal` to the worker's whole process group (to the worker alone where there are no groups). */
export function signalGroup(subprocess: Killable, signal: NodeJS.Signals): void {
  if (subprocess.pid === undefined) return;
  try {
    process.kill(-subprocess.pid, signal);
  } catch (error) {
    // ESRCH: the group is gone already; anything else (no process groups): the worker alone.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') subprocess.kill(signal);
  }
}
