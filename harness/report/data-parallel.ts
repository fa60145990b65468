// The data-parallel verdict: Composer does not all-reduce SAM's first gradient, which its card
// says makes the throughput impact "slightly less than expected" and "appears to even slightly
// improve quality". At each world size > 1, SAM runs with `torch.syncFirstGradient` false
// (unsynced) against true (synced), same seed and other settings: the slowdown saved, one value
// per process pair, and (with evaluation) the accuracy kept, one value per seed.
import type { RunResult } from '../measure/index.js';
import { gather, pairKey, pairedDifference, samRunsAt } from './evidence.js';
import { pct, signedPct, signedPoints } from './format.js';
import { describeRange, type Verdict } from './range-verdict.js';
import { lowestEstimate, subCheck, subChecksVerdict, type SubCheck } from './sub-checks.js';

const worldSizeOf = (r: RunResult) => r.spec.torch?.worldSize ?? 1;
const synced = (r: RunResult) => r.spec.torch?.syncFirstGradient === true;

// The runs one syncFirstGradient apart: the same seed and settings (and, for timing, the same repeat).
const syncPairKey = (run: RunResult, sameRepeat: boolean) =>
  pairKey(run, { torch: { ...run.spec.torch, syncFirstGradient: null }, ...(sameRepeat ? { repeat: run.spec.repeat } : {}) });

/** One comparison of unsynced with synced runs: what it reads, how it pairs, and its bound. */
interface Comparison {
  label: string;
  /** Timing pairs one process with one (same repeat); accuracy one seed with one. */
  unit: 'process' | 'seed';
  value: (r: RunResult) => number | null;
  /** The unsynced run's advantage from its own value and its synced partner's. */
  advantage: (own: number, partner: number) => number;
  min: number;
  what: string;
  format: (x: number) => string;
}

// The slowdown saved, and with evaluation the accuracy kept, by the unsynced runs.
function comparisons(evaluated: boolean, minSpeedup: number, minPoints: number): Comparison[] {
  const slowdown: Comparison = {
    label: 'slowdown saved',
    unit: 'process',
    value: (r) => r.slowdown?.value ?? null,
    advantage: (own, partner) => partner - own,
    min: minSpeedup,
    what: 'slowdown beside a synced run of the same seed and repeat',
    format: signedPct,
  };
  const accuracy: Comparison = {
    label: 'accuracy kept',
    unit: 'seed',
    value: (r) => (r.finalEval ? 100 * r.finalEval.acc : null),
    advantage: (own, partner) => own - partner,
    min: minPoints,
    what: 'final accuracy beside a synced run of the same seed',
    format: signedPoints,
  };
  return evaluated ? [slowdown, accuracy] : [slowdown];
}

// At world size `w`: each comparison of the unsynced runs with their synced partners.
function worldSizeRows(runs: readonly RunResult[], w: number, minSpeedup: number, minPoints: number): SubCheck[] {
  const atW = runs.filter((r) => worldSizeOf(r) === w);
  const [unsynced, syncedRuns] = [atW.filter((r) => !synced(r)), atW.filter(synced)];
  const evaluated = atW.some((r) => r.spec.evaluation !== null);
  return comparisons(evaluated, minSpeedup, minPoints).map((c) => {
    const pairs = pairedDifference(syncedRuns, (r) => syncPairKey(r, c.unit === 'process'), c.value, c.advantage);
    const where = `unsynced SAM runs at world size ${w}`;
    return subCheck(
      `world size ${w}, ${c.label}`,
      gather(unsynced, pairs, c.unit, true),
      { min: c.min },
      { where, what: c.what },
      c.format,
    );
  });
}

/** The verdict of `data-parallel`: at every world size > 1, unsynced SAM saves at least `minSpeedup` of slowdown and keeps at least `minPoints` of accuracy. */
export function dataParallelVerdict(results: readonly RunResult[], interval: number, minSpeedup: number, minPoints: number): Verdict {
  const range = { min: minSpeedup };
  const base = {
    expectation: `data-parallel@interval=${interval}`,
    kind: 'data-parallel' as const,
    range,
    expected: `slowdown(synced) − slowdown(unsynced) in ${describeRange(range, pct)}, acc(unsynced) − acc(synced) ≥ ${minPoints} points, at every world size > 1`,
  };
  const runs = samRunsAt(results, interval).filter((r) => worldSizeOf(r) > 1);
  const sizes = [...new Set(runs.map(worldSizeOf))].sort((a, b) => a - b);
  const bothWays = sizes.filter(
    (w) => runs.some((r) => worldSizeOf(r) === w && synced(r)) && runs.some((r) => worldSizeOf(r) === w && !synced(r)),
  );
  if (bothWays.length === 0) {
    const found = sizes.length === 0 ? 'none at a world size > 1' : `world sizes ${sizes.join(', ')} lack one of the two`;
    const detail = `no usable run: needs PyTorch SAM runs at interval ${interval} at a world size > 1 with \`torch.syncFirstGradient\` both false and true (${found})`;
    return { ...base, measured: null, ci95: null, outcome: 'inconclusive', detail };
  }
  const rows = sizes.flatMap((w) => worldSizeRows(runs, w, minSpeedup, minPoints));
  // The headline is the slowdown saved (the kind's unit): the lowest over the world sizes.
  const headline = lowestEstimate(rows.filter((row) => row.label.endsWith('slowdown saved')));
  return subChecksVerdict(base, 'unsynced first gradient (Composer) against synced, same seed', rows, headline);
}
