// Whether a process still exists: the launcher's folder lock and the worker's watch on its
// launcher both ask it of a pid they were given.

/** Whether no process `pid` exists any more (signal 0 only checks; EPERM means it exists, owned by someone else). */
export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
