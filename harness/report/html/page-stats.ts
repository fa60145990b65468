// Small pure computations behind the charts: box-plot statistics, short run labels and the
// Pareto front of slowdown against accuracy gain. No DOM, no I/O, exact on hand-made inputs.
import { ascending, quantileSorted } from '../../stats/index.js';

// Precomputed for the client's box plots, so the browser sorts nothing.
/** Five-number summary of step times for a box plot (ms); whiskers at p10 and p90. */
export interface BoxStats {
  n: number;
  min: number;
  p10: number;
  q1: number;
  median: number;
  q3: number;
  p90: number;
  max: number;
}

// Null for no samples, so a baseline (no SAM steps) or an interval-1 run (no base steps) has no box.
/** Box-plot statistics of `values` (any order), or null when there are none. */
export function boxStats(values: readonly number[]): BoxStats | null {
  if (values.length === 0) return null;
  const s = ascending(values);
  return {
    n: s.length,
    min: s[0]!,
    p10: quantileSorted(s, 0.1),
    q1: quantileSorted(s, 0.25),
    median: quantileSorted(s, 0.5),
    q3: quantileSorted(s, 0.75),
    p90: quantileSorted(s, 0.9),
    max: s.at(-1)!,
  };
}

// Run ids repeat every setting shared by the suite (`sam-k10-rho0.5-bs64-lr0.01-s0`); axis labels
// only need the parts that differ (`sam-k10-rho0.5`).
/** Each id without the `-`-separated parts that every id has; the id itself when nothing is left. */
export function shortLabels(ids: readonly string[]): string[] {
  const parts = ids.map((id) => id.split('-'));
  const common = ids.length > 1 ? parts.slice(1).reduce((acc, p) => acc.filter((t) => p.includes(t)), parts[0] ?? []) : [];
  return parts.map((p, i) => p.filter((t) => !common.includes(t)).join('-') || ids[i]!);
}

// One point of chart 3: what a configuration costs against what it buys.
/** A configuration placed on the throughput × accuracy plane. */
export interface TradeoffPoint {
  label: string;
  /** Mean step time over the no-SAM run's, minus 1 (0.07 = 7 % slower); 0 for the baseline. */
  slowdown: number;
  /** Final top-1 accuracy minus the no-SAM run's, in percentage points; 0 for the baseline. */
  gainPoints: number;
  /** Runs (seeds) averaged into this point. */
  runs: number;
}

// A configuration is on the front when no other one is at least as fast and at least as accurate,
// and strictly better in one of the two (lower slowdown, higher gain).
/** Indices of the points on the Pareto front, ordered by increasing slowdown. */
export function paretoFront(points: readonly TradeoffPoint[]): number[] {
  const dominated = (p: TradeoffPoint) =>
    points.some(
      (q) => q.slowdown <= p.slowdown && q.gainPoints >= p.gainPoints && (q.slowdown < p.slowdown || q.gainPoints > p.gainPoints),
    );
  return points
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => !dominated(p))
    .sort((a, b) => a.p.slowdown - b.p.slowdown || b.p.gainPoints - a.p.gainPoints)
    .map(({ i }) => i);
}
