// A worker started by the launcher stops when the launcher is gone (killed with -9, crashed):
// it checks the launcher's pid every second. Opt-in through the environment, so a worker run by
// hand or by a batch system (stdin from /dev/null, another parent) is left alone. The fallback
// only: the launcher's guard (launch/reaper.ts) has the kernel stop the worker at once, which this
// timer cannot do while the main thread is inside a native op.
import { LAUNCHER_PID_ENV } from '../../schemas/index.js';
import { processGone } from '../processes.js';

const CHECK_EVERY_MS = 1000;

/** Calls `onGone` once the launcher named in `env` has exited; does nothing without one. The timer never keeps the process alive. */
export function watchLauncher(onGone: () => void, env: NodeJS.ProcessEnv = process.env): void {
  const pid = Number(env[LAUNCHER_PID_ENV]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  const timer = setInterval(() => {
    if (!processGone(pid)) return;
    clearInterval(timer);
    onGone();
  }, CHECK_EVERY_MS);
  timer.unref();
}
