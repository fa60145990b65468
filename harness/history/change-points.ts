// Change points of a nightly benchmark history: E-divisive means with a t-test, windowed and merged
// as Apache Otava does (otava.analysis.compute_change_points), written here from the algorithm's
// description: split (split.ts) finds weak points window by window, merge (merge.ts) thins them.
// change-points.test.ts checks it against Otava's own output (fixtures/otava-series.json).
import { firstPassSignificance, weakChangePoints } from './split.js';
import { forwardChangeOf, mergePoints, testPoints, type NeighbourRule } from './merge.js';

/** Otava's knobs. */
export interface ChangePointOptions {
  /** Length of the sliding window the series is split in (Otava's window_len). */
  window: number;
  /** Largest p-value a change point may have (Otava's max_pvalue). */
  significance: number;
  /** Smallest |relative change| of the means either side, as a fraction (Otava's min_magnitude; 0.05 = 5 %). */
  minMagnitude: number;
}

// Otava's AnalysisOptions and command-line defaults: --window 50, -P 0.001, -M 0.
/** Otava's defaults. */
export const CHANGE_POINT_DEFAULTS: ChangePointOptions = Object.freeze({ window: 50, significance: 0.001, minMagnitude: 0 });

/** One change point: the series changes level between index-1 and index. */
export interface ChangePoint {
  /** Index of the first value of the new level. */
  index: number;
  /** Mean of the values from the previous change point (or the start) up to index − 1. */
  before: number;
  /** Mean of the values from index up to the next change point (or the end). */
  after: number;
  /** after / before − 1 (Otava's forward change). */
  magnitude: number;
  /** p-value of the test between the two segments. */
  pValue: number;
}

function resolve(options: Partial<ChangePointOptions>): ChangePointOptions {
  const o = { ...CHANGE_POINT_DEFAULTS, ...options };
  if (!Number.isSafeInteger(o.window) || o.window < 2) throw new RangeError(`window must be an integer ≥ 2; got ${o.window}`);
  if (!(o.significance > 0 && o.significance < 1)) throw new RangeError(`significance must lie in (0, 1); got ${o.significance}`);
  if (!(o.minMagnitude >= 0 && Number.isFinite(o.minMagnitude))) {
    throw new RangeError(`minMagnitude must be a finite fraction ≥ 0; got ${o.minMagnitude}`);
  }
  return o;
}

function detect(series: readonly number[], options: Partial<ChangePointOptions>, rule: NeighbourRule): ChangePoint[] {
  const { window, significance, minMagnitude } = resolve(options);
  const bad = series.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`series[${bad}] is ${series[bad]}; every value must be a finite number`);
  const weak = testPoints(series, weakChangePoints(series, window, firstPassSignificance(significance)));
  return mergePoints(series, weak, significance, minMagnitude, rule).map((p) => ({
    index: p.index,
    before: p.test.before,
    after: p.test.after,
    magnitude: forwardChangeOf(p),
    pValue: p.test.pValue,
  }));
}

// A point's `before` and `after` are always the means of the segments to its neighbours: after a
// weak point is dropped, both of its neighbours are tested again (Otava 0.8.0 retests the right one
// and the one after it, see otavaCompatibleChangePoints).
/** The change points of `series` (in index order). @throws RangeError for a bad option value or a non-finite value in `series`. */
export function changePoints(series: readonly number[], options: Partial<ChangePointOptions> = {}): ChangePoint[] {
  return detect(series, options, 'adjacent');
}

// For the check against Otava: the same algorithm with Otava 0.8.0's retest after a drop (positions
// k and k + 1), whose left neighbour keeps a stale test. Agrees with Otava 0.8.0 point for point.
/** {@link changePoints} with Apache Otava 0.8.0's merge bookkeeping, stale neighbour tests included. */
export function otavaCompatibleChangePoints(series: readonly number[], options: Partial<ChangePointOptions> = {}): ChangePoint[] {
  return detect(series, options, 'otava-0.8.0');
}
