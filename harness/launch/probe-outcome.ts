// What a probe's ending means (the protocol: schemas/probe.schema.json): its parameter count, a
// problem of the suite at a JSON pointer (exit 2 before any run; a user's variant's at the suite's
// pointer of that variant), or a crash said with the worker's stderr tail. Pure: model-probe.ts starts the worker.
import { ExitCode, SambenchError } from '../errors.js';
import { stripControl } from '../control-characters.js';
import { parseProbeLine, PROBE_ERROR_EXIT, type ProbeOk } from '../../schemas/index.js';
import { SuiteError } from '../suite/index.js';
import { suitePointer, type ProbedVariant } from './probe-targets.js';

/** How a probe worker ended: its exit code or signal, whether it ran past its limit, what it printed. */
export interface ProbeEnd {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** Why it never started (a spawn error), or null. */
  startError: string | null;
  stdout: string;
  stderr: string;
}

const STDERR_LINES = 15;

/** Which worker ran the probe and for which suite file, for messages. */
export interface ProbeContext {
  suiteFile: string;
  /** The command line that was started, as words (shown on a crash). */
  command: string;
  timeoutMs: number;
  /** The user's variant the probe checks, whose pointer in the suite a `/sam/variant/…` problem gets; none: the model alone. */
  variant?: ProbedVariant | null;
}

// The worker's own words, last lines only, without escape sequences (they reach the terminal).
function tail(stderr: string): string {
  const lines = stripControl(stderr).trimEnd().split('\n').slice(-STDERR_LINES);
  return lines.length === 0 || lines.join('').trim() === '' ? '(its stderr is empty)' : lines.map((l) => `  | ${l}`).join('\n');
}

/**
 * The probe's parameter count and outputs.
 * @throws SuiteError (exit 2) naming the suite file and the key at fault (suitePointer), for a `probe-error`;
 *   SambenchError `MODEL_PROBE_FAILED` (exit 2) with the stderr tail, for any other ending.
 */
export function probeResult(end: ProbeEnd, context: ProbeContext): ProbeOk {
  const parsed = parseProbeLine(end.stdout);
  if (parsed.ok && parsed.line.type === 'probe-error' && end.exitCode === PROBE_ERROR_EXIT) {
    const pointer = suitePointer(parsed.line.pointer, context.variant ?? null);
    throw new SuiteError(context.suiteFile, [{ pointer, message: parsed.line.message }]);
  }
  if (parsed.ok && parsed.line.type === 'probe' && end.exitCode === 0) return parsed.line;
  const how = end.startError
    ? `could not start (${end.startError})`
    : end.timedOut
      ? `ran past its ${Math.round(context.timeoutMs / 1000)} s limit and was stopped`
      : end.signal
        ? `was killed by ${end.signal}`
        : `exited with status ${end.exitCode}${parsed.ok ? '' : ` and ${parsed.problem}`}`;
  throw new SambenchError(
    `${context.suiteFile}: the ${context.variant ? `probe of ${context.variant.at}` : 'model probe'} (${context.command}) ${how}; nothing was run. Its stderr ends:\n${tail(end.stderr)}`,
    'MODEL_PROBE_FAILED',
    ExitCode.badInput,
  );
}
