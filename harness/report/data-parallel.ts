// The data-parallel verdict: Composer does not all-reduce SAM's first gradient, which its card
// says makes the throughput impact "slightly less than expected" and "appears to even slightly
// improve quality". At each world size > 1, SAM runs with `torch.syncFirstGradient` false
// (unsynced) against true (synced), same seed and other settings: the slowdown saved, one value
// per process pair, and (with evaluation) the accuracy kept, one value per seed.
import type { RunResult } from '../measure/index.js';
import { exact } from '../stats/index.js';
import { gather, pairKey, partnerMean, samRunsAt } from './evidence.js';
import { pct, signed, signedPct } from './format.js';
import { describeRange, type Verdict } from './range-verdict.js';
import { lowestEstimate, subCheck, subChecksVerdict, type SubCheck } from './sub-checks.js';

const points = (x: number) => signed(x, 2);
const worldSizeOf = (r: RunResult) => r.spec.torch?.worldSize ?? 1;
const synced = (r: RunResult) => r.spec.torch?.syncFirstGradient === true;

// The runs one syncFirstGradient apart: the same seed and settings (and, for timing, the same repeat).
const syncPairKey = (run: RunResult, sameRepeat: boolean) =>
  pairKey(run, { torch: { ...run.spec.torch, syncFirstGradient: null }, ...(sameRepeat ? { repeat: run.spec.repeat } : {}) });

// At world size `w`: the unsynced runs' slowdown below their synced partners', and their accuracy above it.
function worldSizeRows(runs: readonly RunResult[], w: number, minSpeedup: number, minPoints: number): SubCheck[] {
  const atW = runs.filter((r) => worldSizeOf(r) === w);
  const [unsynced, syncedRuns] = [atW.filter((r) => !synced(r)), atW.filter(synced)];
  const where = `unsynced SAM runs at world size ${w}`;
  const slowdownOf = partnerMean(
    syncedRuns,
    (r) => syncPairKey(r, true),
    (r) => r.slowdown?.value ?? null,
  );
  const saved = (r: RunResult) => {
    const partner = slowdownOf(r);
    return partner === null || r.slowdown === null ? null : exact(partner - r.slowdown.value);
  };
  const rows = [
    subCheck(
      `world size ${w}, slowdown saved`,
      gather(unsynced, saved, 'process', true),
      { min: minSpeedup },
      { where, what: 'slowdown beside a synced run of the same seed and repeat' },
      signedPct,
    ),
  ];
  if (!atW.some((r) => r.spec.evaluation !== null)) return rows;
  const accuracyOf = partnerMean(
    syncedRuns,
    (r) => syncPairKey(r, false),
    (r) => r.finalEval?.acc ?? null,
  );
  const kept = (r: RunResult) => {
    const partner = accuracyOf(r);
    return partner === null || !r.finalEval ? null : exact(100 * (r.finalEval.acc - partner));
  };
  rows.push(
    subCheck(
      `world size ${w}, accuracy kept`,
      gather(unsynced, kept, 'seed', true),
      { min: minPoints },
      { where, what: 'final accuracy beside a synced run of the same seed' },
      points,
    ),
  );
  return rows;
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
