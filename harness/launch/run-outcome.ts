// What became of one run, as data: `ok`, or `failed` with one reason chosen by precedence
// (timeout > nan > worker-error > signal > crash) and a one-line message for the user.
import type { ErrorEvent, RunSpec, WorkerEvent } from '../../schemas/index.js';
import { readTail } from './stderr-tail.js';

/** Why a run failed; one per run, see {@link failureReason} for the precedence. */
export type FailureReason = 'timeout' | 'signal' | 'crash' | 'nan' | 'worker-error';

interface OutcomeCommon {
  runId: string;
  /** Every valid event the worker printed, in order (also in `<runsDir>/<id>.jsonl`). */
  events: WorkerEvent[];
  /** Wall-clock milliseconds from starting the worker to its exit. */
  wallMs: number;
  /** Doubts that did not fail the run, e.g. stdout lines that were not events. */
  warnings: string[];
}

/** A run whose worker exited with code 0 after a `done` event. */
export interface RunOk extends OutcomeCommon {
  status: 'ok';
}

/** A run that did not finish; its events up to the failure are kept. */
export interface RunFailed extends OutcomeCommon {
  status: 'failed';
  reason: FailureReason;
  /** null when the worker was killed by a signal or never started. */
  exitCode: number | null;
  /** Name of the signal that ended the worker, e.g. 'SIGKILL'. */
  signal: string | null;
  /** One line in the user's words; does not repeat the run id. */
  message: string;
  /** The last lines (up to 20) the worker wrote to stderr. */
  stderrTail: string;
}

/** The result of launching one run. */
export type RunOutcome = RunOk | RunFailed;

/** How the worker process ended, as far as the reason for a failure goes. */
export interface WorkerExit {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** Set when the worker could not be started at all (e.g. `spawn foo ENOENT`). */
  startError: string | null;
}

// execa's getErrorPrefix style: test the causes in a fixed order, first match wins.
/** The one reason a run failed, or null when it is ok (exit code 0, a `done` event, no `error` event). */
export function failureReason(exit: WorkerExit, events: readonly WorkerEvent[]): FailureReason | null {
  if (exit.timedOut) return 'timeout';
  const errors = events.filter((event) => event.type === 'error');
  if (errors.some((event) => event.reason === 'nan')) return 'nan';
  if (errors.length > 0) return 'worker-error';
  if (exit.signal !== null) return 'signal';
  if (exit.exitCode !== 0 || !events.some((event) => event.type === 'done')) return 'crash';
  return null;
}

/** What the user needs to read a failure, beyond the exit and the events. */
export interface FailureContext {
  timeoutMs: number;
  /** Steps the spec asks for, warm-up included. */
  plannedSteps: number;
  stderrTail: string;
}

/** One line saying why the run failed, in the user's words (suite keys, not internals). */
export function failureMessage(reason: FailureReason, exit: WorkerExit, events: readonly WorkerEvent[], context: FailureContext): string {
  const wanted = reason === 'nan' ? 'nan' : 'worker-error';
  const error = events.find((event): event is ErrorEvent => event.type === 'error' && event.reason === wanted);
  const atStep = error?.step !== undefined ? ` at step ${error.step}` : '';
  switch (reason) {
    case 'timeout':
      return `timed out after ${seconds(context.timeoutMs)} (${progress(events, context.plannedSteps)}) and was killed; raise limits.runTimeoutSeconds if the run needs longer`;
    case 'nan':
      return `the run diverged${atStep}: ${oneLine(error?.message ?? '')}; try a lower learning rate or rho`;
    case 'worker-error':
      return `the worker failed${atStep}: ${oneLine(error?.message ?? '')}`;
    case 'signal':
      return `the worker was killed by ${exit.signal ?? 'a signal'} (${progress(events, context.plannedSteps)})${exit.signal === 'SIGKILL' ? '; the system may have run out of memory' : ''}`;
    case 'crash': {
      if (exit.startError !== null) return `the worker could not be started: ${oneLine(exit.startError)}`;
      const said = lastErrorLine(context.stderrTail);
      const how =
        exit.exitCode === 0
          ? 'exited with code 0 before reporting done'
          : exit.exitCode === null
            ? 'ended without an exit code'
            : `exited with code ${exit.exitCode}`;
      return `the worker ${how} (${progress(events, context.plannedSteps)})${said ? `: ${said}` : ''}`;
    }
  }
}

/** What a launcher knows of a run that ended, besides how its worker exited. */
export interface RunEnd {
  events: WorkerEvent[];
  wallMs: number;
  warnings: string[];
  /** The limit the run ran under, in milliseconds. */
  timeoutMs: number;
  /** The worker's stderr log, whose last lines a failure keeps. */
  stderrFile: string;
  /** Said after a failure's message, e.g. how Slurm saw the task end. */
  note?: string;
}

/** The outcome of a run that ended: ok, or failed with its one reason and message. */
export function runOutcome(spec: RunSpec, exit: WorkerExit, end: RunEnd): RunOutcome {
  const common = { runId: spec.id, events: end.events, wallMs: end.wallMs, warnings: end.warnings };
  const reason = failureReason(exit, end.events);
  if (reason === null) return { status: 'ok', ...common, warnings: [...end.warnings, ...noEnvironment(end.events)] };
  const stderrTail = readTail(end.stderrFile);
  const plannedSteps = spec.steps.warmup + spec.steps.measured;
  const said = failureMessage(reason, exit, end.events, { timeoutMs: end.timeoutMs, plannedSteps, stderrTail });
  const message = end.note ? `${said} (${end.note})` : said;
  return { status: 'failed', ...common, reason, exitCode: exit.exitCode, signal: exit.signal, message, stderrTail };
}

// The env event says where a run measured: a run without one (none printed, or one the schema
// refused, which the warning on stdout lines names) keeps its times, but never silently.
function noEnvironment(events: readonly WorkerEvent[]): string[] {
  if (events.some((event) => event.type === 'env')) return [];
  return ['the worker printed no valid env event: the machine and software this run measured on are unknown'];
}

// What a clipped message keeps of its start when a fix command follows.
const MIN_HEAD = 60;

function progress(events: readonly WorkerEvent[], plannedSteps: number): string {
  const steps = events.filter((event) => event.type === 'step').length;
  return `after ${steps} of ${plannedSteps} steps`;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

// Node and Python both end a crash report with noise after the error line
// (stack frames, "Node.js v20..."): take the last line that is neither.
function lastErrorLine(stderrTail: string): string {
  const lines = stderrTail.split('\n').map((line) => line.trim());
  const said = lines.reverse().find((line) => line !== '' && !/^at\s/.test(line) && !/^Node\.js v\d/.test(line) && line !== '^');
  return said ? oneLine(said) : '';
}

// A command in backticks is the fix the user copies: a clip never cuts one and never drops
// one. The sentence holding it is kept whole, and the text before it is what gets clipped.
function oneLine(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const command = line.indexOf('`');
  const close = command === -1 ? -1 : line.indexOf('`', command + 1) + 1 || line.length;
  if (close <= max - 1) return `${line.slice(0, max - 1)}…`;
  const sentence = line.lastIndexOf('. ', command);
  const start = sentence === -1 ? command : sentence + 2;
  const stop = line.indexOf('. ', close);
  let tail = line.slice(start, stop === -1 ? line.length : stop + 1);
  if (tail.length > max - MIN_HEAD) tail = line.slice(command, close);
  const head = Math.max(MIN_HEAD, max - tail.length - 3);
  if (start <= head) return `${line.slice(0, close)}…`;
  const rest = line.indexOf(tail, start) + tail.length < line.length ? '…' : '';
  return `${line.slice(0, head)}… ${tail}${rest}`;
}
