// Which runs a verdict counts and as what unit: the SAM runs at an interval, and their values
// as evidence for verdict-rule.ts — one per process, or one per seed with its repeats averaged.
import type { RunSpec } from '../../schemas/index.js';
import type { RunResult } from '../measure/index.js';
import { exact, mean, type Estimate } from '../stats/index.js';
import type { Evidence } from './verdict-rule.js';

/** The SAM runs (any status), or those at `interval` (and `rho`, when given). */
export const samRunsAt = (results: readonly RunResult[], interval?: number, rho?: number) =>
  results.filter(
    (s) => s.spec.sam && (interval === undefined || s.spec.sam.interval === interval) && (rho === undefined || s.spec.sam.rho === rho),
  );

/** The name and the runs' description of a verdict on the SAM runs at `interval` (and `rho`). */
export function atPoint(kind: string, interval: number, rho: number | undefined): { name: string; where: string } {
  const rhoPart = rho === undefined ? '' : `,rho=${rho}`;
  return {
    name: `${kind}@interval=${interval}${rhoPart}`,
    where: `SAM runs at interval ${interval}${rho === undefined ? '' : ` and rho ${rho}`}`,
  };
}

/** The key shared by the runs of one configuration and seed (whatever their repeat) once `overrides` replace the settings compared. */
export const pairKey = ({ spec }: RunResult, overrides: Partial<Record<keyof RunSpec, unknown>> = {}) =>
  JSON.stringify({ ...spec, id: null, repeat: null, baselineId: null, ...overrides });

// Two SAM runs that differ only in rho (and where it came from) were trained on the same seed,
// data and settings: a paired comparison of rho.
/** The key shared by the runs of one seed and setting whatever their rho. */
export const rhoPairKey = (run: RunResult) => pairKey(run, { sam: run.spec.sam && { ...run.spec.sam, rho: null, rhoPerInterval: null } });

// A paired comparison: each run against the runs of the other setting that share its key (its
// seed, or its seed and repeat), their repeats averaged.
/**
 * For a run, `difference(its value, the mean value of the ok `partners` with its `key`)` as an
 * exact estimate, for {@link gather}; null when it or its partners have no value.
 */
export function pairedDifference(
  partners: readonly RunResult[],
  key: (r: RunResult) => string,
  value: (r: RunResult) => number | null,
  difference: (own: number, partner: number) => number,
): (r: RunResult) => Estimate | null {
  const byKey = new Map<string, number[]>();
  for (const p of partners) {
    const v = p.status === 'ok' ? value(p) : null;
    if (v !== null) byKey.set(key(p), [...(byKey.get(key(p)) ?? []), v]);
  }
  return (r) => {
    const partner = byKey.get(key(r));
    const own = value(r);
    return partner && own !== null ? exact(difference(own, mean(partner))) : null;
  };
}

/** What {@link gather} found: the evidence, the failed runs (`id: reason`) and how many succeeded without a value. */
export interface Gathered {
  evidence: Evidence;
  failed: string[];
  withoutValue: number;
}

// Runs of one seed in several settings (batch sizes, regularisers, world sizes) share its data
// order and initial weights: they are not independent samples, so a seed counts once, its
// settings averaged, and an interval over seeds is not narrowed by the settings a suite sweeps.
/** The values of `runs` (successful ones) as evidence: one per process, or one per seed with its repeats and settings averaged. */
export function gather(
  runs: readonly RunResult[],
  pick: (r: RunResult) => Estimate | null,
  unit: Evidence['unit'],
  crossProcess: boolean,
): Gathered {
  const valued = runs.flatMap((r) => {
    const value = r.status === 'ok' ? pick(r) : null;
    return value ? [{ run: r, value }] : [];
  });
  let estimates = valued.map((v) => v.value);
  if (unit === 'seed') {
    const bySeed = new Map<number, number[]>();
    for (const { run, value } of valued) bySeed.set(run.spec.seed, [...(bySeed.get(run.spec.seed) ?? []), value.value]);
    estimates = [...bySeed.values()].map((values) => exact(mean(values)));
  }
  const evidence: Evidence = { estimates, unit, crossProcess };
  const failed = runs.filter((r) => r.status !== 'ok').map((r) => `${r.spec.id}: ${r.reason ?? 'unknown'}`);
  return { evidence, failed, withoutValue: runs.length - failed.length - valued.length };
}
