// The one plain sample shape every statistic takes, and the location estimates built on it:
// mean, median, numpy-linear quantiles. Pure numbers, no I/O.

// A non-empty list of raw samples, so that every statistic below is defined.
/** Raw samples in milliseconds (or any one unit); never empty, every value finite. */
export type Samples = [number, ...number[]];

// Checks raw numbers before they reach any statistic; the only way to build Samples from an array.
/** Returns `xs` as Samples; throws an Error naming `what` if it is empty or holds a non-finite value. */
export function toSamples(xs: number[], what: string): Samples {
  if (xs.length === 0) throw new Error(`${what}: no samples (need at least one)`);
  const bad = xs.findIndex((x) => typeof x !== 'number' || !Number.isFinite(x));
  if (bad >= 0) throw new Error(`${what}: sample ${bad} is not a finite number (got ${String(xs[bad])})`);
  return xs as Samples;
}

// A copy, so callers' arrays keep their (step) order.
/** The values of `xs` in ascending order, as a new array. */
export function ascending(xs: readonly number[]): number[] {
  return [...xs].sort((a, b) => a - b);
}

// Quantile of already sorted values, numpy's default ('linear') method.
/** Quantile `p` ∈ [0, 1] of ascending `sorted` (non-empty), interpolating between order statistics. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no values');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile p must be in [0, 1]; got ${p}`);
  // h = (n − 1) · p; q = x[⌊h⌋] + (h − ⌊h⌋) · (x[⌊h⌋ + 1] − x[⌊h⌋])
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const below = sorted[lo]!;
  const above = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return below + (h - lo) * (above - below);
}

// Sums in the given order, so a mean over steps is the same number wherever it is computed.
/** Arithmetic mean of `xs` (non-empty; NaN for none). */
export function mean(xs: readonly number[]): number {
  return xs.reduce((sum, x) => sum + x, 0) / xs.length;
}

/** Median of `xs` in any order (non-empty): the 0.5 quantile, the mean of the middle two for even n. */
export function median(xs: readonly number[]): number {
  // A typed array sorts numerically in native code, several times faster than a comparator
  // (the bootstrap takes thousands of medians).
  return quantileSorted(Float64Array.from(xs).sort(), 0.5);
}

// One of the values itself, not an average of two: a pooled r that is a real run's ratio.
/** The lower median of `xs` (the ⌊(n − 1)/2⌋-th smallest), or null when there are none. */
export function lowerMedian(xs: readonly number[]): number | null {
  return ascending(xs)[Math.floor((xs.length - 1) / 2)] ?? null;
}
