// The E-divisive means split (Matteson & James 2014, "A Nonparametric Approach for Multiple Change
// Point Analysis of Multivariate Data"): the point of a segment where the energy distance between
// the values before it and the values after it, scaled by the sizes, is largest.

/** Where a segment splits best: the first index of the new level, and the statistic there. */
export interface Split {
  /** Index of the first value after the split. */
  index: number;
  /** Q̂(τ, κ), the scaled energy distance of the best split. */
  qhat: number;
}

// Σ |values[i] − values[k]| over i in [from, to).
function distanceSum(values: readonly number[], k: number, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += Math.abs(values[i]! - values[k]!);
  return sum;
}

// For X = values[start, τ) (n values) and Y = values[τ, κ) (m values):
//   Q̂ = 2/(n+m) Σ|X_i − Y_j| − 2m/((n+m)(n−1)) Σ_{i<k}|X_i − X_k| − 2n/((n+m)(m−1)) Σ_{j<k}|Y_j − Y_k|,
// that is mn/(n+m) times the energy distance Ê(X, Y), and a within-sum of one value counts 0.
// κ runs free up to `end`, so a short burst inside the segment can win, as in the paper.
// Ties go to the smallest τ, then the smallest κ (a row-major argmax, as Otava's numpy code does).
/**
 * The best E-divisive split of `values[start, end)`: the τ in (start, end) that maximizes Q̂ over
 * every κ in (τ, end]. Null when the segment has fewer than two values.
 */
export function bestSplit(values: readonly number[], start: number, end: number): Split | null {
  if (end - start < 2) return null;
  let best: Split | null = null;
  let withinX = 0;
  for (let tau = start + 1; tau < end; tau++) {
    withinX += distanceSum(values, tau - 1, start, tau - 1);
    const n = tau - start;
    let cross = 0;
    let withinY = 0;
    for (let kappa = tau + 1; kappa <= end; kappa++) {
      cross += distanceSum(values, kappa - 1, start, tau);
      withinY += distanceSum(values, kappa - 1, tau, kappa - 1);
      const m = kappa - tau;
      const qhat =
        (2 / (n + m)) * cross -
        (n > 1 ? ((2 * m) / ((n + m) * (n - 1))) * withinX : 0) -
        (m > 1 ? ((2 * n) / ((n + m) * (m - 1))) * withinY : 0);
      if (best === null || qhat > best.qhat) best = { index: tau, qhat };
    }
  }
  return best;
}
