// Questions about another process by its pid: whether it still exists, when it started and what
// it runs. The launcher's folder lock and the worker's watch on its launcher ask them.
import fs from 'node:fs';

/** Whether no process `pid` exists any more (signal 0 only checks; EPERM means it exists, owned by someone else). */
export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * When process `pid` started, in clock ticks since boot (/proc/<pid>/stat field 22): with the pid,
 * it names one process, since a pid is reused once its process is gone. Null where /proc is not
 * (not Linux) or the process is gone.
 */
export function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2, the command name in parentheses, may hold spaces and parentheses: count after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[22 - 3] ?? null;
  } catch {
    return null;
  }
}

/** The program process `pid` runs (the first word of /proc/<pid>/cmdline, e.g. `/usr/bin/node`); null where unknown. */
export function processProgram(pid: number): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] || null;
  } catch {
    return null;
  }
}
