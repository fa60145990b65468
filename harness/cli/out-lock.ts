// One bench per results folder: a second one (--resume into the same --out) would clear the
// first's in-progress logs and overwrite its reports. The lock, `.sambench.lock`, names its holder
// by pid and start time, so a pid the system has since given to another program is not mistaken
// for a live bench. Released when this process exits, on every path that runs JavaScript at the
// end (cli/stop-signals.ts turns SIGINT and SIGTERM into one); a lock a SIGKILL left is taken over.
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { writingTo } from '../output-file.js';
import { processGone, processProgram, processStartTime } from '../processes.js';
import { readTextFileIfPresent } from '../read-file.js';

/** The lock's file name inside a results folder. */
export const LOCK_FILE = '.sambench.lock';

/** What a lock says: its holder's pid and start time (null where /proc is not, or an older lock that held only a pid). */
interface LockHolder {
  pid: number;
  startTime: string | null;
}

// Locks this process holds, released together when it exits (calibrate holds one per bench).
const held = new Set<string>();

function readHolder(lock: string): LockHolder | null {
  const text = readTextFileIfPresent(lock, { what: "a lock holding its owner's pid and start time", maxBytes: 256 })?.trim();
  if (text === undefined) return null;
  // `<pid> <start time>`, or `<pid>` from an older sambench.
  const [pid, startTime] = text.split(/\s+/);
  return /^\d+$/.test(pid ?? '') ? { pid: Number(pid), startTime: startTime ?? null } : null;
}

// A holder is live while its pid runs the same process: same start time, or (an older lock, or
// no /proc) a Node.js program, as sambench is. Anything else is a pid reused or a lock left behind.
function holderAlive({ pid, startTime }: LockHolder): boolean {
  if (pid <= 0 || processGone(pid)) return false;
  const now = processStartTime(pid);
  if (startTime !== null && now !== null) return now === startTime;
  const program = processProgram(pid);
  return program === null || /(^|\/)node(js)?[\d.]*$/.test(program);
}

/** Takes `out/.sambench.lock` for this process. @throws UsageError naming the lock when a live bench holds it. */
export function lockOutDir(out: string): void {
  const lock = path.join(out, LOCK_FILE);
  const mine = `${process.pid} ${processStartTime(process.pid) ?? ''}`.trim();
  for (;;) {
    try {
      fs.writeFileSync(lock, `${mine}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        writingTo(lock, () => {
          throw error;
        });
      const holder = readHolder(lock);
      if (holder?.pid === process.pid) return;
      if (holder && holderAlive(holder))
        throw new UsageError(
          `${out} is in use: its lock ${lock} is held by sambench pid ${holder.pid}, which is still running; ` +
            `wait for that bench to finish, or choose another --out (if no sambench is running there, delete ${lock})`,
          false,
          'OUT_LOCKED',
        );
      fs.rmSync(lock, { force: true });
    }
  }
  if (held.size === 0) process.once('exit', releaseLocks);
  held.add(lock);
}

/** Removes every lock this process holds: at exit (a signal ends the process through process.exit, so this runs too). */
export function releaseLocks(): void {
  for (const lock of held) fs.rmSync(lock, { force: true });
  held.clear();
}
