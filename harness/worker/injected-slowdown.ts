// A known slowdown injected into every timed step, so calibration and tests can check that a
// regression of that size is detected (docs/statistics.md, "Noise"). Busy-waits rather than sleeps: a real
// regression costs CPU time as well as wall time, and both are measured.
import { performance } from 'node:perf_hooks';
import { INJECT_SLOWDOWN_ENV } from '../../schemas/index.js';

/**
 * The injected fraction from `env`, 0 when unset.
 * @throws Error naming the variable when it is not a finite number ≥ 0.
 */
export function injectedSlowdown(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[INJECT_SLOWDOWN_ENV];
  if (raw === undefined || raw.trim() === '') return 0;
  const fraction = Number(raw);
  if (!Number.isFinite(fraction) || fraction < 0) {
    throw new Error(`${INJECT_SLOWDOWN_ENV} must be a number ≥ 0, the fraction by which every step is made slower (got "${raw}")`);
  }
  return fraction;
}

/** Spins (keeps one core busy) for `ms` milliseconds. */
export function spinFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy on purpose: see the file comment
  }
}
