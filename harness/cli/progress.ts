// Progress of a bench on the terminal: one live line on a TTY, plain lines elsewhere (CI logs).
import type { RunSpec, WorkerEvent } from '../../schemas/index.js';

const PLAIN_EVERY_MS = 5000;

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** Tracks one run's events and prints where the bench is. */
export class Progress {
  private readonly tty: boolean;
  private runStart = 0;
  private lastPlain = 0;
  private readonly benchStart = Date.now();

  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = Boolean(out.isTTY);
  }

  /** A run begins (index is 1-based). */
  start(index: number, spec: RunSpec): (event: WorkerEvent) => void {
    this.runStart = Date.now();
    const steps = spec.steps.warmup + spec.steps.measured;
    this.write(`[${index}/${this.total}] ${spec.id}: starting`, true);
    return (event) => {
      if (event.type !== 'step') return;
      const elapsed = Date.now() - this.runStart;
      const eta = (elapsed / event.i) * (steps - event.i);
      const text = `[${index}/${this.total}] ${spec.id}: step ${event.i}/${steps} (${event.kind}) ${event.ms.toFixed(1)} ms, run ETA ${duration(eta)}`;
      const due = Date.now() - this.lastPlain >= PLAIN_EVERY_MS || event.i === steps;
      this.write(text, due);
    };
  }

  /** A run ended (or was skipped on resume). */
  finish(index: number, spec: RunSpec, status: string): void {
    const done = index / this.total;
    const elapsed = Date.now() - this.benchStart;
    const eta = done > 0 ? (elapsed / done) * (1 - done) : 0;
    this.write(`[${index}/${this.total}] ${spec.id}: ${status} (${duration(Date.now() - this.runStart)}); suite ETA ${duration(eta)}`, true, true);
  }

  private write(text: string, plainDue: boolean, final = false): void {
    if (this.tty) {
      this.out.write(`\r\x1b[2K${text}${final ? '\n' : ''}`);
    } else if (plainDue) {
      this.out.write(`${text}\n`);
      this.lastPlain = Date.now();
    }
  }
}
