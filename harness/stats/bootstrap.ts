// The one seeded percentile bootstrap: groups of samples resampled independently (each keeps
// its size), a statistic of the groups computed on every resample. The ratios of measure/ and
// the bench-to-bench differences of compare/ are both statistics of groups.
import { mulberry32 } from '../prng.js';
import { quantileSorted } from './samples.js';

// How a figure is computed from groups of samples, e.g. median(SAM steps) / median(base steps).
/** A statistic of several groups of samples (in a fixed order). */
export type GroupStatistic = (groups: readonly (readonly number[])[]) => number;

// Defaults give a 99 % interval, matching compare's alpha of 0.01.
/** Settings of {@link bootstrapDifference}. */
export interface BootstrapOptions {
  /** Bootstrap resamples, a positive integer. @default 2000 */
  resamples?: number;
  /** PRNG seed; the same seed and samples give the same interval. @default 1 */
  seed?: number;
  /** Coverage of the interval, in (0, 1). @default 0.99 */
  level?: number;
}

function resample(xs: readonly number[], random: () => number): number[] {
  return Array.from(xs, () => xs[Math.floor(random() * xs.length)]!);
}

// Every group is drawn in order from one PRNG, so the same seed and groups give the same values.
/**
 * `statistic` on `resamples` bootstrap resamples of `groups` (each group resampled with
 * replacement on its own), non-finite values dropped, in ascending order.
 * @throws RangeError when `resamples` is not a positive integer or no resample is finite.
 */
export function bootstrapDistribution(
  groups: readonly (readonly number[])[],
  statistic: GroupStatistic,
  resamples: number,
  seed: number,
): number[] {
  if (!Number.isSafeInteger(resamples) || resamples < 1)
    throw new RangeError(`bootstrap resamples must be a positive integer; got ${resamples}`);
  const random = mulberry32(seed);
  const values = Array.from({ length: resamples }, () => statistic(groups.map((g) => resample(g, random))))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (values.length === 0) throw new RangeError('bootstrap: no resample gave a finite statistic');
  return values;
}

// Tails are given, not a level, so a 95 % interval reads the literal 0.025 and 0.975 quantiles.
/** The percentile interval [q(tail), q(1 − tail)] of an ascending bootstrap distribution. */
export function percentileInterval(sorted: readonly number[], tail: number): [number, number] {
  return [quantileSorted(sorted, tail), quantileSorted(sorted, 1 - tail)];
}

// Both point estimates are kept so the report can show them beside the interval.
/** The statistic on each bench, their difference and its percentile-bootstrap interval. */
export interface DifferenceEstimate {
  baseline: number;
  current: number;
  /** current − baseline. */
  difference: number;
  /** Percentile interval of current − baseline at `level`. */
  ci: [number, number];
  level: number;
}

// Is the change between two benches larger than resampling noise? The interval answers with the
// samples' own spread, never one number against one number.
/**
 * Computes `statistic` on both benches and a percentile-bootstrap interval of
 * statistic(current) − statistic(baseline), resampling every group of both benches independently.
 * A group may be empty (e.g. no base steps at interval 1) if `statistic` copes with that.
 * @throws RangeError when the options are out of range or the statistic of either bench is not finite.
 */
export function bootstrapDifference(
  baselineGroups: readonly (readonly number[])[],
  currentGroups: readonly (readonly number[])[],
  statistic: GroupStatistic,
  { resamples = 2000, seed = 1, level = 0.99 }: BootstrapOptions = {},
): DifferenceEstimate {
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrap level must be in (0, 1); got ${level}`);
  const checked = (value: number, what: string) => {
    if (!Number.isFinite(value)) throw new RangeError(`bootstrap: the statistic of the ${what} is not finite (${value})`);
    return value;
  };
  const baseline = checked(statistic(baselineGroups), 'baseline');
  const current = checked(statistic(currentGroups), 'current bench');
  const split = baselineGroups.length;
  // d = statistic(current resample) − statistic(baseline resample), the baseline's groups drawn first
  const difference: GroupStatistic = (groups) => statistic(groups.slice(split)) - statistic(groups.slice(0, split));
  const sorted = bootstrapDistribution([...baselineGroups, ...currentGroups], difference, resamples, seed);
  return { baseline, current, difference: current - baseline, ci: percentileInterval(sorted, (1 - level) / 2), level };
}
