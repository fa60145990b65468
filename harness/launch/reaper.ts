// How a worker is started so that nothing it starts outlives its run or its launcher. Node cannot
// call prctl, so on Linux the worker runs under reaper.py (a child subreaper that dies with the
// launcher and kills every descendant when the worker ends), started with the project's Python
// (.venv) or python3 from PATH; without a working Python, under `setpriv --pdeathsig KILL`
// (util-linux), which only makes the worker itself die with the launcher; with neither, bare.
// Whichever is missing is said once per process, never as an error.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths.js';
import { printErr } from '../terminal-output.js';
import type { WorkerCommand } from './worker-command.js';

const REAPER = path.join(PROJECT_ROOT, 'harness', 'launch', 'reaper.py');

/** How workers are started here: `wrap` puts the guard in front of a worker, `stopSignal` ends a run at once with all it started. */
export interface ProcessGuard {
  readonly kind: 'reaper' | 'pdeathsig' | 'none';
  wrap(worker: WorkerCommand, launcherPid: number): WorkerCommand;
  /** Sent to the started process's group for a hard stop: SIGHUP asks the reaper to kill everything and end; else SIGKILL. */
  readonly stopSignal: NodeJS.Signals;
}

/** The guard that runs reaper.py with `python`. */
export function reaperGuard(python: string): ProcessGuard {
  return {
    kind: 'reaper',
    stopSignal: 'SIGHUP',
    wrap: (worker, launcherPid) => ({
      ...worker,
      command: python,
      args: ['-I', REAPER, String(launcherPid), worker.command, ...worker.args],
    }),
  };
}

/** The guard that only makes the worker die with its launcher (util-linux's setpriv). */
export const pdeathsigGuard: ProcessGuard = {
  kind: 'pdeathsig',
  stopSignal: 'SIGKILL',
  wrap: (worker) => ({ ...worker, command: 'setpriv', args: ['--pdeathsig', 'KILL', '--', worker.command, ...worker.args] }),
};

/** No guard: the worker's own launcher watch and the group kill at the end of a run are all there is. */
export const noGuard: ProcessGuard = { kind: 'none', stopSignal: 'SIGKILL', wrap: (worker) => worker };

let chosen: ProcessGuard | undefined;

// Probed once per process by guarding `true` (a few tens of milliseconds), so a Python that cannot
// run reaper.py (too old, no ctypes, a broken shim) degrades instead of failing every run.
/** The best guard this machine allows; says once on stderr what is missing. */
export function processGuard(): ProcessGuard {
  if (chosen) return chosen;
  chosen = chooseGuard();
  if (chosen.kind !== 'reaper') {
    const why = process.platform === 'linux' ? `no python3 (3.7 or later) could run ${path.basename(REAPER)}` : 'not Linux';
    const lost = 'a process a worker starts in a session of its own (setsid) can outlive its run';
    const also = chosen.kind === 'none' ? ', and a worker busy in a long native step outlives a killed sambench by that step' : '';
    printErr(`sambench: note: ${why}: ${lost}${also}`);
  }
  return chosen;
}

const VENV_PYTHON = path.join(PROJECT_ROOT, '.venv', 'bin', 'python');

/** The first guard that works here, trying reaper.py under each of `pythons` in turn (the project's .venv, then python3), then setpriv. */
export function chooseGuard(
  pythons: readonly string[] = fs.existsSync(VENV_PYTHON) ? [VENV_PYTHON, 'python3'] : ['python3'],
): ProcessGuard {
  if (process.platform !== 'linux') return noGuard;
  for (const python of pythons) if (works(python, ['-I', REAPER, String(process.pid), 'true'])) return reaperGuard(python);
  return works('setpriv', ['--pdeathsig', 'KILL', '--', 'true']) ? pdeathsigGuard : noGuard;
}

function works(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

// A guard starts the worker itself, so a worker that cannot be found would read as the guard's
// failure (exit 127): the launcher looks first, and starts a missing one bare for Node's own error.
/** Whether `command` is an executable file (by path, or on `PATH`). */
export function programExists(command: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const places = command.includes('/') ? [command] : (env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir || '.', command));
  return places.some(executable);
}

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
