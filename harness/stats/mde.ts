// The minimum detectable effect (MDE): how large a change must be to be flagged with a given
// power, at the budget that produced a standard error. "Unchanged" means "no change this large".
import { studentTQuantile } from './student-t.js';

// What the MDE depends on; the spread and sample sizes enter only through `se` and `df`.
/** Settings of {@link minimumDetectableEffect}. */
export interface MdeInput {
  /** Standard error of the log shift, s · √(1/n₁ + 1/n₂) (LogShift.se). */
  se: number;
  /** Degrees of freedom of the t-interval (LogShift.df). */
  df: number;
  /** Two-sided significance level of the interval. */
  alpha: number;
  /** Probability of flagging a change of exactly the MDE. @default 0.8 */
  power?: number;
  /**
   * Smallest relative change that counts (0.05 = 5 %): a change is flagged only when its whole
   * interval lies beyond it, so the MDE starts from there. @default 0
   */
  minEffect?: number;
}

// Sample-size formula of the two-sample t-test, shifted by the margin the decision rule asks the
// interval's near end to clear: P(d̂ − t·se > ln(1 + m)) = power when d = ln(1 + m) + (t + t_power)·se.
/**
 * The relative change flagged with probability `power` by a t-interval that must lie wholly beyond
 * `minEffect`: exp(ln(1 + minEffect) + (t(1 − α/2, df) + t(power, df)) · se) − 1.
 * With minEffect 0 it is the textbook (t(1 − α/2) + t(power)) · se on the log scale.
 */
export function minimumDetectableEffect({ se, df, alpha, power = 0.8, minEffect = 0 }: MdeInput): number {
  if (!(se >= 0 && Number.isFinite(se))) throw new RangeError(`the MDE needs a finite standard error ≥ 0; got ${se}`);
  if (!(power > 0 && power < 1)) throw new RangeError(`the MDE needs a power in (0, 1); got ${power}`);
  const multiplier = studentTQuantile(1 - alpha / 2, df) + studentTQuantile(power, df);
  return Math.expm1(Math.log1p(minEffect) + multiplier * se);
}
