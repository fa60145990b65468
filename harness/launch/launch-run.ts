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
    const started = performance.now();
    const subprocess = execa(options.worker.command, [...options.worker.args, files.spec], {
      reject: false,
      // Its own process group, so a timeout kills everything it started (deadline.ts); the
      // worker stops by itself when this process is gone (LAUNCHER_PID_ENV).
      detached: true,
      stdin: 'ignore',
      stderr: { file: files.stderr },
      buffer: false,
      env: { ...options.worker.env, ...options.env, [LAUNCHER_PID_ENV]: String(process.pid) },
    });
    const deadline = startDeadline(subprocess, timeoutMs, killGraceMs);
    const load = new LoadWindow();
    const stdout: StdoutSummary = { events: [], bad: new StdoutLog(files.stdoutLog) };
    let result: ExecaEnd;
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
        () => signalGroup(subprocess, 'SIGKILL'),
      ).then(() => subprocess);
      // A killed worker whose escaped descendant keeps stdout open ends the wait by the deadline.
      reading.catch(() => {});
      result = await Promise.race([reading, deadline.gaveUp.then((): ExecaEnd => ({ signal: 'SIGKILL' }))]);
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

/** The fields of an execa result (with `reject: false`) that say how the worker ended. */
interface ExecaEnd {
  exitCode?: number;
  signal?: string;
  originalMessage?: string;
  shortMessage?: string;
}

// Neither an exit code nor a signal: the worker never ran (execa's spawn error).
function toWorkerExit(result: ExecaEnd, timedOut: boolean): WorkerExit {
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
