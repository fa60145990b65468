// Progress of a bench on the terminal: one live line on a TTY, plain lines elsewhere (CI logs,
// TERM=dumb): a run's start and end, and a step line every few seconds. Printed through
// terminal-output.ts, which strips what a run id could carry and owns the live line's codes.
import type { RunSpec, WorkerEvent } from '../../schemas/index.js';
import { terminalWriter, type TerminalWriter } from '../terminal-output.js';
import type { RunEvent } from './bench-events.js';

const PLAIN_EVERY_MS = 5000;

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** Tracks one run's events and prints where the bench is. */
export class Progress {
  private readonly writer: TerminalWriter;
  // When each run under way began, by index: a launcher may run several at once.
  private readonly runStart = new Map<number, number>();
  private lastPlain = 0;
  // Runs launched in this process and the time they took: the ETA's rate (kept runs take none).
  private launched = 0;
  private launchedMs = 0;

  constructor(
    private readonly total: number,
    out: NodeJS.WriteStream = process.stderr,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.writer = terminalWriter(out, env);
  }

  /** A run begins (index is 1-based). */
  start(index: number, spec: RunSpec): (event: WorkerEvent) => void {
    const startedAt = Date.now();
    this.runStart.set(index, startedAt);
    const steps = spec.steps.warmup + spec.steps.measured;
    this.write(`[${index}/${this.total}] ${spec.id}: starting`, true);
    return (event) => {
      if (event.type !== 'step') return;
      const elapsed = Date.now() - startedAt;
      const eta = (elapsed / event.i) * (steps - event.i);
      const text = `[${index}/${this.total}] ${spec.id}: step ${event.i}/${steps} (${event.kind}) ${event.ms.toFixed(1)} ms, run ETA ${duration(eta)}`;
      const due = Date.now() - this.lastPlain >= PLAIN_EVERY_MS || event.i === steps;
      this.write(text, due);
    };
  }

  /** A run finished earlier was kept (resume): nothing ran, so no duration. */
  keep(index: number, spec: RunSpec): void {
    this.write(`[${index}/${this.total}] ${spec.id}: finished earlier, kept`, true, true);
  }

  /** A launched run ended with `status`. */
  finish(index: number, spec: RunSpec, status: string): void {
    const ranMs = Date.now() - (this.runStart.get(index) ?? Date.now());
    this.runStart.delete(index);
    this.launched += 1;
    this.launchedMs += ranMs;
    const eta = (this.launchedMs / this.launched) * (this.total - index);
    this.write(`[${index}/${this.total}] ${spec.id}: ${status} (${duration(ranMs)}); suite ETA ${duration(eta)}`, true, true);
  }

  private write(text: string, plainDue: boolean, final = false): void {
    if (this.writer.live) {
      this.writer.redraw(text, final);
    } else if (plainDue) {
      this.writer.line(text);
      this.lastPlain = Date.now();
    }
  }
}

// A run's end as the progress line says it.
function endText(event: Extract<RunEvent, { type: 'run-end' }>): string {
  const warned = event.warnings.map((w) => `; warning: ${w}`).join('');
  if (event.status === 'ok') return `ok${warned}`;
  return `FAILED (${event.reason}): ${event.message ?? 'no message'}; stderr: ${event.stderr}${warned}`;
}

// The CLI's listener for a bench's run events (executeJobs' default).
/** Prints run events as {@link Progress} lines on `out` (stderr unless a test gives another). */
export function progressPrinter(out: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): (event: RunEvent) => void {
  let progress: Progress | null = null;
  const sinks = new Map<number, (event: WorkerEvent) => void>();
  return (event) => {
    progress ??= new Progress(event.total, out, env);
    if (event.type === 'run-start') sinks.set(event.index, progress.start(event.index, event.spec));
    else if (event.type === 'run-event') sinks.get(event.index)?.(event.event);
    else if (event.type === 'run-kept') progress.keep(event.index, event.spec);
    else {
      sinks.delete(event.index);
      progress.finish(event.index, event.spec, endText(event));
    }
  };
}
