// The merge step of Otava's E-divisive means: from the weak change points, drop the weakest one at a
// time (the largest p-value while one fails the threshold, then the smallest change while one is too
// small), recomputing the neighbours' tests after each drop, until every point passes both.
import { changeMagnitude, compareSegments, forwardChange, type SegmentComparison } from './t-test.js';

/** Which points' tests are recomputed after a drop at position k of the list. */
export type NeighbourRule =
  /** The two points beside the dropped one (k − 1 and k after the drop): their segments changed. */
  | 'adjacent'
  /**
   * Positions k and k + 1 after the drop, as Apache Otava 0.8.0 does (otava/analysis.py, merge):
   * the right neighbour and the point after it, so the left neighbour keeps the test of a segment
   * that no longer ends where it did (see apache/otava pull request 96).
   */
  | 'otava-0.8.0';

/** A change point with the test between its two segments. */
export interface TestedPoint {
  /** Index of the first value of the new level. */
  index: number;
  /** The test between the segments either side. */
  test: SegmentComparison;
}

// The segments either side of points[i]: from the previous point (or 0) to the next (or the end).
function retest(series: readonly number[], points: readonly TestedPoint[], i: number): TestedPoint {
  const from = i > 0 ? points[i - 1]!.index : 0;
  const to = i + 1 < points.length ? points[i + 1]!.index : series.length;
  const index = points[i]!.index;
  return { index, test: compareSegments(series.slice(from, index), series.slice(index, to)) };
}

/** Every point of `indices` (sorted) tested against its neighbours in `series`. */
export function testPoints(series: readonly number[], indices: readonly number[]): TestedPoint[] {
  const points = indices.map((index) => ({ index, test: { before: NaN, after: NaN, pValue: NaN } }));
  return points.map((_, i) => retest(series, points, i));
}

// The first point with the largest key, or the smallest: Python's max() and min(), which keep the
// earlier of two equal keys (and a NaN key once it is first).
function firstBy(points: readonly TestedPoint[], key: (p: TestedPoint) => number, better: (a: number, b: number) => boolean): number {
  let chosen = 0;
  for (let i = 1; i < points.length; i++) if (better(key(points[i]!), key(points[chosen]!))) chosen = i;
  return chosen;
}

const magnitudeOf = (p: TestedPoint): number => changeMagnitude(p.test.before, p.test.after);

/**
 * Thins weak change points (tested, sorted) until each has a p-value below `significance` and a
 * change magnitude above `minMagnitude`; returns the points left, in index order.
 */
export function mergePoints(
  series: readonly number[],
  weak: readonly TestedPoint[],
  significance: number,
  minMagnitude: number,
  rule: NeighbourRule = 'adjacent',
): TestedPoint[] {
  const points = [...weak];
  while (points.length > 0) {
    let weakest = firstBy(
      points,
      (p) => p.test.pValue,
      (a, b) => a > b,
    );
    if (points[weakest]!.test.pValue < significance) {
      weakest = firstBy(points, magnitudeOf, (a, b) => a < b);
      if (magnitudeOf(points[weakest]!) > minMagnitude) return points;
    }
    points.splice(weakest, 1);
    const stale = rule === 'adjacent' ? [weakest - 1, weakest] : [weakest, weakest + 1];
    for (const i of stale) if (i >= 0 && i < points.length) points[i] = retest(series, points, i);
  }
  return points;
}

/** The forward change of a tested point: after / before − 1. */
export function forwardChangeOf(point: TestedPoint): number {
  return forwardChange(point.test.before, point.test.after);
}
