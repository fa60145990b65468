// RunResult.status, defined once: whether a run's log (and the launcher's word, when this process
// launched it) makes a finished run. The reduction, the progress line and `--resume` (which keeps
// exactly the runs that are ok) all ask here.
import type { DoneEvent, StepEvent } from '../../schemas/index.js';
import type { RunInput, RunResult } from './run-result.js';

/** The status fields of a RunResult. */
export type RunStatus = Pick<RunResult, 'status' | 'reason' | 'message'>;

// Step numbers are 1, 2, 3, …: a repeated or earlier number means the worker (or an edit of the
// log) broke the protocol, and its step times cannot be trusted to belong to distinct steps. A
// skipped number means a step line the launcher refused (one that broke the events schema, e.g.
// `ms: 0`; the run's warning on stdout lines says which) or an edited log: its time is missing.
function stepOrderProblem(steps: readonly StepEvent[]): string | null {
  for (let k = 0; k < steps.length; k++) {
    const [expected, now] = [k + 1, steps[k]!.i];
    if (now === expected) continue;
    if (k > 0 && now <= steps[k - 1]!.i)
      return `step event ${k + 1} has step number ${now} after ${steps[k - 1]!.i}; a worker must number its steps 1, 2, 3, … (a repeated or earlier number is a worker bug or an edited log)`;
    return `step event ${k + 1} has step number ${now} where ${expected} was due: the log lacks step ${expected}, which the worker did not print or printed broken (the run's warning on stdout lines says how); a worker must number its steps 1, 2, 3, …`;
  }
  return null;
}

// After `done` the worker has said it finished: anything it prints then is no part of the run,
// and a log with it cannot be trusted to hold what was measured (only the launcher's machine
// event, written after the worker exits, may follow). Failing is stricter than ignoring, and a
// worker that does it is broken. `truncated` without a time limit is a worker's claim that
// nothing could have caused.
function doneProblem(input: RunInput, done: DoneEvent): string | null {
  const events = input.events;
  const after = events.slice(events.indexOf(done) + 1).filter((e) => e.type !== 'machine');
  if (after.length > 0) {
    const kinds = [...new Set(after.map((e) => e.type))].join(', ');
    return `the log holds ${after.length} event(s) (${kinds}) after the done event; a worker must print nothing after done`;
  }
  const steps = events.filter((e) => e.type === 'step').length;
  if (done.steps > steps)
    return `the done event counts ${done.steps} steps, but the log holds ${steps}: the worker did not print the others or printed them broken (the run's warning on stdout lines says how)`;
  if (done.truncated === true && input.spec.steps.timeLimitSeconds === null)
    return 'the done event says truncated: true, but the spec has no time limit (steps.timeLimitSeconds is null) that could have stopped the run early';
  return null;
}

// A `done` after fewer measured steps than planned is a finished run only when the time limit
// (steps.timeLimitSeconds) stopped it, which the worker says with `truncated`.
function missingStepsProblem(input: RunInput, steps: readonly StepEvent[], done: DoneEvent): string | null {
  const planned = input.spec.steps.measured;
  const measured = steps.filter((s) => !s.warmup).length;
  if (measured === planned || (done.truncated === true && measured >= 1 && measured < planned)) return null;
  const stopped = done.truncated ? ' (it says the time limit stopped it, but before any measured step)' : '';
  return `the log holds ${measured} measured steps where the spec plans ${planned}${stopped}; redo the run (--resume redoes it)`;
}

/**
 * The status of one run, first failure by precedence: the launcher's reason; an `error` event
 * (`nan` before `worker-error`); step numbers other than 1, 2, 3, … (`protocol-error`); no
 * `done` event (`unfinished`); events after `done`, or `truncated` without a time limit
 * (`protocol-error`); other than the planned measured steps (`incomplete`). Else ok.
 */
export function runStatus(input: RunInput): RunStatus {
  const { events, outcome } = input;
  if (outcome?.status === 'failed') return { status: 'failed', reason: outcome.reason ?? 'crash', message: outcome.message ?? null };
  const errors = events.filter((e) => e.type === 'error');
  const error = errors.find((e) => e.reason === 'nan') ?? errors[0];
  if (error) return { status: 'failed', reason: error.reason, message: error.message };
  const steps = events.filter((e): e is StepEvent => e.type === 'step');
  const disorder = stepOrderProblem(steps);
  if (disorder) return { status: 'failed', reason: 'protocol-error', message: disorder };
  const done = events.find((e): e is DoneEvent => e.type === 'done');
  if (!done) {
    const planned = input.spec.steps.warmup + input.spec.steps.measured;
    const message = `the log ends after ${steps.length} of ${planned} steps without a done event: the worker stopped early (see its stderr log) or has not finished`;
    return { status: 'failed', reason: 'unfinished', message };
  }
  const broken = doneProblem(input, done);
  if (broken) return { status: 'failed', reason: 'protocol-error', message: broken };
  const missing = missingStepsProblem(input, steps, done);
  if (missing) return { status: 'failed', reason: 'incomplete', message: missing };
  return { status: 'ok', reason: null, message: null };
}
