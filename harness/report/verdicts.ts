// Checks a suite's `expect` list against the run results: one verdict per expectation, with
// the measured value, its interval, what was expected, and pass, fail or inconclusive by the
// rule of verdict-rule.ts. Which runs count, and as what unit, is decided here.
import type { Expectation, ExpectationKind, VerdictKind } from '../../schemas/index.js';
import type { RunResult } from '../measure/index.js';
import { exact, lawRatio, predictedSlowdown, type Estimate } from '../stats/index.js';
import { atPoint, gather, samRunsAt } from './evidence.js';
import { pct } from './format.js';
import { dataParallelVerdict } from './data-parallel.js';
import { memoryOverheadVerdict } from './memory-overhead.js';
import { overfittingVerdict } from './overfitting.js';
import { rangeVerdict, type Verdict } from './range-verdict.js';
import { gainDiminishesVerdict } from './regulariser-gain.js';
import { rhoScalingAccuracyVerdict } from './rho-accuracy.js';
import { combineOutcomes, judge, type Outcome } from './verdict-rule.js';
import { noUsableRunText, undecidedText } from './verdict-wording.js';

/** The kinds of check a verdict reports: the expectation kinds without their old names (schemas/registry/expectations.json). */
export type { VerdictKind };
export { describeRange, verdictValueFormat, writtenAsPercent, type Verdict } from './range-verdict.js';

// |estimate − target| with its interval: the distance of each end, 0 when the interval holds the target.
function distanceFrom({ value, ci95: [lo, hi] }: Estimate, target: number): Estimate {
  const ends = [Math.abs(lo - target), Math.abs(hi - target)];
  const low = lo <= target && target <= hi ? 0 : Math.min(...ends);
  return { value: Math.abs(value - target), ci95: [low, Math.max(...ends)] };
}

// Each interval's slowdown against (r − 1)/k ± tolerance. Every rho at an interval is pooled:
// rho changes what a SAM step computes, not what it costs.
function slowdownLawVerdict(results: readonly RunResult[], tolerance: number): Verdict {
  const base = { expectation: 'slowdown-law', kind: 'slowdown-law' as const, range: { max: tolerance } };
  const expected = `gap to (r−1)/k ≤ ${pct(tolerance)}`;
  const runs = samRunsAt(results).filter((s) => s.status === 'ok');
  const r = lawRatio(runs.flatMap((s) => (s.stepRatio ? [s.stepRatio.value] : [])));
  const perK = [...new Set(runs.map((s) => s.spec.sam!.interval))].sort((a, b) => a - b);
  if (r === null || perK.length < 2) {
    const found = perK.length === 0 ? 'none' : `only k=${perK.join(', ')}`;
    const detail = `no usable run: needs successful SAM runs at two or more intervals (${found}) — list them in \`matrix.interval\``;
    return { ...base, measured: null, ci95: null, expected, outcome: 'inconclusive', detail };
  }
  // Each interval's slowdown against its band (r − 1)/k ± tolerance, by the same rule as a range.
  const rows = perK.map((k) => {
    const predicted = predictedSlowdown(r, k);
    const atK = gather(samRunsAt(runs, k), (s) => s.slowdown, 'process', true);
    const judged = judge(atK.evidence, { min: predicted - tolerance, max: predicted + tolerance });
    const outcome: Outcome = judged?.outcome ?? 'inconclusive';
    const measured = judged ? `${pct(judged.estimate.value)} [${pct(judged.estimate.ci95[0])}, ${pct(judged.estimate.ci95[1])}]` : 'n/a';
    const text = `k=${k}: slowdown ${measured} vs predicted ${pct(predicted)} ± ${pct(tolerance)}: ${outcome}`;
    const missing = { where: `SAM runs at interval ${k}`, what: 'slowdown against the no-SAM run', ...atK };
    const advice = !judged ? noUsableRunText(missing) : judged.undecided && undecidedText(judged.undecided, judged.estimate.ci95, pct);
    const gap = judged ? distanceFrom(judged.estimate, predicted) : null;
    return { k, gap, outcome, text, advice };
  });
  // The interval farthest from its prediction is the headline; an interval without a value makes it unknown.
  const farthest = rows.every((row) => row.gap) ? rows.reduce((a, b) => (b.gap!.value > a.gap!.value ? b : a)) : null;
  const worst = farthest?.gap ?? null;
  // The measured column shows this gap, not a slowdown: say so first.
  const what = farthest
    ? `measured: the largest gap |slowdown − (r−1)/k| over the intervals, ${pct(worst!.value)} at k=${farthest.k}`
    : 'measured: the largest gap |slowdown − (r−1)/k| over the intervals, unknown while an interval has no value';
  // One interval's advice is enough: the same repeats or steps would narrow them all.
  const undecided = rows.find((row) => row.advice);
  const why = undecided ? `; inconclusive at k=${undecided.k}: ${undecided.advice}` : '';
  return {
    ...base,
    measured: worst?.value ?? null,
    ci95: worst?.ci95 ?? null,
    expected,
    outcome: combineOutcomes(rows.map((row) => row.outcome)),
    detail: `${what}; r = ${r.toFixed(3)}; ${rows.map((row) => row.text).join('; ')}${why}`,
  };
}

// A SAM run that never reached the target took longer than any ratio allows; one whose no-SAM
// run never reached it has no ratio and is left out.
function timeToAccuracyVerdict(results: readonly RunResult[], interval: number, rho: number | undefined, max: number): Verdict {
  const runs = samRunsAt(results, interval, rho);
  const gathered = gather(runs, (s) => (s.timeToTargetRatio === null ? null : exact(s.timeToTargetRatio)), 'seed', true);
  const { name, where } = atPoint('time-to-accuracy-ratio', interval, rho);
  const verdict = rangeVerdict(
    name,
    'time-to-accuracy-ratio',
    gathered,
    { max },
    { where, what: "time to the target accuracy over the no-SAM run's" },
  );
  const never = new Set(runs.filter((s) => s.status === 'ok' && s.timeToTargetMs === null).map((s) => s.spec.seed)).size;
  if (never === 0) return verdict;
  const seeds = new Set(runs.filter((s) => s.status === 'ok').map((s) => s.spec.seed)).size;
  return {
    ...verdict,
    outcome: 'fail',
    detail: `${never} of ${seeds} seeds' SAM runs never reached the target accuracy; ${verdict.detail}`,
  };
}

// ---- One evaluator per expectation kind ------------------------------------------------------

type ExpectationOf<K extends ExpectationKind> = Extract<Expectation, { kind: K }>;
/** How one expectation kind is judged: its verdict from all the runs of a suite. */
export type Evaluator<K extends ExpectationKind> = (expectation: ExpectationOf<K>, results: readonly RunResult[]) => Verdict;

function slowdownVerdict({ interval, range, reference = 'no-sam-run' }: ExpectationOf<'slowdown'>, results: readonly RunResult[]): Verdict {
  const withinRun = reference === 'within-run';
  // Within a run both step kinds come from one process: its own interval is honest.
  const gathered = gather(samRunsAt(results, interval), (s) => (withinRun ? s.slowdownWithinRun : s.slowdown), 'process', !withinRun);
  return rangeVerdict(`slowdown${withinRun ? '(within run)' : ''}@interval=${interval}`, 'slowdown', gathered, range, {
    where: `SAM runs at interval ${interval}`,
    what: withinRun ? "slowdown against the run's own base steps" : 'slowdown against the no-SAM run',
  });
}

function stepRatioVerdict({ interval, range }: ExpectationOf<'step-ratio'>, results: readonly RunResult[]): Verdict {
  const runs = samRunsAt(results, interval);
  // At interval 1 a run has no base steps of its own and divides by its baseline's.
  const crossProcess = runs.some((s) => s.stepRatio?.source === 'baseline');
  const gathered = gather(runs, (s) => s.stepRatio, 'process', crossProcess);
  return rangeVerdict(interval ? `step-ratio@interval=${interval}` : 'step-ratio', 'step-ratio', gathered, range, {
    where: interval ? `SAM runs at interval ${interval}` : 'SAM runs',
    what: 'SAM/base step-time ratio',
  });
}

function accuracyGainVerdict({ interval, rho, minPoints }: ExpectationOf<'accuracy-gain'>, results: readonly RunResult[]): Verdict {
  const gathered = gather(samRunsAt(results, interval, rho), (s) => (s.accuracyGain === null ? null : exact(s.accuracyGain)), 'seed', true);
  const { name, where } = atPoint('accuracy-gain', interval, rho);
  return rangeVerdict(name, 'accuracy-gain', gathered, { min: minPoints }, { where, what: 'accuracy gain over the no-SAM run (points)' });
}

// An old name takes its kind's evaluator (the registry test holds them equal).
const slowdownLaw = ({ tolerance }: { tolerance: number }, results: readonly RunResult[]) => slowdownLawVerdict(results, tolerance);

/** The evaluator of each expectation kind of schemas/registry/expectations.json, old names included. */
export const EVALUATORS: { readonly [K in ExpectationKind]: Evaluator<K> } = {
  slowdown: slowdownVerdict,
  'step-ratio': stepRatioVerdict,
  'slowdown-law': slowdownLaw,
  'rho-scaling-accuracy': ({ tolerancePoints }, results) => rhoScalingAccuracyVerdict(results, tolerancePoints),
  'accuracy-gain': accuracyGainVerdict,
  'time-to-accuracy-ratio': ({ interval, rho, max }, results) => timeToAccuracyVerdict(results, interval, rho, max),
  'memory-overhead': ({ interval, range }, results) => memoryOverheadVerdict(results, interval, range),
  overfitting: ({ interval, rho, minPoints = 0 }, results) => overfittingVerdict(results, interval, rho, minPoints),
  'gain-diminishes': ({ interval, rho, minPoints = 0 }, results) => gainDiminishesVerdict(results, interval, rho, minPoints),
  'data-parallel': ({ interval, minSpeedup = 0, minPoints = 0 }, results) => dataParallelVerdict(results, interval, minSpeedup, minPoints),
  'rho-scaling': slowdownLaw,
};

/** One verdict per expectation, in the suite's order. */
export function checkExpectations(expectations: Expectation[], results: readonly RunResult[]): Verdict[] {
  // Each evaluator takes its own kind: the map's type pairs them, which a union cannot say here.
  return expectations.map((expectation) => (EVALUATORS[expectation.kind] as Evaluator<ExpectationKind>)(expectation, results));
}
