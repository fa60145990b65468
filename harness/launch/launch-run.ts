// Runs one RunSpec in its own worker process: writes the spec, starts the worker without a
// shell, appends each valid event line to <id>.jsonl as it arrives (any other stdout line to
// <id>.stdout.log), enforces the timeout, and returns the outcome as data (execa's `reject: false` style).
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import type { RunSpec, WorkerEvent } from '../../schemas/index.js';
import { LAUNCHER_PID_ENV } from '../../schemas/index.js';
import { signalGroup, startDeadline } from './deadline.js';
import { appendLine, collectEvents, openNewLog, type StdoutSummary } from './event-log.js';
import { LoadWindow } from './machine-load.js';
import { runOutcome, type RunOutcome, type WorkerExit } from './run-outcome.js';
import { runFiles } from './run-files.js';
import { processGuard, programExists, type ProcessGuard } from './reaper.js';
import { waitForEnd, type ProcessEnd } from './run-end.js';
import { makeFolders, writeOutputFile, writingTo } from '../output-file.js';
import { StdoutLog } from './stdout-log.js';
import type { WorkerCommand } from './worker-command.js';

/** How to launch a run. */
export interface LaunchOptions {
  /** Folder for `<id>.spec.json`, `<id>.jsonl`, `<id>.stderr.log` and `<id>.stdout.log`; created if missing. */
  runsDir: string;
  /** The worker program, started without a shell as `command ...args <specFile>`. */
  worker: WorkerCommand;
  /** Hard limit in milliseconds; then SIGTERM, and SIGKILL after `killGraceMs`. @default spec.timeoutSeconds * 1000 */
  timeoutMs?: number;
  /** Milliseconds between SIGTERM and SIGKILL for a worker that timed out. @default 2000 */
  killGraceMs?: number;
  /** Called with each valid event, after it is on disk (for progress). */
  onEvent?: (event: WorkerEvent) => void;
  /** Extra environment variables for the worker (added to the parent's). */
  env?: Record<string, string>;
  /** How the worker is started so that nothing it starts outlives the run. @default processGuard(), the best this machine allows */
  guard?: ProcessGuard;
}

const DEFAULT_KILL_GRACE_MS = 2000;

/**
 * Runs `spec` in a fresh worker process and collects its events.
 * A failed run is returned as `{status: 'failed', reason, ...}`, never thrown.
 * @throws Error when `<runsDir>/<id>.jsonl` already exists (call `clearRunLog` to redo a run);
 * OutputError (exit 2) when a file of the run cannot be written (a full disk, a read-only
 * folder), after killing the worker's process group.
 */
export async function launchRun(spec: RunSpec, options: LaunchOptions): Promise<RunOutcome> {
  const timeoutMs = options.timeoutMs ?? spec.timeoutSeconds * 1000;
  const killGraceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  checkPositive('timeoutMs', timeoutMs);
  checkPositive('killGraceMs', killGraceMs);
  const files = runFiles(options.runsDir, spec.id);
  writingTo(options.runsDir, () => makeFolders(options.runsDir));
  const log = openNewLog(files.events);
  try {
    writeOutputFile(files.spec, `${JSON.stringify(spec, null, 2)}\n`);
    const guard = options.guard ?? processGuard();
    const env = { ...options.worker.env, ...options.env, [LAUNCHER_PID_ENV]: String(process.pid) };
    const started = performance.now();
    // A worker that cannot be found is started bare, so Node's spawn error says so (a guard would exit 127).
    const found = programExists(options.worker.command, { ...process.env, ...env });
    const command = found ? guard.wrap(options.worker, process.pid) : options.worker;
    const subprocess = execa(command.command, [...command.args, files.spec], {
      reject: false,
      // Its own process group, so the end of a run kills everything it started (run-end.ts,
      // deadline.ts); the guard (reaper.ts) also reaches what leaves the group, and stops it all
      // when this process is gone, as the worker does itself (LAUNCHER_PID_ENV).
      detached: true,
      stdin: 'ignore',
      stderr: { file: files.stderr },
      buffer: false,
      env,
      ...(command.cwd === undefined ? {} : { cwd: command.cwd }),
    });
    const deadline = startDeadline(subprocess, timeoutMs, killGraceMs, guard.stopSignal);
    const load = new LoadWindow();
    const stdout: StdoutSummary = { events: [], bad: new StdoutLog(files.stdoutLog) };
    let result: ProcessEnd;
    try {
      const reading = collectEvents(
        subprocess,
        log,
        stdout,
        (event) => {
          load.observe(event);
          options.onEvent?.(event);
        },
        // Leaving the loop waits for the worker to exit: stop it first.
        () => signalGroup(subprocess, guard.stopSignal),
      );
      result = await waitForEnd(subprocess, reading, deadline);
    } finally {
      deadline.cancel();
      stdout.bad.close();
    }
    const machine = load.event();
    if (machine) {
      appendLine(log, JSON.stringify(machine));
      stdout.events.push(machine);
    }
    const wallMs = performance.now() - started;
    const exit = toWorkerExit(result, deadline.timedOut());
    const badLines = stdout.bad.warning();
    const warnings = badLines ? [badLines] : [];
    return runOutcome(spec, exit, { events: stdout.events, wallMs, warnings, timeoutMs, stderrFile: files.stderr });
  } finally {
    fs.closeSync(log.fd);
  }
}

// Neither an exit code nor a signal: the worker never ran (execa's spawn error).
function toWorkerExit(result: ProcessEnd, timedOut: boolean): WorkerExit {
  const started = result.exitCode !== undefined || result.signal !== undefined;
  return {
    exitCode: result.exitCode ?? null,
    signal: result.signal ?? null,
    timedOut,
    startError: started ? null : (result.originalMessage ?? result.shortMessage ?? 'unknown spawn error'),
  };
}

function checkPositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(
      `launchRun option \`${name}\` must be a finite number of milliseconds > 0; got ${String(value)} (${typeof value})`,
    );
  }
}
