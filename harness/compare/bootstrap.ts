// A seeded percentile-bootstrap interval for the difference of a statistic between two benches
// (current − baseline), each bench given as independent groups of samples (e.g. SAM steps and
// base steps), every group resampled on its own so each keeps its size.
import { quantileSorted } from '../measure/stats.js';
import { mulberry32 } from '../prng.js';

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

// How a metric is computed from a bench's groups, e.g. median(SAM) / median(base).
/** A statistic of one bench, from its groups of samples (same order for both benches). */
export type GroupStatistic = (groups: readonly (readonly number[])[]) => number;

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

function resample(xs: readonly number[], random: () => number): number[] {
  return Array.from(xs, () => xs[Math.floor(random() * xs.length)]!);
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
  if (!Number.isSafeInteger(resamples) || resamples < 1) throw new RangeError(`bootstrap resamples must be a positive integer; got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrap level must be in (0, 1); got ${level}`);
  const checked = (value: number, what: string) => {
    if (!Number.isFinite(value)) throw new RangeError(`bootstrap: the statistic of the ${what} is not finite (${value})`);
    return value;
  };
  const baseline = checked(statistic(baselineGroups), 'baseline');
  const current = checked(statistic(currentGroups), 'current bench');
  const random = mulberry32(seed);
  const differences = Array.from({ length: resamples }, () => {
    const b = statistic(baselineGroups.map((g) => resample(g, random)));
    const c = statistic(currentGroups.map((g) => resample(g, random)));
    return c - b;
  })
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (differences.length === 0) throw new RangeError('bootstrap: no resample gave a finite statistic');
  const tail = (1 - level) / 2;
  return { baseline, current, difference: current - baseline, ci: [quantileSorted(differences, tail), quantileSorted(differences, 1 - tail)], level };
}
