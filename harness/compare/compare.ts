// Compares two benches: matches their runs by configuration, then decides every metric of every
// matched run (metrics.ts). Pure: takes BenchData, gives a Comparison; prints nothing.
import type { RunResult } from '../measure/index.js';
import type { BenchData } from './bench-data.js';
import { benchEnvDifferences } from './environment.js';
import { matchRuns } from './match.js';
import {
  compareAccuracy,
  compareSlowdown,
  compareStepRatio,
  compareStepTimes,
  type DecisionOptions,
  type MetricComparison,
} from './metrics.js';

// Any setting left out takes its COMPARE_DEFAULTS value.
/** Settings of {@link compareBenches}; see {@link DecisionOptions}. */
export type CompareOptions = Partial<DecisionOptions>;

// Significance 0.01 keeps nightly false alarms rare across tens of metrics; 5 % is below what a
// shared CI machine notices reliably.
/** Defaults: alpha 0.01, minimum effect 5 %, 2000 bootstrap resamples, seed 1. */
export const COMPARE_DEFAULTS: DecisionOptions = { alpha: 0.01, minEffect: 0.05, resamples: 2000, seed: 1 };

// One block of rows in the report.
/** One matched pair of runs and its metrics. */
export interface RunComparison {
  baseline: RunResult;
  current: RunResult;
  metrics: MetricComparison[];
  /** Why the pair was not compared (a run failed); null when it was. */
  failure: string | null;
  /** A metric regressed, or the run finished in the baseline and failed now. */
  regressed: boolean;
}

// Everything the report and the exit code need.
/** The whole comparison of two benches. */
export interface Comparison {
  baseline: BenchData;
  current: BenchData;
  options: DecisionOptions;
  runs: RunComparison[];
  onlyBaseline: RunResult[];
  onlyCurrent: RunResult[];
  /** Distinct `field baseline → current` env differences over the matched runs. */
  envDifferences: string[];
  /** Matched runs with a regression. */
  regressions: number;
}

function noSamRun(run: RunResult, side: Map<string, RunResult>): RunResult | undefined {
  const found = run.spec.baselineId ? side.get(run.spec.baselineId) : undefined;
  return found?.status === 'ok' ? found : undefined;
}

function compareRun(
  baseline: RunResult,
  current: RunResult,
  sides: [Map<string, RunResult>, Map<string, RunResult>],
  o: DecisionOptions,
): RunComparison {
  if (baseline.status !== 'ok' || current.status !== 'ok') {
    const failure = [
      baseline.status !== 'ok' ? `baseline run failed (${baseline.reason})` : '',
      current.status !== 'ok' ? `current run failed (${current.reason})` : '',
    ]
      .filter(Boolean)
      .join('; ');
    return { baseline, current, metrics: [], failure, regressed: baseline.status === 'ok' };
  }
  const metrics: (MetricComparison | null)[] = [];
  if (baseline.stepsMs.base.length > 0 && current.stepsMs.base.length > 0)
    metrics.push(compareStepTimes('base step', baseline.stepsMs.base, current.stepsMs.base, o));
  if (baseline.stepsMs.sam.length > 0 && current.stepsMs.sam.length > 0)
    metrics.push(compareStepTimes('SAM step', baseline.stepsMs.sam, current.stepsMs.sam, o));
  const bNoSam = noSamRun(baseline, sides[0]);
  const cNoSam = noSamRun(current, sides[1]);
  if (baseline.spec.sam && current.spec.sam) {
    metrics.push(compareStepRatio(baseline, bNoSam, current, cNoSam, o));
    if (bNoSam && cNoSam) metrics.push(compareSlowdown(baseline, bNoSam, current, cNoSam, o));
  }
  metrics.push(compareAccuracy(baseline, current, o));
  const kept = metrics.filter((m): m is MetricComparison => m !== null);
  return { baseline, current, metrics: kept, failure: null, regressed: kept.some((m) => m.verdict === 'regressed') };
}

// The one entry the CLI and tests use.
/** Matches the runs of `current` to those of `baseline` and decides every metric of every pair. */
export function compareBenches(baseline: BenchData, current: BenchData, options: CompareOptions = {}): Comparison {
  const o: DecisionOptions = { ...COMPARE_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  const { pairs, onlyBaseline, onlyCurrent } = matchRuns(baseline.runs, current.runs);
  const sides: [Map<string, RunResult>, Map<string, RunResult>] = [
    new Map(baseline.runs.map((r) => [r.spec.id, r])),
    new Map(current.runs.map((r) => [r.spec.id, r])),
  ];
  const runs = pairs.map((p) => compareRun(p.baseline, p.current, sides, o));
  return {
    baseline,
    current,
    options: o,
    runs,
    onlyBaseline,
    onlyCurrent,
    envDifferences: benchEnvDifferences(pairs),
    regressions: runs.filter((r) => r.regressed).length,
  };
}
