// The metrics of one matched configuration. Timing metrics are decided at the process level: one
// value per process (process-values.ts), a t-interval of the log shift (stats/log-shift.ts) and
// the minimum detectable effect at that budget. Final accuracy, one value per configuration (its
// processes train alike), by a binomial interval. One rule for all: a change counts only when
// its whole interval lies beyond the minimum effect.
import type { RunResult } from '../measure/index.js';
import { logShift, minimumDetectableEffect, proportionDifferenceInterval } from '../stats/index.js';

// Direction is the user's: slower steps regressed, higher accuracy improved. `unresolved`: the
// steps of one process per side show a change, but nothing says it exceeds process-to-process noise.
/** What a metric did from baseline to current, seen from the user's side. */
export type Verdict = 'improved' | 'unchanged' | 'regressed' | 'unresolved';

// Row labels of the report.
/** The metrics compared per configuration (those both sides have). */
export type MetricName = 'base step' | 'SAM step' | 'SAM/base ratio' | 'slowdown' | 'within-run slowdown' | 'final accuracy';

// One set of thresholds for every metric of a comparison.
/** Thresholds and bootstrap settings of a comparison, all resolved. */
export interface DecisionOptions {
  /** Significance level of every test; intervals have coverage 1 − alpha. */
  alpha: number;
  /** Smallest relative change that counts (0.05 = 5 %): the interval must lie wholly beyond it. */
  minEffect: number;
  /** Bootstrap resamples (one process per side only). */
  resamples: number;
  seed: number;
}

// Power of the printed MDE: the usual 80 %.
/** Probability with which a change of the MDE is flagged. */
export const MDE_POWER = 0.8;

// Shown in the report's test column: an interval or, one process per side, a step-level test.
/** How a metric was decided; every `ci` is of the relative change, except binomial's (of the difference). */
export type Evidence =
  | { test: 'process-t'; ci: [number, number]; level: number; df: number }
  | { test: 'mann-whitney'; p: number }
  | { test: 'bootstrap' | 'binomial'; ci: [number, number]; level: number };

// Structured, so format.ts words every caveat in one place.
/** Why a verdict says less than it seems to. */
export type Caveat =
  /** One process per side: step-level evidence, blind to process-to-process noise. */
  | { kind: 'one-process' }
  /** The step-level rank test cannot reach alpha with so few steps. */
  | { kind: 'too-few-steps'; steps: [number, number] }
  /** Significant, but the interval reaches inside ±minEffect: maybe smaller than what counts. */
  | { kind: 'inside-min-effect' };

// One row of the report.
/** One metric of one matched configuration. */
export interface MetricComparison {
  metric: MetricName;
  /** Step times are ms, ratio and accuracy unitless, slowdown a fraction (0.07 = 7 %); over processes, geometric means. */
  baseline: number;
  current: number;
  /** Relative change current / baseline − 1; for slowdown, of (1 + slowdown), i.e. of the mean step time ratio. */
  change: number;
  evidence: Evidence;
  verdict: Verdict;
  /** Processes behind each side's value (accuracy: 1 each, its processes train alike). */
  processes: [number, number];
  /** Relative change flagged with `MDE_POWER` (80 % power) at this budget; null when no process-level spread exists. */
  mde: number | null;
  caveat: Caveat | null;
}

// The interval must clear the minimum effect, not just zero: "at least 5 %" means the interval
// says at least 5 %, not the point estimate. With minEffect 0 it is a plain significance test.
/** The verdict for an interval `ci` of a relative change at coverage 1 − alpha. */
export function decide(ci: readonly [number, number], minEffect: number, higherIsBetter: boolean): Verdict {
  const up = ci[0] > minEffect;
  const down = ci[1] < -minEffect;
  if (!up && !down) return 'unchanged';
  return up === higherIsBetter ? 'improved' : 'regressed';
}

// Excludes 0 but not the minimum effect: worth a caveat, not a verdict.
function caveatOf(ci: readonly [number, number], verdict: Verdict): Caveat | null {
  return verdict === 'unchanged' && (ci[0] > 0 || ci[1] < 0) ? { kind: 'inside-min-effect' } : null;
}

// Used when at least one side has two processes; the other side may have one (it borrows the spread).
/**
 * Decides a timing metric from per-process values (positive; higher is worse) by the t-interval of
 * the log shift and {@link decide}; null when there are fewer than 3 values in all.
 */
export function compareProcesses(
  metric: MetricName,
  baseline: readonly number[],
  current: readonly number[],
  o: DecisionOptions,
): MetricComparison | null {
  const shift = logShift(baseline, current, o.alpha);
  if (!shift) return null;
  const slowdown = metric === 'slowdown' || metric === 'within-run slowdown';
  const verdict = decide(shift.ci, o.minEffect, false);
  return {
    metric,
    // Slowdown values are 1 + slowdown, so they stay positive on the log scale.
    baseline: slowdown ? shift.baseline - 1 : shift.baseline,
    current: slowdown ? shift.current - 1 : shift.current,
    change: shift.change,
    evidence: { test: 'process-t', ci: shift.ci, level: shift.level, df: shift.df },
    verdict,
    processes: [baseline.length, current.length],
    mde: minimumDetectableEffect({ se: shift.se, df: shift.df, alpha: o.alpha, power: MDE_POWER, minEffect: o.minEffect }),
    caveat: caveatOf(shift.ci, verdict),
  };
}

// One accuracy per configuration, but each is a proportion over many test samples: that is its distribution.
/** Final top-1 accuracy, with a normal-approximation interval of the difference of two proportions; higher is better. */
export function compareAccuracy(baseline: RunResult, current: RunResult, o: DecisionOptions): MetricComparison | null {
  const b = baseline.finalEval;
  const c = current.finalEval;
  if (!b || !c || b.samples < 1 || c.samples < 1) return null;
  const ci = proportionDifferenceInterval(b.acc, b.samples, c.acc, c.samples, o.alpha);
  // Relative to the baseline's accuracy, like `change`: (p₂ − p₁) / p₁
  const relative: [number, number] = b.acc > 0 ? [ci[0] / b.acc, ci[1] / b.acc] : ci;
  const verdict = decide(relative, o.minEffect, true);
  return {
    metric: 'final accuracy',
    baseline: b.acc,
    current: c.acc,
    change: b.acc > 0 ? c.acc / b.acc - 1 : c.acc - b.acc,
    evidence: { test: 'binomial', ci, level: 1 - o.alpha },
    verdict,
    processes: [1, 1],
    mde: null,
    caveat: caveatOf(relative, verdict),
  };
}
