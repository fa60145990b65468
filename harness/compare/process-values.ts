// One value per process for each timing metric: the process, not the step, is the sample of a
// configuration, because the steps of one process share one state of the machine.
import type { RunResult } from '../measure/index.js';
import { mean, median } from '../stats/index.js';
import type { MetricName } from './metrics.js';

// Timing metrics have a value per process; accuracy has one per configuration (metrics.ts).
/** The metrics decided from per-process values. */
export type TimingMetric = Exclude<MetricName, 'final accuracy'>;

// Report order.
/** Every timing metric, in the order compare prints them. */
export const TIMING_METRICS: readonly TimingMetric[] = ['base step', 'SAM step', 'SAM/base ratio', 'slowdown', 'within-run slowdown'];

// Finished processes of one bench by run id: where a SAM process finds its no-SAM process.
/** Run id → finished run, over one whole bench. */
export type FinishedById = ReadonlyMap<string, RunResult>;

// The no-SAM process of the same round (the suite pairs them by round), if it finished.
/** The finished no-SAM run a SAM run names as its baseline, if any. */
export function noSamProcess(run: RunResult, finished: FinishedById): RunResult | undefined {
  return run.spec.baselineId ? finished.get(run.spec.baselineId) : undefined;
}

// Base steps of the run itself, or of its no-SAM process when it has too few (interval 1), as measure/ does.
/** The base step times a SAM/base ratio divides by; null when neither the run nor its no-SAM run has two. */
export function referenceBaseSteps(run: RunResult, noSam: RunResult | undefined): number[] | null {
  if (run.stepsMs.base.length >= 2) return run.stepsMs.base;
  return noSam && noSam.stepsMs.base.length >= 2 ? noSam.stepsMs.base : null;
}

const allSteps = (r: RunResult) => [...r.stepsMs.base, ...r.stepsMs.sam];

// Medians for step times and the ratio (robust to a process's outlier steps); means for the
// slowdown, which is about total time. All positive, so they can be compared on a log scale.
/**
 * The value of `metric` for one finished process, or null when it has none: median step time (ms)
 * of a kind; median SAM step / median reference base step; 1 + slowdown = mean measured step /
 * mean measured step of its no-SAM process (as 1 + slowdown, so it stays positive); or 1 + the
 * within-run slowdown (against the process's own base steps, at interval > 1: no other process's noise).
 */
export function processValue(metric: TimingMetric, run: RunResult, finished: FinishedById): number | null {
  const { base, sam } = run.stepsMs;
  if (metric === 'base step') return base.length > 0 ? median(base) : null;
  if (metric === 'SAM step') return sam.length > 0 ? median(sam) : null;
  if (!run.spec.sam || sam.length === 0) return null;
  if (metric === 'within-run slowdown') return run.slowdownWithinRun ? 1 + run.slowdownWithinRun.value : null;
  const noSam = noSamProcess(run, finished);
  if (metric === 'SAM/base ratio') {
    const reference = referenceBaseSteps(run, noSam);
    return reference ? median(sam) / median(reference) : null;
  }
  // 1 + slowdown = mean(all steps) / mean(all steps of the no-SAM process)
  const reference = noSam ? allSteps(noSam) : [];
  return reference.length > 0 ? mean(allSteps(run)) / mean(reference) : null;
}

// The run is kept beside its value, for the step-level test when there is one per side.
/** `metric` for each of `runs` (finished processes of one configuration) that has a positive finite value. */
export function processValues(
  metric: TimingMetric,
  runs: readonly RunResult[],
  finished: FinishedById,
): { run: RunResult; value: number }[] {
  return runs.flatMap((run) => {
    const value = processValue(metric, run, finished);
    return value !== null && value > 0 && Number.isFinite(value) ? [{ run, value }] : [];
  });
}
