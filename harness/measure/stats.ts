// Statistics over raw timing samples (milliseconds): summaries with a t-interval, and a
// seeded bootstrap interval for the ratio of two medians. Pure numbers, no TensorFlow.

import { mulberry32 } from '../prng.js';

// A non-empty list of raw samples, so that every statistic below is defined.
/** Raw samples in milliseconds (or any one unit); never empty, every value finite. */
export type Samples = [number, ...number[]];

// Summary of one set of samples, as reported per benchmark row.
/** Summary of a set of samples; every field except `n` and `rme` is in the samples' unit (ms). */
export interface Statistics {
  /** Number of samples. */
  n: number;
  mean: number;
  median: number;
  /** 10th percentile (linear interpolation between order statistics, as numpy's default). */
  p10: number;
  /** 90th percentile (linear interpolation between order statistics). */
  p90: number;
  min: number;
  max: number;
  /** Sample standard deviation (divisor n − 1); 0 when n = 1. */
  sd: number;
  /** Standard error of the mean, sd / √n. */
  sem: number;
  /** 95% confidence interval of the mean, mean ± t(0.975, n − 1)·sem; [mean, mean] when n = 1. */
  ci95: [number, number];
  /** Median absolute deviation from the median (unscaled, not multiplied by 1.4826). */
  mad: number;
  /** Relative margin of error: half-width of `ci95` as a percentage of |mean| (0 when the half-width is 0). */
  rme: number;
}

// Checks raw numbers before they reach any statistic; the only way to build Samples from an array.
/** Returns `xs` as Samples; throws an Error naming `what` if it is empty or holds a non-finite value. */
export function toSamples(xs: number[], what: string): Samples {
  if (xs.length === 0) throw new Error(`${what}: no samples (need at least one)`);
  const bad = xs.findIndex((x) => typeof x !== 'number' || !Number.isFinite(x));
  if (bad >= 0) throw new Error(`${what}: sample ${bad} is not a finite number (got ${String(xs[bad])})`);
  return xs as Samples;
}

// Two-sided 95% critical values of Student's t (scipy.stats.t.ppf(0.975, df)) for df 1..30.
const T_975 = [
  12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139,
  2.200985, 2.178813, 2.160369, 2.144787, 2.13145, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963,
  2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.04523, 2.042272,
];
// Beyond df 30: anchors [df, t], interpolated linearly in 1/df (error < 1e-4); 1/∞ = 0 gives z = 1.959964.
const T_975_TAIL: [number, number][] = [
  [30, 2.042272],
  [40, 2.021075],
  [60, 2.000298],
  [120, 1.97993],
  [Infinity, 1.959964],
];

// The multiplier of the standard error in a 95% t-interval.
/** t(0.975, df) for df ≥ 1: exact to 6 decimals for df ≤ 30, interpolated in 1/df above. */
export function tCritical95(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`t(0.975, df) needs an integer df ≥ 1; got ${df}`);
  if (df <= 30) return T_975[df - 1]!;
  const i = T_975_TAIL.findIndex(([d]) => d >= df);
  const [d0, t0] = T_975_TAIL[i - 1]!;
  const [d1, t1] = T_975_TAIL[i]!;
  const frac = (1 / d0 - 1 / df) / (1 / d0 - 1 / d1);
  return t0 + frac * (t1 - t0);
}

// Quantile of already sorted values, numpy's default ('linear') method.
/** Quantile `p` ∈ [0, 1] of ascending `sorted` (non-empty), interpolating between order statistics. */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no values');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile p must be in [0, 1]; got ${p}`);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const below = sorted[lo]!;
  const above = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return below + (h - lo) * (above - below);
}

function ascending(xs: readonly number[]): number[] {
  return [...xs].sort((a, b) => a - b);
}

function mean(xs: readonly number[]): number {
  return xs.reduce((sum, x) => sum + x, 0) / xs.length;
}

function median(xs: readonly number[]): number {
  return quantileSorted(ascending(xs), 0.5);
}

// The per-row summary every benchmark prints.
/** Summarises `samples` (ms); see {@link Statistics} for each field. */
export function computeStatistics(samples: Samples): Statistics {
  const n = samples.length;
  const sorted = ascending(samples);
  const avg = mean(samples);
  const med = quantileSorted(sorted, 0.5);
  const sd = n > 1 ? Math.sqrt(samples.reduce((sum, x) => sum + (x - avg) ** 2, 0) / (n - 1)) : 0;
  const sem = sd / Math.sqrt(n);
  const margin = n > 1 ? tCritical95(n - 1) * sem : 0;
  return {
    n,
    mean: avg,
    median: med,
    p10: quantileSorted(sorted, 0.1),
    p90: quantileSorted(sorted, 0.9),
    min: sorted[0]!,
    max: sorted[n - 1]!,
    sd,
    sem,
    ci95: [avg - margin, avg + margin],
    mad: median(samples.map((x) => Math.abs(x - med))),
    rme: margin === 0 ? 0 : (100 * margin) / Math.abs(avg),
  };
}

/** Settings of the bootstrap in {@link ratioOfMedians} and {@link ratioOfMeans}. */
export interface RatioOptions {
  /** Bootstrap resamples, a positive integer. @default 2000 */
  resamples?: number;
  /** Seed of the PRNG; the same seed and input give the same interval. @default 1 */
  seed?: number;
}

/** A ratio of two location estimates (unitless) and its 95% percentile-bootstrap interval. */
export interface RatioEstimate {
  ratio: number;
  ci95: [number, number];
}

// Shared by both ratios: point estimate, and the two groups resampled independently with one seeded PRNG.
function bootstrapRatio(
  what: string,
  estimate: (xs: readonly number[]) => number,
  numerator: Samples,
  denominator: Samples,
  { resamples = 2000, seed = 1 }: RatioOptions,
): RatioEstimate {
  if (!Number.isSafeInteger(resamples) || resamples < 1) {
    throw new RangeError(`${what}: resamples must be a positive integer; got ${resamples}`);
  }
  const bottom = estimate(denominator);
  if (bottom === 0) throw new RangeError(`${what}: the denominator ${estimate.name} is 0`);
  const random = mulberry32(seed);
  const draw = (xs: readonly number[]) => estimate(Array.from(xs, () => xs[Math.floor(random() * xs.length)]!));
  const ratios = Array.from({ length: resamples }, () => draw(numerator) / draw(denominator)).sort((a, b) => a - b);
  return {
    ratio: estimate(numerator) / bottom,
    ci95: [quantileSorted(ratios, 0.025), quantileSorted(ratios, 0.975)],
  };
}

// How many times slower one kind of step is than another, robust to outliers.
/**
 * median(numerator) / median(denominator) (unitless, both in the same unit), with a 95%
 * percentile-bootstrap interval that resamples the two groups independently.
 * Throws a RangeError if the denominator's median is 0.
 */
export function ratioOfMedians(numerator: Samples, denominator: Samples, options: RatioOptions = {}): RatioEstimate {
  return bootstrapRatio('ratioOfMedians', median, numerator, denominator, options);
}

// How total time compares (e.g. a whole run's mean step over its baseline's), outliers included.
/**
 * mean(numerator) / mean(denominator) (unitless), with a 95% percentile-bootstrap interval
 * that resamples the two groups independently. Throws a RangeError if the denominator's mean is 0.
 */
export function ratioOfMeans(numerator: Samples, denominator: Samples, options: RatioOptions = {}): RatioEstimate {
  return bootstrapRatio('ratioOfMeans', mean, numerator, denominator, options);
}
