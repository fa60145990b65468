// The split step of Otava's E-divisive means (Fleming et al. 2023, "Hunter: Using Change Point
// Detection to Hunt for Performance Regressions"): E-divisive run on sliding windows, each split kept
// while its t-test passes a relaxed threshold. What it finds are the weak change points, which the
// merge step (merge.ts) then thins out.
import { bestSplit, type Split } from './energy.js';
import { compareSegments } from './t-test.js';

// Otava tests weak points at 10 × max_pvalue below 0.05, at 2 × below 0.5, and as given above.
/** The relaxed p-value threshold of the split step for a final `significance`. */
export function firstPassSignificance(significance: number): number {
  if (significance < 0.05) return significance * 10;
  return significance < 0.5 ? significance * 2 : significance;
}

// E-divisive on one window: split the segment whose best split has the largest Q̂, keep the split if
// the t-test between the two halves of that segment passes, and stop at the first one that does not.
function windowPoints(values: readonly number[], significance: number): number[] {
  const points: number[] = [];
  for (;;) {
    const bounds = [0, ...points, values.length];
    let best: { split: Split; from: number; to: number } | null = null;
    for (let i = 0; i + 1 < bounds.length; i++) {
      const split = bestSplit(values, bounds[i]!, bounds[i + 1]!);
      if (split !== null && (best === null || split.qhat > best.split.qhat)) best = { split, from: bounds[i]!, to: bounds[i + 1]! };
    }
    if (best === null) return points;
    const { index } = best.split;
    const test = compareSegments(values.slice(best.from, index), values.slice(index, best.to));
    if (!(test.pValue <= significance)) return points;
    points.push(index);
    points.sort((a, b) => a - b);
  }
}

// Windows of `window` values start every ⌊window/2⌋ values, or just after the last point the
// previous window found if that lies further on; the last windows are shorter, down to a single value.
/** The weak change points of `series` (sorted indices): E-divisive over sliding windows at `significance`. */
export function weakChangePoints(series: readonly number[], window: number, significance: number): number[] {
  const step = Math.floor(window / 2);
  const found = new Set<number>();
  let start = 0;
  while (start < series.length) {
    const end = Math.min(start + window, series.length);
    const points = windowPoints(series.slice(start, end), significance).map((i) => i + start);
    points.forEach((p) => found.add(p));
    start = Math.max(points.at(-1) ?? 0, start + step);
  }
  return [...found].sort((a, b) => a - b);
}
