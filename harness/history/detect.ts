// Change points over nights, and what the nightly does with them. Each series is searched with
// E-divisive means (change-points.ts, Otava's method and knobs). A change point fails the
// nightly only when it is a regression (slower, or less accurate) beyond the minimum effect,
// has held for at least two nights (one noisy night never fails), and is among the latest nights
// (it started at most five nights ago): a regression keeps the nightly red for those nights, an
// old one is history. The commits either side of it are the pair to confirm with `sambench ab`.
import { changePoints, CHANGE_POINT_DEFAULTS, type ChangePoint, type ChangePointOptions } from './change-points.js';
import { HISTORY_METRICS, type Series } from './series.js';

/** The detector's knobs and the nightly's rule. */
export interface DetectOptions extends ChangePointOptions {
  /** Smallest |relative change| that fails the nightly (the suite's regression.minEffect). */
  minEffect: number;
  /** Nights a change must have held (itself included) before it counts. */
  minNightsAfter: number;
  /** The latest nights: a change that started longer ago (itself included) no longer fails the nightly. */
  recentNights: number;
}

/** Otava's defaults for the detector; the nightly's rule: 5 % (compare's default), held two nights, within the latest five. */
export const DETECT_DEFAULTS: DetectOptions = { ...CHANGE_POINT_DEFAULTS, minEffect: 0.05, minNightsAfter: 2, recentNights: 5 };

/** One change point of a series, and what the nightly makes of it. */
export interface SeriesChange extends ChangePoint {
  /** Slower, or less accurate. */
  regression: boolean;
  /** |magnitude| ≥ minEffect. */
  beyondMinEffect: boolean;
  /** Nights from the change to the last night, the change's own included. */
  nightsAfter: number;
  /** The commits of the nights either side of the change (null outside git). */
  commits: [string | null, string | null];
  /** Started within the latest `recentNights` nights. */
  recent: boolean;
  /** Regression, beyond the minimum effect, held long enough and recent: what fails the nightly. */
  fails: boolean;
}

/** A series with its change points. */
export interface SeriesFindings {
  series: Series;
  changes: SeriesChange[];
}

// Slowdowns are searched as 1 + slowdown, so a change's magnitude is relative, as for every other metric.
const searched = (s: Series) => s.points.map((p) => (HISTORY_METRICS[s.metric].onePlus ? 1 + p.value : p.value));

/** The change points of every series, with the nightly's reading of each. */
export function findChanges(series: readonly Series[], options: Partial<DetectOptions> = {}): SeriesFindings[] {
  const o = { ...DETECT_DEFAULTS, ...options };
  const knobs = { window: o.window, significance: o.significance, minMagnitude: o.minMagnitude };
  return series.map((s) => {
    const values = searched(s);
    const changes = changePoints(values, knobs).map((c): SeriesChange => {
      const regression = HISTORY_METRICS[s.metric].higherIsBetter ? c.magnitude < 0 : c.magnitude > 0;
      const beyondMinEffect = Math.abs(c.magnitude) >= o.minEffect;
      const nightsAfter = values.length - c.index;
      const recent = nightsAfter <= o.recentNights;
      return {
        ...c,
        regression,
        beyondMinEffect,
        nightsAfter,
        commits: [s.points[c.index - 1]?.commit ?? null, s.points[c.index]?.commit ?? null],
        recent,
        fails: regression && beyondMinEffect && nightsAfter >= o.minNightsAfter && recent,
      };
    });
    return { series: s, changes };
  });
}
