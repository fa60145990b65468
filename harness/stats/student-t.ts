// Student's t distribution for integer degrees of freedom: its CDF in closed form and its
// quantiles, for intervals and power at any alpha (statistics.ts tabulates only the 95 % one).

// P(|T| < t) for T ~ t(df): Abramowitz & Stegun 26.7.3 (odd df) and 26.7.4 (even df), exact
// finite sums in θ = atan(t / √df), so no table and no iteration.
function centralMass(t: number, df: number): number {
  const theta = Math.atan(Math.abs(t) / Math.sqrt(df));
  const s = Math.sin(theta);
  const c2 = Math.cos(theta) ** 2;
  if (df % 2 === 0) {
    // A = sin θ · (1 + ½cos²θ + (1·3)/(2·4)cos⁴θ + … + (1·3⋯(df−3))/(2·4⋯(df−2))cos^(df−2)θ)
    let term = 1;
    let sum = 1;
    for (let k = 2; k <= df - 2; k += 2) {
      term *= ((k - 1) / k) * c2;
      sum += term;
    }
    return s * sum;
  }
  if (df === 1) return (2 * theta) / Math.PI;
  // A = 2/π · (θ + sin θ · (cos θ + (2/3)cos³θ + … + (2·4⋯(df−3))/(1·3⋯(df−2))cos^(df−2)θ))
  let term = Math.cos(theta);
  let sum = term;
  for (let k = 3; k <= df - 2; k += 2) {
    term *= ((k - 1) / k) * c2;
    sum += term;
  }
  return (2 / Math.PI) * (theta + s * sum);
}

function checkDf(df: number): void {
  if (!Number.isSafeInteger(df) || df < 1) throw new RangeError(`Student's t needs an integer df ≥ 1; got ${df}`);
}

// The lower tail, for p-values of t statistics.
/** P(T ≤ t) for T ~ Student's t with `df` (an integer ≥ 1) degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  checkDf(df);
  // F(t) = ½ + sign(t) · A(|t|) / 2
  return 0.5 + (Math.sign(t) * centralMass(t, df)) / 2;
}

// Interval half-widths and power need t at any level: t(0.995, 4) = 4.604095 for alpha 0.01.
/** The `p`-quantile of Student's t with `df` degrees of freedom, p ∈ (0, 1); by bisection on {@link studentTCdf} (to 1e-10). */
export function studentTQuantile(p: number, df: number): number {
  checkDf(df);
  if (!(p > 0 && p < 1)) throw new RangeError(`a t quantile needs p in (0, 1); got ${p}`);
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < p) hi *= 2;
  while (hi - lo > 1e-10 * Math.max(1, hi)) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
