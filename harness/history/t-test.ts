// The significance test Otava puts on a split: Student's two-sample t-test with pooled variance,
// two-sided, between the segment before a change point and the segment after it.
import { mean, studentTTwoSided } from '../stats/index.js';

/** The two segments either side of a change point, compared. */
export interface SegmentComparison {
  /** Mean of the segment before. */
  before: number;
  /** Mean of the segment after. */
  after: number;
  /** Two-sided p-value of the pooled t-test; NaN when both segments are constant and equal. */
  pValue: number;
}

// Otava passes numpy's np.std (the population sd, ddof = 0) where scipy's ttest_ind_from_stats
// expects the sample sd, so its pooled variance is Σ(n_i − 1)·σ_i² / (n₁ + n₂ − 2) with σ the
// population sd. Kept as it is: the p-values would not match Otava's otherwise.
function populationSd(values: readonly number[], m: number): number {
  if (values.length < 2) return 0;
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / values.length);
}

/** The t-test between `left` and `right` (both non-empty), as Otava computes it; p = 1 for two single values. */
export function compareSegments(left: readonly number[], right: readonly number[]): SegmentComparison {
  if (left.length === 0 || right.length === 0) throw new RangeError('a segment of a change point is empty');
  const before = mean(left);
  const after = mean(right);
  const [n1, n2] = [left.length, right.length];
  if (n1 + n2 <= 2) return { before, after, pValue: 1 };
  const df = n1 + n2 - 2;
  const pooled = ((n1 - 1) * populationSd(left, before) ** 2 + (n2 - 1) * populationSd(right, after) ** 2) / df;
  const t = (before - after) / Math.sqrt(pooled * (1 / n1 + 1 / n2));
  return { before, after, pValue: studentTTwoSided(t, df) };
}

/** after / before − 1, the forward relative change (0 when `before` is 0, as in Otava). */
export function forwardChange(before: number, after: number): number {
  return before === 0 ? 0 : after / before - 1;
}

// Otava's change_magnitude: a 10 % rise and the 9.1 % fall back count alike.
/** max(|after/before − 1|, |before/after − 1|): the size the min-magnitude knob is compared with. */
export function changeMagnitude(before: number, after: number): number {
  return Math.max(Math.abs(forwardChange(before, after)), Math.abs(forwardChange(after, before)));
}
