// Compares two benches: matches their configurations (match.ts), each side holding all its
// processes, then decides every metric of every configuration (metrics.ts). Pure: takes
// BenchData, gives a Comparison; prints nothing.
import type { RunResult } from '../measure/index.js';
import type { BenchData } from './bench-data.js';
import { benchEnvDifferences, sameHardware } from './environment.js';
import { matchConfigurations, type ConfigurationPair } from './match.js';
import { compareAccuracy, compareProcesses, type DecisionOptions, type MetricComparison } from './metrics.js';
import { compareOneProcess } from './one-process.js';
import { processValues, TIMING_METRICS, type FinishedById, type TimingMetric } from './process-values.js';

// Step times in ms: meaningful across benches only on the same hardware.
const ABSOLUTE_TIMES: readonly TimingMetric[] = ['base step', 'SAM step'];

// Any setting left out takes its COMPARE_DEFAULTS value.
/** Settings of compareBenches and compare(); see {@link DecisionOptions}. */
export type CompareOptions = Partial<DecisionOptions>;

// Significance 0.01 keeps nightly false alarms rare across tens of metrics; 5 % is below what a
// shared CI machine notices reliably.
/** Defaults: alpha 0.01, minimum effect 5 %, 2000 bootstrap resamples, seed 1. */
export const COMPARE_DEFAULTS: DecisionOptions = { alpha: 0.01, minEffect: 0.05, resamples: 2000, seed: 1 };

// One block of rows in the report.
/** One matched configuration: its processes on both sides and its metrics. */
export interface ConfigurationComparison extends ConfigurationPair {
  metrics: MetricComparison[];
  /** Processes that failed, left out of the samples and listed in the report. */
  failed: { baseline: RunResult[]; current: RunResult[] };
  /** Why the configuration was not compared (no process finished on a side); null when it was. */
  failure: string | null;
  /** A metric regressed, or no current process finished where a baseline process did. */
  regressed: boolean;
}

// Everything the report and the exit code need.
/** The whole comparison of two benches. */
export interface Comparison {
  baseline: BenchData;
  current: BenchData;
  options: DecisionOptions;
  configurations: ConfigurationComparison[];
  onlyBaseline: RunResult[][];
  onlyCurrent: RunResult[][];
  /** Distinct `field baseline → current` env differences over the matched configurations. */
  envDifferences: string[];
  /** False when the two benches ran on different hardware: then only machine-independent figures (ratio, slowdown, accuracy) are compared. */
  absoluteTimesCompared: boolean;
  /** Matched configurations with a regression. */
  regressions: number;
}

const finishedOf = (runs: readonly RunResult[]) => runs.filter((r) => r.status === 'ok');
const reasons = (runs: readonly RunResult[]) => [...new Set(runs.map((r) => r.reason))].join(', ');

// A partial failure (1 of 3 processes timed out) is reported and left out; only a configuration
// with no finished process on the current side, where the baseline had one, counts as regressed.
function compareConfiguration(
  pair: ConfigurationPair,
  finished: [FinishedById, FinishedById],
  o: DecisionOptions,
  metricsCompared: readonly TimingMetric[],
): ConfigurationComparison {
  const b = finishedOf(pair.baseline);
  const c = finishedOf(pair.current);
  const failed = { baseline: pair.baseline.filter((r) => r.status !== 'ok'), current: pair.current.filter((r) => r.status !== 'ok') };
  if (b.length === 0 || c.length === 0) {
    const failure = [
      b.length === 0 ? `baseline run failed (${reasons(failed.baseline)})` : '',
      c.length === 0 ? `current run failed (${reasons(failed.current)})` : '',
    ]
      .filter(Boolean)
      .join('; ');
    return { ...pair, metrics: [], failed, failure, regressed: b.length > 0 };
  }
  const metrics: (MetricComparison | null)[] = metricsCompared.map((metric) => {
    const bValues = processValues(metric, b, finished[0]);
    const cValues = processValues(metric, c, finished[1]);
    if (bValues.length === 0 || cValues.length === 0) return null;
    const values = (side: typeof bValues) => side.map((v) => v.value);
    return bValues.length + cValues.length >= 3
      ? compareProcesses(metric, values(bValues), values(cValues), o)
      : compareOneProcess(metric, bValues[0]!.run, cValues[0]!.run, finished, o);
  });
  // Processes of one seed train identically: the first finished one stands for the configuration.
  metrics.push(compareAccuracy(b[0]!, c[0]!, o));
  const kept = metrics.filter((m): m is MetricComparison => m !== null);
  return { ...pair, metrics: kept, failed, failure: null, regressed: kept.some((m) => m.verdict === 'regressed') };
}

// The one entry the CLI and tests use.
/** Matches the configurations of `current` to those of `baseline` and decides every metric of every pair. */
export function compareBenches(baseline: BenchData, current: BenchData, options: CompareOptions = {}): Comparison {
  const o: DecisionOptions = { ...COMPARE_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  const { pairs, onlyBaseline, onlyCurrent } = matchConfigurations(baseline.runs, current.runs);
  const finished: [FinishedById, FinishedById] = [
    new Map(finishedOf(baseline.runs).map((r) => [r.spec.id, r])),
    new Map(finishedOf(current.runs).map((r) => [r.spec.id, r])),
  ];
  const envDifferences = benchEnvDifferences(pairs);
  const hardwareMatches = sameHardware(envDifferences);
  const metricsCompared = hardwareMatches ? TIMING_METRICS : TIMING_METRICS.filter((m) => !ABSOLUTE_TIMES.includes(m));
  const configurations = pairs.map((p) => compareConfiguration(p, finished, o, metricsCompared));
  return {
    baseline,
    current,
    options: o,
    configurations,
    onlyBaseline,
    onlyCurrent,
    envDifferences,
    absoluteTimesCompared: hardwareMatches,
    regressions: configurations.filter((r) => r.regressed).length,
  };
}
