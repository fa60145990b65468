// The cost model of SAM every k steps: with r = SAM step / base step, a run whose every k-th
// step is a SAM step takes (k − 1 + r) / k base steps per step, i.e. (r − 1) / k more time.
import { lowerMedian } from './samples.js';

// The prediction the slowdown-law verdict and the slowdown chart hold measurements against.
/** Predicted slowdown (0.07 = 7 % slower) of SAM at `interval` k from the SAM/base step ratio r. */
export function predictedSlowdown(ratio: number, interval: number): number {
  // predicted slowdown = (r − 1) / k
  return (ratio - 1) / interval;
}

// A random schedule's SAM steps are not every k-th: the fraction f of SAM steps measured takes 1/k's place.
/** Predicted slowdown of a run whose measured steps were a fraction `samFraction` SAM steps: (r − 1) · f. */
export function predictedSlowdownAtFraction(ratio: number, samFraction: number): number {
  // predicted slowdown = (r − 1) · f, which is (r − 1) / k for f = 1/k
  return (ratio - 1) * samFraction;
}

// LookSAM: SAM every k-th step, and the steps between cost one pass plus the reuse's vector ops.
/**
 * Predicted slowdown of a LookSAM run: (1 + q)·(1 + (r − 1)/k) − 1, i.e. (r − 1)/k plus the reuse
 * overhead q·(1 + (r − 1)/k), where r is the SAM step over the run's own single-pass (reuse) step
 * and q = reuse step / plain step − 1 (0 when unknown: then (r − 1)/k).
 */
export function predictedSlowdownWithReuse(ratio: number, interval: number, reuseOverhead: number): number {
  return (1 + reuseOverhead) * (1 + (ratio - 1) / interval) - 1;
}

// One r for a whole suite: a real run's ratio (the lower median), so it never averages two runs.
/** The r of the (r − 1)/k law over several runs' SAM/base step ratios; null when there are none. */
export function lawRatio(ratios: readonly number[]): number | null {
  return lowerMedian(ratios);
}
