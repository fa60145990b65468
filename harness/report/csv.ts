// Writes the CSV reports of a results folder: summary.csv (one row per run, every resolved
// setting as a dotted column), steps.csv (every step) and verdicts.csv (one row per expectation).
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { ConfigurationSummary, RunResult } from '../measure/index.js';
import type { Statistics } from '../stats/index.js';
import { ruleFor } from './verdict-wording.js';
import type { Verdict } from './verdicts.js';
import { writeOutputFile } from '../output-file.js';

type Cell = string | number | boolean | null;
type Row = Record<string, Cell>;

/** Flattens nested settings into dotted keys (`sam.rho`); arrays become `a;b;c`. */
export function flatten(value: unknown, prefix: string, into: Row = {}): Row {
  if (Array.isArray(value)) into[prefix] = value.join(';');
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else into[prefix] = (value as Cell | undefined) ?? null;
  return into;
}

function statColumns(prefix: string, s: Statistics | null): Row {
  return {
    [`${prefix}.n`]: s?.n ?? 0,
    [`${prefix}.median_ms`]: s?.median ?? null,
    [`${prefix}.mean_ms`]: s?.mean ?? null,
    [`${prefix}.p90_ms`]: s?.p90 ?? null,
    [`${prefix}.sd_ms`]: s?.sd ?? null,
    [`${prefix}.ci95_lo_ms`]: s?.ci95[0] ?? null,
    [`${prefix}.ci95_hi_ms`]: s?.ci95[1] ?? null,
  };
}

// `name` and its interval as three columns: `name`, `<ci>_ci95_lo`, `<ci>_ci95_hi`.
function estimateColumns(name: string, e: { value: number; ci95: [number, number] } | null | undefined, ci = name): Row {
  return { [name]: e?.value ?? null, [`${ci}_ci95_lo`]: e?.ci95[0] ?? null, [`${ci}_ci95_hi`]: e?.ci95[1] ?? null };
}

/** One summary.csv row. */
export function summaryRow(s: RunResult): Row {
  const noSam = { rho: null, epsilon: null, interval: null, adaptive: null, secondPassState: null, rhoPerInterval: null };
  const spec = { ...s.spec, sam: s.spec.sam ? { enabled: true, ...s.spec.sam } : { enabled: false, ...noSam } };
  return {
    run_id: s.spec.id,
    status: s.status,
    reason: s.reason,
    ...flatten(spec, 'spec'),
    'env.backend': s.env?.backend ?? null,
    'env.native_tensorflow': s.env?.nativeTensorflow ?? null,
    'env.tfjs': s.env?.tfjs ?? null,
    'env.node': s.env?.node ?? null,
    'env.cpu': s.env?.cpu ?? null,
    'env.cores': s.env?.cores ?? null,
    'env.threads': s.env?.threads ?? null,
    'env.gpu': s.env?.gpu ?? null,
    'env.torch': s.env?.torch ?? null,
    'env.parameters': s.env?.parameters ?? null,
    warmup_steps: s.warmupSteps,
    measured_steps: s.measuredSteps,
    truncated: s.truncated,
    ...statColumns('base_step', s.base),
    ...statColumns('sam_step', s.sam),
    'base_step.cpu_median_ms': s.cpu?.base?.median ?? null,
    'sam_step.cpu_median_ms': s.cpu?.sam?.median ?? null,
    'machine.busy_share': s.machine?.busyShare ?? null,
    'machine.other_share': s.machine?.otherShare ?? null,
    'machine.steal_share': s.machine?.stealShare ?? null,
    'machine.load_average': s.machine?.loadAverage ?? null,
    ...estimateColumns('step_ratio', s.stepRatio),
    step_ratio_source: s.stepRatio?.source ?? null,
    mean_step_ms: s.meanStepMs,
    samples_per_s: s.samplesPerSecond,
    ...estimateColumns('slowdown', s.slowdown),
    ...estimateColumns('slowdown_within_run', s.slowdownWithinRun),
    predicted_slowdown: s.predictedSlowdown,
    speedmonitor_samples_per_s: s.speedMonitorSamplesPerSecond,
    speedmonitor_window: s.speedMonitorWindow,
    data_ms_median: s.dataMsMedian,
    final_loss: s.finalLoss,
    test_accuracy: s.finalEval?.acc ?? null,
    test_top5: s.finalEval?.top5 ?? null,
    test_loss: s.finalEval?.loss ?? null,
    accuracy_gain_points: s.accuracyGain,
    time_to_target_s: s.timeToTargetMs === null ? null : s.timeToTargetMs / 1000,
    time_to_target_ratio: s.timeToTargetRatio,
  };
}

function writeCsv(file: string, rows: Row[]): void {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  writeOutputFile(file, stringify(rows, { header: true, columns, cast: { boolean: (b) => String(b) } }));
}

/** One configurations.csv row: cost and gain of one setting over its seeds. */
export function configurationRow(c: ConfigurationSummary): Row {
  return {
    configuration: c.label,
    interval: c.interval,
    rho: c.rho,
    batch_size: c.batchSize,
    learning_rate: c.learningRate,
    runs: c.runs,
    ok_runs: c.okRuns,
    seeds: c.seeds.join(';'),
    ...estimateColumns('slowdown', c.slowdown),
    accuracy_mean: c.accuracy?.mean ?? null,
    accuracy_sd: c.accuracy?.sd ?? null,
    accuracy_ci95_lo: c.accuracy?.ci95[0] ?? null,
    accuracy_ci95_hi: c.accuracy?.ci95[1] ?? null,
    ...estimateColumns('accuracy_gain_points', c.accuracyGain, 'accuracy_gain'),
    time_to_target_s: c.timeToTargetS,
  };
}

/** Writes summary.csv, configurations.csv, steps.csv, evals.csv and verdicts.csv into `dir`; returns their paths. */
export function writeCsvReports(
  dir: string,
  results: readonly RunResult[],
  configurations: readonly ConfigurationSummary[],
  verdicts: readonly Verdict[],
): string[] {
  const files = ['summary.csv', 'steps.csv', 'verdicts.csv', 'configurations.csv', 'evals.csv'].map((f) => path.join(dir, f));
  writeCsv(files[0]!, results.map(summaryRow));
  const steps = results.flatMap(({ spec, steps }) =>
    steps.map((e) => ({ run_id: spec.id, step: e.i, kind: e.kind, warmup: e.warmup, ms: e.ms, data_ms: e.dataMs ?? null, loss: e.loss })),
  );
  writeCsv(files[1]!, steps);
  writeCsv(
    files[2]!,
    verdicts.map((v) => ({
      expectation: v.expectation,
      kind: v.kind,
      measured: v.measured,
      ci95_lo: v.ci95?.[0] ?? null,
      ci95_hi: v.ci95?.[1] ?? null,
      expected: v.expected,
      outcome: v.outcome,
      rule: ruleFor(v.kind, v.expected),
      detail: v.detail,
    })),
  );
  writeCsv(files[3]!, configurations.map(configurationRow));
  const evals = results.flatMap(({ spec, evals }) =>
    evals.map((e) => ({
      run_id: spec.id,
      step: e.step,
      acc: e.acc,
      top5: e.top5 ?? null,
      loss: e.loss,
      samples: e.samples,
      train_s: e.trainMs / 1000,
    })),
  );
  writeCsv(files[4]!, evals);
  return files;
}
