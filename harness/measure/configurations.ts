// Joins cost and gain per configuration: the runs of one setting (all seeds) pooled into a
// slowdown, an accuracy with its spread, and the accuracy gain over the no-SAM runs.
import { computeStatistics, exact, pooled, toSamples, type Estimate } from '../stats/index.js';
import type { RunResult } from './run-result.js';

/** One configuration (a suite setting over all its seeds and repeats). */
export interface ConfigurationSummary {
  /** e.g. `SAM k=10 rho=0.5 bs=128 lr=0.01` or `no SAM bs=128 lr=0.01`. */
  label: string;
  interval: number | null;
  rho: number | null;
  batchSize: number;
  learningRate: number;
  runs: number;
  okRuns: number;
  seeds: number[];
  /** The ok runs' SAM/base step ratios (ratio of medians) pooled: what the step-ratio verdict judges. */
  stepRatio: Estimate | null;
  /** The ok runs' slowdowns against their no-SAM runs (ratio of means − 1) pooled. */
  slowdown: Estimate | null;
  /** The ok runs' slowdowns against their own base steps pooled: what a within-run slowdown verdict judges. */
  slowdownWithinRun: Estimate | null;
  /** Final top-1 accuracy over seeds (0–1): mean, sd and 95% t-interval. */
  accuracy: { mean: number; sd: number; ci95: [number, number] } | null;
  /** Accuracy minus the same-seed no-SAM run's, in points, pooled over seeds. */
  accuracyGain: Estimate | null;
  /** Mean training seconds to the target accuracy over the runs that reached it. */
  timeToTargetS: number | null;
}

function labelOf(s: RunResult): string {
  const { sam, dataset, optimizer } = s.spec;
  const setting = sam ? `SAM k=${sam.interval} rho=${sam.rho}${sam.adaptive ? ' adaptive' : ''}` : 'no SAM';
  return `${setting} bs=${dataset.batchSize} lr=${optimizer.learningRate}`;
}

// Repeats of a seed train identically: accuracy takes the first finished process of each seed.
function onePerSeed(ok: readonly RunResult[]): RunResult[] {
  const seen = new Set<number>();
  return ok.filter((r) => !seen.has(r.spec.seed) && seen.add(r.spec.seed));
}

/** Groups run results by everything but the seed and the repeat, in first-seen order. */
export function summarizeConfigurations(results: readonly RunResult[]): ConfigurationSummary[] {
  const groups = new Map<string, RunResult[]>();
  for (const s of results) groups.set(labelOf(s), [...(groups.get(labelOf(s)) ?? []), s]);
  return [...groups].map(([label, runs]) => {
    const ok = runs.filter((r) => r.status === 'ok');
    const perSeed = onePerSeed(ok);
    const accuracies = perSeed.flatMap((r) => (r.finalEval === null ? [] : [r.finalEval.acc]));
    const accuracyStats = accuracies.length ? computeStatistics(toSamples(accuracies, `${label} accuracies`)) : null;
    const times = perSeed.flatMap((r) => (r.timeToTargetMs === null ? [] : [r.timeToTargetMs / 1000]));
    const { spec } = runs[0]!;
    return {
      label,
      interval: spec.sam?.interval ?? null,
      rho: spec.sam?.rho ?? null,
      batchSize: spec.dataset.batchSize,
      learningRate: spec.optimizer.learningRate,
      runs: runs.length,
      okRuns: ok.length,
      seeds: [...new Set(runs.map((r) => r.spec.seed))],
      stepRatio: pooled(ok.flatMap((r) => (r.stepRatio ? [r.stepRatio] : []))),
      slowdown: pooled(ok.flatMap((r) => (r.slowdown ? [r.slowdown] : []))),
      slowdownWithinRun: pooled(ok.flatMap((r) => (r.slowdownWithinRun ? [r.slowdownWithinRun] : []))),
      accuracy: accuracyStats && { mean: accuracyStats.mean, sd: accuracyStats.sd, ci95: accuracyStats.ci95 },
      accuracyGain: pooled(perSeed.flatMap((r) => (r.accuracyGain === null ? [] : [exact(r.accuracyGain)]))),
      timeToTargetS: times.length ? times.reduce((a, b) => a + b, 0) / times.length : null,
    };
  });
}
