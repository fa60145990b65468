// The standard normal distribution's tails, and the normal-approximation (Wald) interval of a
// difference of two proportions: what rank tests and accuracy comparisons need.

// erfc(x) after Numerical Recipes' Chebyshev fit (`erfcc`): relative error < 1.2e-7 for all x,
// so p-values keep 6 significant digits even far in the tail.
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(-z * z + poly);
  return x >= 0 ? r : 2 - r;
}

// The upper tail of the standard normal, P(Z > z).
/** Survival function of the standard normal distribution: P(Z > z). */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

// The inverse of the upper tail, for interval half-widths (z of 0.005 = 2.5758).
/** The z with P(Z > z) = `tail`, for tail ∈ (0, 0.5]; by bisection on {@link normalSf} (to 1e-10). */
export function normalIsf(tail: number): number {
  if (!(tail > 0 && tail <= 0.5)) throw new RangeError(`normalIsf needs a tail probability in (0, 0.5]; got ${tail}`);
  let lo = 0;
  let hi = 40;
  while (hi - lo > 1e-10) {
    const mid = (lo + hi) / 2;
    if (normalSf(mid) > tail) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

// One accuracy per run, but each is a proportion over many test samples: that is its distribution.
/**
 * The Wald interval of p₂ − p₁ for two proportions measured on n₁ and n₂ trials, with coverage
 * 1 − `alpha` (two-sided).
 */
export function proportionDifferenceInterval(p1: number, n1: number, p2: number, n2: number, alpha: number): [number, number] {
  // (p₂ − p₁) ± z(1 − α/2) · √(p₁(1 − p₁)/n₁ + p₂(1 − p₂)/n₂)
  const half = normalIsf(alpha / 2) * Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const diff = p2 - p1;
  return [diff - half, diff + half];
}
