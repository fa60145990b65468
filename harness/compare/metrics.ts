// The metrics of one matched run, each decided from the samples' distributions: step times by a
// Mann–Whitney U test, the SAM/base ratio and the slowdown by a bootstrap interval of the
// difference, final accuracy by a binomial interval of the difference; every one also needs a
// minimum relative change, so a significant but tiny shift is `unchanged`.
import type { RunResult } from '../measure/index.js';
import {
  bootstrapDifference,
  mannWhitneyU,
  mean,
  median,
  proportionDifferenceInterval,
  smallestMannWhitneyP,
  type GroupStatistic,
} from '../stats/index.js';

// Direction is the user's: slower steps regressed, higher accuracy improved.
/** What a metric did from baseline to current, seen from the user's side. */
export type Verdict = 'improved' | 'unchanged' | 'regressed';

// Row labels of the report.
/** The metrics compared per run (those both runs have). */
export type MetricName = 'base step' | 'SAM step' | 'SAM/base ratio' | 'slowdown' | 'final accuracy';

// One set of thresholds for every metric of a comparison.
/** Thresholds and bootstrap settings of a comparison, all resolved. */
export interface DecisionOptions {
  /** Significance level of every test; intervals have coverage 1 − alpha. */
  alpha: number;
  /** Smallest relative change that counts (0.05 = 5 %). */
  minEffect: number;
  resamples: number;
  seed: number;
}

// Shown in the report's test column: a p-value or an interval.
/** How a metric was decided. */
export type Evidence = { test: 'mann-whitney'; p: number } | { test: 'bootstrap' | 'binomial'; ci: [number, number]; level: number };

// One row of the report.
/** One metric of one matched run. */
export interface MetricComparison {
  metric: MetricName;
  /** Step medians are ms; ratio and accuracy are unitless; slowdown is a fraction (0.07 = 7 %). */
  baseline: number;
  current: number;
  /** Relative change current / baseline − 1; for slowdown, of (1 + slowdown), i.e. of the mean step time ratio. */
  change: number;
  evidence: Evidence;
  verdict: Verdict;
  /** Why the test could not decide, when that is known in advance (too few samples). */
  note: string | null;
}

// Both the test and the size must agree: significant, at least minEffect, and in the same direction.
/** The verdict for a relative `change` given the sign of significant evidence (+1 up, −1 down, 0 none). */
export function decide(evidence: -1 | 0 | 1, change: number, minEffect: number, higherIsBetter: boolean): Verdict {
  if (evidence === 0 || Math.sign(change) !== evidence || Math.abs(change) < minEffect) return 'unchanged';
  return evidence > 0 === higherIsBetter ? 'improved' : 'regressed';
}

const fromInterval = (ci: [number, number]): -1 | 0 | 1 => (ci[0] > 0 ? 1 : ci[1] < 0 ? -1 : 0);

// Step-time distributions are skewed with outliers: a rank test, not a t-test.
/** Step times (ms) of one kind: medians, and a two-sided Mann–Whitney U test at `alpha`; higher is worse. */
export function compareStepTimes(
  metric: 'base step' | 'SAM step',
  baseline: readonly number[],
  current: readonly number[],
  o: DecisionOptions,
): MetricComparison {
  const b = median(baseline);
  const c = median(current);
  const { p } = mannWhitneyU(baseline, current);
  const change = c / b - 1;
  const tooFew = smallestMannWhitneyP(baseline.length, current.length) >= o.alpha;
  const evidence = p < o.alpha ? (Math.sign(change) as -1 | 0 | 1) : 0;
  return {
    metric,
    baseline: b,
    current: c,
    change,
    evidence: { test: 'mann-whitney', p },
    verdict: decide(evidence, change, o.minEffect, false),
    note: tooFew ? `${baseline.length} vs ${current.length} steps cannot reach p < ${o.alpha}` : null,
  };
}

function compareByBootstrap(
  metric: 'SAM/base ratio' | 'slowdown',
  baselineGroups: number[][],
  currentGroups: number[][],
  statistic: GroupStatistic,
  relative: (b: number, c: number) => number,
  o: DecisionOptions,
): MetricComparison {
  const d = bootstrapDifference(baselineGroups, currentGroups, statistic, { resamples: o.resamples, seed: o.seed, level: 1 - o.alpha });
  const change = relative(d.baseline, d.current);
  return {
    metric,
    baseline: d.baseline,
    current: d.current,
    change,
    evidence: { test: 'bootstrap', ci: d.ci, level: d.level },
    verdict: decide(fromInterval(d.ci), change, o.minEffect, false),
    note: null,
  };
}

// Base steps of the run itself, or of its no-SAM run when it has too few (interval 1), as measure/ does.
function referenceBaseSteps(run: RunResult, noSam: RunResult | undefined): number[] | null {
  if (run.stepsMs.base.length >= 2) return run.stepsMs.base;
  return noSam && noSam.stepsMs.base.length >= 2 ? noSam.stepsMs.base : null;
}

// A ratio of medians has no simple sampling distribution: bootstrap it.
/** median(SAM steps) / median(base steps), with a bootstrap interval of its change; higher is worse. */
export function compareStepRatio(
  baseline: RunResult,
  baselineNoSam: RunResult | undefined,
  current: RunResult,
  currentNoSam: RunResult | undefined,
  o: DecisionOptions,
): MetricComparison | null {
  const bRef = referenceBaseSteps(baseline, baselineNoSam);
  const cRef = referenceBaseSteps(current, currentNoSam);
  if (!bRef || !cRef || baseline.stepsMs.sam.length < 2 || current.stepsMs.sam.length < 2) return null;
  const ratio: GroupStatistic = ([sam, base]) => median(sam!) / median(base!);
  return compareByBootstrap('SAM/base ratio', [baseline.stepsMs.sam, bRef], [current.stepsMs.sam, cRef], ratio, (b, c) => c / b - 1, o);
}

// The whole-run cost of SAM, the figure the seed reports; bootstrapped like the ratio.
/** Mean step of a SAM run over its no-SAM run's, minus 1, with a bootstrap interval of its change; higher is worse. */
export function compareSlowdown(
  baseline: RunResult,
  baselineNoSam: RunResult,
  current: RunResult,
  currentNoSam: RunResult,
  o: DecisionOptions,
): MetricComparison | null {
  const groups = (run: RunResult, noSam: RunResult) => [run.stepsMs.base, run.stepsMs.sam, [...noSam.stepsMs.base, ...noSam.stepsMs.sam]];
  const b = groups(baseline, baselineNoSam);
  const c = groups(current, currentNoSam);
  if ([b, c].some(([base, sam, reference]) => base!.length + sam!.length < 2 || reference!.length < 2)) return null;
  // Step kinds are resampled apart, so every resample keeps the run's own share of SAM steps.
  const slowdown: GroupStatistic = ([base, sam, reference]) => mean([...base!, ...sam!]) / mean(reference!) - 1;
  return compareByBootstrap('slowdown', b, c, slowdown, (bv, cv) => (1 + cv) / (1 + bv) - 1, o);
}

// One accuracy per run, but each is a proportion over many test samples: that is its distribution.
/** Final top-1 accuracy, with a normal-approximation interval of the difference of two proportions; higher is better. */
export function compareAccuracy(baseline: RunResult, current: RunResult, o: DecisionOptions): MetricComparison | null {
  const b = baseline.finalEval;
  const c = current.finalEval;
  if (!b || !c || b.samples < 1 || c.samples < 1) return null;
  const ci = proportionDifferenceInterval(b.acc, b.samples, c.acc, c.samples, o.alpha);
  const change = b.acc > 0 ? c.acc / b.acc - 1 : c.acc - b.acc;
  const evidence: Evidence = { test: 'binomial', ci, level: 1 - o.alpha };
  return {
    metric: 'final accuracy',
    baseline: b.acc,
    current: c.acc,
    change,
    evidence,
    verdict: decide(fromInterval(ci), change, o.minEffect, true),
    note: null,
  };
}
