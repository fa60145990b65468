// The two-sided Mann–Whitney U test (Wilcoxon rank-sum) with the normal approximation, tie
// correction and continuity correction: scipy.stats.mannwhitneyu(x, y, method='asymptotic').
import { normalSf } from './normal.js';

// U, z and p, named as scipy names them, so results can be checked against it.
/** Result of {@link mannWhitneyU}. */
export interface MannWhitneyResult {
  /** U of the first sample: the number of pairs (x, y) with x > y, ties counting ½ (scipy's `statistic`). */
  u: number;
  /** Standard normal deviate of max(U, n₁n₂ − U), continuity-corrected; 0 when every value is tied. */
  z: number;
  /** Two-sided p-value in [0, 1]; 1 when every value is tied. */
  p: number;
}

// Mid-ranks (1-based) of the pooled values and Σ(t³ − t) over the groups of ties.
function rankPooled(values: readonly number[]): { ranks: number[]; tieTerm: number } {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  let tieTerm = 0;
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && order[end]![0] === order[start]![0]) end += 1;
    const midRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k += 1) ranks[order[k]![1]] = midRank;
    const t = end - start;
    tieTerm += t ** 3 - t;
    start = end;
  }
  return { ranks, tieTerm };
}

// Do two samples come from one distribution? Rank-based, so robust to the long right tail of step times.
/**
 * Two-sided Mann–Whitney U test of `x` against `y` (each non-empty, finite values), as
 * scipy's `mannwhitneyu(x, y, alternative='two-sided', method='asymptotic', use_continuity=True)`.
 * Valid for samples of about 8 or more each; smaller ones give approximate p-values.
 */
export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError(`Mann–Whitney U needs two non-empty samples; got ${n1} and ${n2} values`);
  const pooled = [...x, ...y];
  const bad = pooled.find((v) => !Number.isFinite(v));
  if (bad !== undefined) throw new RangeError(`Mann–Whitney U needs finite values; got ${bad}`);
  const { ranks, tieTerm } = rankPooled(pooled);
  const rankSumX = ranks.slice(0, n1).reduce((sum, r) => sum + r, 0);
  // U₁ = R₁ − n₁(n₁ + 1)/2
  const u = rankSumX - (n1 * (n1 + 1)) / 2;
  const n = n1 + n2;
  const mu = (n1 * n2) / 2;
  // σ² = n₁n₂/12 · ((n + 1) − Σ(t³ − t) / (n(n − 1)))
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (!(variance > 0)) return { u, z: 0, p: 1 };
  // z of the larger U, 0.5 toward the mean for continuity; p = 2 · P(Z > z)
  const z = (Math.max(u, n1 * n2 - u) - mu - 0.5) / Math.sqrt(variance);
  return { u, z, p: Math.min(1, 2 * normalSf(z)) };
}

// The smallest p the test can give with these sample sizes: the samples fully separated, no ties.
/** The smallest two-sided p-value {@link mannWhitneyU} can return for samples of n1 and n2 values. */
export function smallestMannWhitneyP(n1: number, n2: number): number {
  const sd = Math.sqrt((n1 * n2 * (n1 + n2 + 1)) / 12);
  return Math.min(1, 2 * normalSf(((n1 * n2) / 2 - 0.5) / sd));
}
