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

// Above this many samples in the largest group, each group is resampled at a fraction of its size
// (the m-out-of-n bootstrap), so the cost of an interval stops growing with the steps of a run.
/** The most samples a group is resampled at; larger groups are drawn at the same fraction m/n. */
export const FULL_RESAMPLE_LIMIT = 1000;
// A drawn group smaller than this would no longer behave like its whole: keep the full size then.
const SMALLEST_DRAW = 100;

function resample(xs: readonly number[], size: number, random: () => number): number[] {
  const drawn = new Array<number>(size);
  for (let i = 0; i < size; i += 1) drawn[i] = xs[Math.floor(random() * xs.length)]!;
  return drawn;
}

// m-out-of-n bootstrap (Bickel, Götze & van Zwet 1997): drawing m = f·n of each group's n samples
// spreads the statistic √(1/f) times wider than drawing n, for smooth statistics and the median
// alike, so each draw is pulled back towards the full-sample value by √f. f is one fraction for
// every group, so groups of different sizes keep their share of the spread; f = 1 (the ordinary
// bootstrap) while the largest group is within FULL_RESAMPLE_LIMIT.
function drawFraction(groups: readonly (readonly number[])[]): number {
  const largest = Math.max(...groups.map((g) => g.length));
  const smallest = Math.min(...groups.filter((g) => g.length > 0).map((g) => g.length));
  if (largest <= FULL_RESAMPLE_LIMIT) return 1;
  return Math.min(1, Math.max(FULL_RESAMPLE_LIMIT / largest, SMALLEST_DRAW / smallest));
}

// Every group is drawn in order from one PRNG, so the same seed and groups give the same values.
/**
 * `statistic` on `resamples` bootstrap resamples of `groups` (each group resampled with
 * replacement on its own), non-finite values dropped, in ascending order. When the largest group
 * holds more than {@link FULL_RESAMPLE_LIMIT} samples, every group is drawn at one fraction f of its
 * size and each value is rescaled to full + √f·(value − full), where full is the statistic of
 * `groups` (m-out-of-n bootstrap), so the cost per resample is bounded whatever the run length.
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
  const f = drawFraction(groups);
  const sizes = groups.map((g) => (f === 1 || g.length === 0 ? g.length : Math.max(1, Math.round(f * g.length))));
  const full = f === 1 ? 0 : statistic(groups);
  const shrink = Math.sqrt(f);
  const draw = () => statistic(groups.map((g, i) => resample(g, sizes[i]!, random)));
  const values = Array.from({ length: resamples }, f === 1 ? draw : () => full + shrink * (draw() - full))
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
