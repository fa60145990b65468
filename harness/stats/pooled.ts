// Pooling one estimate over several runs (seeds, rho values) of the same setting.
import { toSamples } from './samples.js';
import { computeStatistics } from './statistics.js';

/** An estimate with its 95% interval. */
export interface Estimate {
  value: number;
  ci95: [number, number];
}

/** A per-run value without its own interval (the accuracy of one run is one number). */
export const exact = (value: number): Estimate => ({ value, ci95: [value, value] });

// Their mean, with a t-interval from the spread between runs, which (unlike each run's
// bootstrap interval) also holds the process-to-process noise of a shared machine. One run
// keeps its own interval.
/** Pools run-level estimates; null when there are none. */
export function pooled(estimates: Estimate[]): Estimate | null {
  if (estimates.length === 0) return null;
  if (estimates.length === 1) return estimates[0]!;
  const { mean, ci95 } = computeStatistics(
    toSamples(
      estimates.map((e) => e.value),
      'run estimates',
    ),
  );
  return { value: mean, ci95 };
}
