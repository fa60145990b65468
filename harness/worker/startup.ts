// Times a worker's start, phase by phase, for the `env` event's `startup`: what a run costs
// before its first step (npm run bench:time-to-verdict adds these up across a bench).
import { performance } from 'node:perf_hooks';
import type { EnvEvent } from '../../schemas/index.js';

/** The `startup` object of an `env` event. */
export type StartupTimes = NonNullable<EnvEvent['startup']>;

type Phase = Exclude<keyof StartupTimes, 'processMs'>;

/** Laps of one clock: each `lap` is the time since the previous one (the first: since `main` began). */
export class StartupClock {
  // performance.now() counts from the process's start (Node's timeOrigin).
  readonly #processMs = performance.now();
  #last = this.#processMs;
  readonly #laps: Partial<Record<Phase, number>> = {};

  /** Records the time since the last lap as `phase`. */
  lap(phase: Phase): void {
    const now = performance.now();
    this.#laps[phase] = (this.#laps[phase] ?? 0) + (now - this.#last);
    this.#last = now;
  }

  /** The phases so far; a phase never lapped is 0. */
  times(): StartupTimes {
    const laps = this.#laps;
    return { processMs: this.#processMs, frameworkMs: laps.frameworkMs ?? 0, dataMs: laps.dataMs ?? 0, modelMs: laps.modelMs ?? 0 };
  }
}
