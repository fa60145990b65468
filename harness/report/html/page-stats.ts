// Small pure computations behind the charts: box-plot statistics and short run labels. No DOM,
// no I/O, exact on hand-made inputs. (The Pareto front is measure/'s: ConfigurationSummary.onFront.)
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
