// A configuration with one process per side has no process-to-process spread, so the best there
// is the step-level evidence of old: Mann–Whitney U on step times, a bootstrap over steps for the
// ratio and the slowdown. On a shared machine two identical processes differ by 10–40 %, which
// such tests read as highly significant (an A/A compare flagged 3 of 3 runs), so a change they see
// is `unresolved`, never `regressed`: it may be the machine. No change seen stays `unchanged`,
// since process noise could only widen the interval.
import type { RunResult } from '../measure/index.js';
import { bootstrapDifference, mannWhitneyU, mean, median, smallestMannWhitneyP, type GroupStatistic } from '../stats/index.js';
import type { DecisionOptions, MetricComparison } from './metrics.js';
import { noSamProcess, referenceBaseSteps, type FinishedById, type TimingMetric } from './process-values.js';

// What the step-level test says: a significant change at least minEffect in the estimate's direction.
function stepLevelVerdict(significant: boolean, change: number, minEffect: number): 'unresolved' | 'unchanged' {
  return significant && Math.abs(change) >= minEffect ? 'unresolved' : 'unchanged';
}

function row(metric: TimingMetric, baseline: number, current: number, change: number): Omit<MetricComparison, 'evidence' | 'verdict'> {
  return { metric, baseline, current, change, processes: [1, 1], mde: null, caveat: { kind: 'one-process' } };
}

// Step-time distributions are skewed with outliers: a rank test, not a t-test.
function stepTimes(
  metric: 'base step' | 'SAM step',
  b: readonly number[],
  c: readonly number[],
  o: DecisionOptions,
): MetricComparison | null {
  if (b.length === 0 || c.length === 0) return null;
  const change = median(c) / median(b) - 1;
  const { p } = mannWhitneyU(b, c);
  const result = { ...row(metric, median(b), median(c), change), evidence: { test: 'mann-whitney' as const, p } };
  if (smallestMannWhitneyP(b.length, c.length) >= o.alpha)
    return { ...result, verdict: 'unchanged', caveat: { kind: 'too-few-steps', steps: [b.length, c.length] } };
  return { ...result, verdict: stepLevelVerdict(p < o.alpha, change, o.minEffect) };
}

// A ratio of medians or a slowdown has no simple sampling distribution: bootstrap the steps.
function byBootstrap(metric: TimingMetric, b: number[][], c: number[][], statistic: GroupStatistic, o: DecisionOptions): MetricComparison {
  const d = bootstrapDifference(b, c, statistic, { resamples: o.resamples, seed: o.seed, level: 1 - o.alpha });
  // For slowdown, the change of (1 + slowdown); for the ratio, of the ratio.
  const change = metric === 'slowdown' ? (1 + d.current) / (1 + d.baseline) - 1 : d.current / d.baseline - 1;
  return {
    ...row(metric, d.baseline, d.current, change),
    evidence: { test: 'bootstrap', ci: d.ci, level: d.level },
    verdict: stepLevelVerdict(d.ci[0] > 0 || d.ci[1] < 0, change, o.minEffect),
  };
}

// Groups of steps behind the ratio of one process: its SAM steps and its reference base steps.
function ratioGroups(run: RunResult, finished: FinishedById): number[][] | null {
  const reference = referenceBaseSteps(run, noSamProcess(run, finished));
  return reference && run.stepsMs.sam.length >= 2 ? [run.stepsMs.sam, reference] : null;
}

// Groups behind the slowdown: base and SAM steps apart (each resample keeps the run's share of SAM steps), then the no-SAM run's.
function slowdownGroups(run: RunResult, finished: FinishedById): number[][] | null {
  const noSam = noSamProcess(run, finished);
  if (!noSam) return null;
  const groups = [run.stepsMs.base, run.stepsMs.sam, [...noSam.stepsMs.base, ...noSam.stepsMs.sam]];
  return groups[0]!.length + groups[1]!.length >= 2 && groups[2]!.length >= 2 ? groups : null;
}

/**
 * Step-level evidence for a timing metric of one process per side (`finished` maps each bench's
 * run ids to its finished runs); verdict `unresolved` when it sees a change, else `unchanged`;
 * null when either process lacks the metric.
 */
export function compareOneProcess(
  metric: TimingMetric,
  baseline: RunResult,
  current: RunResult,
  finished: [FinishedById, FinishedById],
  o: DecisionOptions,
): MetricComparison | null {
  if (metric === 'base step') return stepTimes(metric, baseline.stepsMs.base, current.stepsMs.base, o);
  if (metric === 'SAM step') return stepTimes(metric, baseline.stepsMs.sam, current.stepsMs.sam, o);
  // The within-run slowdown of one process per side: nothing beyond what the ratio's bootstrap already says.
  if (!baseline.spec.sam || !current.spec.sam || metric === 'within-run slowdown') return null;
  const groupsOf = metric === 'SAM/base ratio' ? ratioGroups : slowdownGroups;
  const b = groupsOf(baseline, finished[0]);
  const c = groupsOf(current, finished[1]);
  if (!b || !c) return null;
  const statistic: GroupStatistic =
    metric === 'SAM/base ratio'
      ? ([sam, base]) => median(sam!) / median(base!)
      : ([base, sam, reference]) => mean([...base!, ...sam!]) / mean(reference!) - 1;
  return byBootstrap(metric, b, c, statistic, o);
}
