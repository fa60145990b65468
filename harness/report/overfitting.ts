// The overfitting verdict: "SAM seems to prevent overfitting at long training durations". A
// run's drop is its peak test accuracy over its evaluations minus its final one (points); per
// seed, the no-SAM run's drop minus the SAM run's, judged against minPoints. The claim needs
// no-SAM runs that overfit: where their own drop's interval holds 0, it cannot be checked.
import type { RunResult } from '../measure/index.js';
import { exact, pooled, type Estimate } from '../stats/index.js';
import { atPoint, gather, samRunsAt } from './evidence.js';
import { signedPoints } from './format.js';
import { rangeVerdict, type Verdict } from './range-verdict.js';
import { withInterval } from './sub-checks.js';

/** A run's peak test accuracy over its evaluations minus its final accuracy, in points; null without evaluations. */
export function dropFromPeak(run: RunResult): number | null {
  if (!run.finalEval || run.evals.length === 0) return null;
  return 100 * (Math.max(run.finalEval.acc, ...run.evals.map((e) => e.acc)) - run.finalEval.acc);
}

// Each seed's drop, its repeats counted once, pooled with a t-interval over seeds.
function pooledDrop(runs: readonly RunResult[]): Estimate | null {
  const drop = (r: RunResult) => {
    const d = dropFromPeak(r);
    return d === null ? null : exact(d);
  };
  return pooled(gather(runs, drop, 'seed', false).evidence.estimates);
}

/** The verdict of `overfitting`: drop(no SAM) − drop(SAM) at (interval, rho) at or above `minPoints`, inconclusive when no SAM did not overfit. */
export function overfittingVerdict(results: readonly RunResult[], interval: number, rho: number | undefined, minPoints: number): Verdict {
  const byId = new Map(results.map((r) => [r.spec.id, r]));
  const baselineOf = (r: RunResult) => (r.spec.baselineId === null ? undefined : byId.get(r.spec.baselineId));
  const runs = samRunsAt(results, interval, rho);
  const difference = (r: RunResult) => {
    const base = baselineOf(r);
    const [noSam, sam] = [base?.status === 'ok' ? dropFromPeak(base) : null, dropFromPeak(r)];
    return noSam === null || sam === null ? null : exact(noSam - sam);
  };
  const { name, where } = atPoint('overfitting', interval, rho);
  const verdict = rangeVerdict(
    name,
    'overfitting',
    gather(runs, difference, 'seed', true),
    { min: minPoints },
    { where, what: "drop from peak accuracy beside its no-SAM run's (points)" },
  );
  const noSam = pooledDrop(runs.flatMap((r) => baselineOf(r) ?? []));
  const sam = pooledDrop(runs);
  if (!noSam) return verdict;
  const drops = `no-SAM drop from peak ${withInterval(noSam, signedPoints)} points${sam ? `, SAM's ${withInterval(sam, signedPoints)}` : ''}`;
  // Drops are never negative: an interval reaching down to 0 leaves no overfitting to prevent.
  if (noSam.ci95[0] > 0) return { ...verdict, detail: `${verdict.detail}; ${drops}` };
  return {
    ...verdict,
    outcome: 'inconclusive',
    detail: `the no-SAM runs did not overfit: ${drops}, an interval that includes 0, so the claim cannot be checked — train longer or add label noise (\`dataset.labelNoise\`); ${verdict.detail}`,
  };
}
