// A relative change between two small sets of per-process values (median step times, ratios):
// the difference of their mean logarithms with a pooled two-sample t-interval. The unit is the
// process, so the interval holds the process-to-process noise of a shared machine.
import { mean } from './samples.js';
import { studentTQuantile } from './student-t.js';

// Both geometric means, for the report, beside the shift and its interval.
/** The outcome of {@link logShift}; every relative figure is current / baseline − 1. */
export interface LogShift {
  /** Geometric mean of the baseline values (their unit). */
  baseline: number;
  /** Geometric mean of the current values (their unit). */
  current: number;
  /** current / baseline − 1, i.e. exp(mean ln c − mean ln b) − 1. */
  change: number;
  /** Interval of `change` at `level`. */
  ci: [number, number];
  level: number;
  /** Pooled standard deviation of the log values (≈ relative process-to-process spread). */
  sd: number;
  /** Standard error of the log shift, sd · √(1/n₁ + 1/n₂). */
  se: number;
  /** Degrees of freedom, n₁ + n₂ − 2. */
  df: number;
}

const sumOfSquares = (xs: readonly number[]) => {
  const m = mean(xs);
  return xs.reduce((sum, x) => sum + (x - m) ** 2, 0);
};

// Logs, because machine noise is multiplicative (a busy core makes every step some percent
// slower) and the per-process value is a location over tens of steps, near normal. A t-interval,
// not a rank method: with 3 processes per side no rank test can reach p < 0.1 (2 / C(6, 3)), so a
// distribution-free interval could never decide at the usual alpha. One pooled spread, because
// both sides ran on the same machine class; it also lets a side of one process borrow the other's.
/**
 * Student's two-sample t-interval, at coverage 1 − `alpha`, of mean(ln current) − mean(ln baseline),
 * returned as a relative change. Values must be positive; null when n₁ + n₂ < 3 (no spread to
 * estimate) or either side is empty.
 */
export function logShift(baseline: readonly number[], current: readonly number[], alpha: number): LogShift | null {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`logShift needs alpha in (0, 1); got ${alpha}`);
  const bad = [...baseline, ...current].find((x) => !(x > 0 && Number.isFinite(x)));
  if (bad !== undefined) throw new RangeError(`logShift needs positive finite values; got ${bad}`);
  const n1 = baseline.length;
  const n2 = current.length;
  if (n1 === 0 || n2 === 0 || n1 + n2 < 3) return null;
  const x = baseline.map(Math.log);
  const y = current.map(Math.log);
  const df = n1 + n2 - 2;
  // s² = (Σ(x − x̄)² + Σ(y − ȳ)²) / (n₁ + n₂ − 2); se = s · √(1/n₁ + 1/n₂)
  const sd = Math.sqrt((sumOfSquares(x) + sumOfSquares(y)) / df);
  const se = sd * Math.sqrt(1 / n1 + 1 / n2);
  // d = ȳ − x̄; interval exp(d ± t(1 − α/2, df) · se) − 1
  const d = mean(y) - mean(x);
  const half = studentTQuantile(1 - alpha / 2, df) * se;
  return {
    baseline: Math.exp(mean(x)),
    current: Math.exp(mean(y)),
    change: Math.expm1(d),
    ci: [Math.expm1(d - half), Math.expm1(d + half)],
    level: 1 - alpha,
    sd,
    se,
    df,
  };
}
