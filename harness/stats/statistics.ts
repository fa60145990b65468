// The per-row summary of one set of samples: mean, median, percentiles, spread and a 95 %
// t-interval of the mean (tinybench's computeStatistics). Pure numbers, no TensorFlow.
import { ascending, mean, median, quantileSorted, type Samples } from './samples.js';

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

// Two-sided 95% critical values of Student's t (scipy.stats.t.ppf(0.975, df)) for df 1..30.
const T_975 = [
  12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139, 2.200985, 2.178813, 2.160369,
  2.144787, 2.13145, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831,
  2.048407, 2.04523, 2.042272,
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

// The per-row summary every benchmark prints.
/** Summarises `samples` (ms); see {@link Statistics} for each field. */
export function computeStatistics(samples: Samples): Statistics {
  const n = samples.length;
  const sorted = ascending(samples);
  const avg = mean(samples);
  const med = quantileSorted(sorted, 0.5);
  // sd = √(Σ(x − mean)² / (n − 1)); ci95 = mean ± t(0.975, n − 1) · sd / √n
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
