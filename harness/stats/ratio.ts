// How many times slower one set of step times is than another: a ratio of medians (robust to
// outliers) or of means (outliers included), each with a seeded 95 % bootstrap interval.
import { bootstrapDistribution, percentileInterval } from './bootstrap.js';
import { mean, median, type Samples } from './samples.js';

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
  const ratio = ([top, under]: readonly (readonly number[])[]) => estimate(top!) / estimate(under!);
  const sorted = bootstrapDistribution([numerator, denominator], ratio, resamples, seed);
  return { ratio: estimate(numerator) / bottom, ci95: percentileInterval(sorted, 0.025) };
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
