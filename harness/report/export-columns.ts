// The columns of every exported table (the five CSVs and results.jsonl), defined once: name,
// type, meaning and value. csv.ts, jsonl.ts, parquet.ts and column-dictionary.ts (columns.md) all read them,
// so the files and their documentation cannot drift apart. Naming: see COLUMN_CONVENTION.
import { EXPECTATION_ALIASES, EXPECTATION_KINDS, type EvalEvent, type StepEvent } from '../../schemas/index.js';
import type { ConfigurationSummary, RunResult } from '../measure/index.js';
import type { Estimate, Statistics } from '../stats/index.js';
import { SPEC_COLUMNS, specValue, type ColumnType } from './spec-columns.js';
import { ruleFor } from './verdict-wording.js';
import type { Verdict } from './verdicts.js';

export type { ColumnType } from './spec-columns.js';

/** One exported column over rows of type T; `value` gives null for an empty cell. */
export interface ExportColumn<T> {
  name: string;
  type: ColumnType;
  description: string;
  value(row: T): unknown;
}

/** One exported table: its file, what one row is, and its columns in order. */
export interface ExportTable<T> {
  name: 'summary' | 'steps' | 'evals' | 'verdicts' | 'configurations';
  file: string;
  row: string;
  columns: readonly ExportColumn<T>[];
}

/** The naming convention of every exported column, as columns.md states it. */
export const COLUMN_CONVENTION = [
  'Names are snake_case ASCII (`[a-z0-9_]`): no dots, no capitals, so SQL needs no quoting.',
  "A group's columns share a prefix: `spec_` (the run's resolved settings, one per setting of schemas/run-spec.schema.json, its path in snake_case), `env_`, `machine_`, `base_step_`, `sam_step_`.",
  'A unit ends the name: `_ms`, `_s` (seconds), `_mb` (MiB, 2^20 bytes), `_points` (percentage points), `_copies` (copies of the model parameters), `_share` (0–1); a ratio or a slowdown (0.07 = 7 % slower) has none.',
  'An estimate names its estimator (`step_ratio_of_medians`, `slowdown_of_means`); its 95 % interval is `<name>_ci95_lo` and `<name>_ci95_hi`.',
  'Every file has the same columns whatever the suite; a cell that does not apply is empty (CSV) or null (JSON Lines). Booleans are `true`/`false`; a list of integers (`integer-list`, e.g. `seeds`) is `a;b;c` in a CSV, an array in JSON Lines and a LIST of INT64 in Parquet, with one element too (a CSV reader that guesses types reads `0` as an integer: give it the type, or read the Parquet file).',
];

/** Bytes as MiB to 1 decimal; null stays null. */
export const mebibytes = (bytes: number | null): number | null => (bytes === null ? null : Math.round((10 * bytes) / 2 ** 20) / 10);

const col = <T>(name: string, type: ColumnType, description: string, value: (row: T) => unknown): ExportColumn<T> => ({
  name,
  type,
  description,
  value,
});

function statColumns(prefix: 'base_step' | 'sam_step', of: (r: RunResult) => Statistics | null, what: string): ExportColumn<RunResult>[] {
  return [
    col(`${prefix}_n`, 'integer', `Measured ${what} (warm-up excluded).`, (r) => of(r)?.n ?? 0),
    col(`${prefix}_median_ms`, 'number', `Median wall time of a measured ${what.replace(/s$/, '')}.`, (r) => of(r)?.median),
    col(`${prefix}_mean_ms`, 'number', `Mean wall time of a measured ${what.replace(/s$/, '')}.`, (r) => of(r)?.mean),
    col(`${prefix}_p90_ms`, 'number', `90th percentile of the ${what}' wall time.`, (r) => of(r)?.p90),
    col(`${prefix}_sd_ms`, 'number', `Standard deviation of the ${what}' wall time.`, (r) => of(r)?.sd),
    col(`${prefix}_ci95_lo_ms`, 'number', `Lower end of the 95 % interval of ${prefix}_mean_ms.`, (r) => of(r)?.ci95[0]),
    col(`${prefix}_ci95_hi_ms`, 'number', `Upper end of the 95 % interval of ${prefix}_mean_ms.`, (r) => of(r)?.ci95[1]),
  ];
}

// `name` and its interval as three columns.
function estimateColumns<T>(name: string, description: string, of: (row: T) => Estimate | null | undefined): ExportColumn<T>[] {
  return [
    col(name, 'number', description, (row) => of(row)?.value),
    col(`${name}_ci95_lo`, 'number', `Lower end of the 95 % interval of ${name}.`, (row) => of(row)?.ci95[0]),
    col(`${name}_ci95_hi`, 'number', `Upper end of the 95 % interval of ${name}.`, (row) => of(row)?.ci95[1]),
  ];
}

const STEP_RATIO =
  'Median SAM step time over median base step time (base steps of this run, or of its baseline at interval 1: see step_ratio_source); bootstrap interval over the steps, which with source `baseline` holds only the noise within each of the two processes, not the noise between them.';
const SLOWDOWN =
  "Mean step time (all kinds) of this SAM run over the mean of its no-SAM run's, minus 1 (0.07 = 7 % slower): two processes, so its bootstrap interval over their steps holds only the noise within each, not the 5–20 % by which identical processes differ on a shared machine; the slowdown verdict takes its interval from the spread over processes instead.";
const WITHIN_RUN =
  'Mean step time (all kinds) of this SAM run over the mean of its own base steps, minus 1 (interval > 1 only): immune to process-to-process noise.';

/** summary.csv: one row per run. */
export const SUMMARY_TABLE: ExportTable<RunResult> = {
  name: 'summary',
  file: 'summary.csv',
  row: 'one run (one worker process)',
  columns: [
    col('run_id', 'string', "The run's id (its spec's `id`): stable for a suite, the key of steps.csv and evals.csv.", (r) => r.spec.id),
    col('status', 'string', '`ok` or `failed`.', (r) => r.status),
    col(
      'reason',
      'string',
      'Why a failed run failed (timeout, signal, crash, nan, worker-error, protocol-error, unfinished, incomplete); empty when ok.',
      (r) => r.reason,
    ),
    ...SPEC_COLUMNS.map((c) => col<RunResult>(c.name, c.type, c.description, (r) => specValue(r.spec, c))),
    col('env_backend', 'string', 'Backend in use (tf.getBackend(), or the torch device).', (r) => r.env?.backend),
    col('env_native_tensorflow', 'string', 'libtensorflow version under tfjs-node.', (r) => r.env?.nativeTensorflow),
    col('env_tfjs', 'string', 'TF.js version (framework tfjs).', (r) => r.env?.tfjs),
    col('env_node', 'string', 'Node.js version (framework tfjs).', (r) => r.env?.node),
    col('env_cpu', 'string', 'CPU model.', (r) => r.env?.cpu),
    col('env_cores', 'integer', 'CPU cores.', (r) => r.env?.cores),
    col('env_threads', 'integer', 'Threads the worker used.', (r) => r.env?.threads),
    col('env_gpu', 'string', 'GPU model, if any.', (r) => r.env?.gpu),
    col('env_torch', 'string', 'PyTorch version (framework torch).', (r) => r.env?.torch),
    col('env_parameters', 'integer', 'Trainable parameters of the model.', (r) => r.env?.parameters),
    col('warmup_steps', 'integer', 'Warm-up steps run (left out of every statistic).', (r) => r.warmupSteps),
    col('measured_steps', 'integer', 'Measured steps run.', (r) => r.measuredSteps),
    col('truncated', 'boolean', 'true when the time limit stopped the measured steps early.', (r) => r.truncated),
    ...statColumns('base_step', (r) => r.base, 'base steps'),
    ...statColumns('sam_step', (r) => r.sam, 'SAM steps'),
    col('base_step_cpu_median_ms', 'number', 'Median CPU time (all threads) of a measured base step.', (r) => r.cpu?.base?.median),
    col('sam_step_cpu_median_ms', 'number', 'Median CPU time (all threads) of a measured SAM step.', (r) => r.cpu?.sam?.median),
    col('machine_busy_share', 'number', 'Share of all cores busy while the run measured (/proc/stat), 0–1.', (r) => r.machine?.busyShare),
    col(
      'machine_other_share',
      'number',
      'Share of all cores taken by other processes while the run measured, 0–1.',
      (r) => r.machine?.otherShare,
    ),
    col(
      'machine_steal_share',
      'number',
      'Share of all cores stolen by the hypervisor while the run measured, 0–1.',
      (r) => r.machine?.stealShare,
    ),
    col('machine_load_average', 'number', 'Load average while the run measured.', (r) => r.machine?.loadAverage),
    ...estimateColumns<RunResult>('step_ratio_of_medians', STEP_RATIO, (r) => r.stepRatio),
    col(
      'step_ratio_source',
      'string',
      '`same-run` or `baseline`: where the base steps of step_ratio_of_medians come from.',
      (r) => r.stepRatio?.source,
    ),
    col('mean_step_ms', 'number', 'Mean measured step time, all kinds.', (r) => r.meanStepMs),
    col('samples_per_s', 'number', 'Training samples per second over the measured steps.', (r) => r.samplesPerSecond),
    ...estimateColumns<RunResult>('slowdown_of_means', SLOWDOWN, (r) => r.slowdown),
    ...estimateColumns<RunResult>('slowdown_within_run_of_means', WITHIN_RUN, (r) => r.slowdownWithinRun),
    col(
      'sam_fraction',
      'number',
      'Measured SAM steps over measured steps (0.1 at interval 10); variants that pick their own SAM steps (random, aesam, late, esam, a user’s own) measure theirs. Empty for no SAM.',
      (r) => r.samFraction,
    ),
    col(
      'predicted_slowdown',
      'number',
      '(r − 1) / interval with r = step_ratio_of_medians; (r − 1) · sam_fraction for variants that pick their own SAM steps (registry `cost` "fraction"); LookSAM adds its reuse overhead.',
      (r) => r.predictedSlowdown,
    ),
    col(
      'speedmonitor_samples_per_s',
      'number',
      'Composer SpeedMonitor style: samples/s over the last speedmonitor_window steps, warm-up and data time included.',
      (r) => r.speedMonitorSamplesPerSecond,
    ),
    col('speedmonitor_window', 'integer', 'Steps in the SpeedMonitor window.', (r) => r.speedMonitorWindow),
    col('data_ms_median', 'number', 'Median time to prepare a batch (not in the step times).', (r) => r.dataMsMedian),
    col(
      'peak_rss_mb',
      'number',
      "Peak resident set size of the worker process, MiB (1 decimal; getrusage's maxrss; rank 0's process under torchrun).",
      (r) => mebibytes(r.peakRssBytes),
    ),
    col(
      'peak_device_mb',
      'number',
      "Peak device memory allocated, MiB (1 decimal; torch.cuda.max_memory_allocated, rank 0's device); empty on CPU and in TF.js.",
      (r) => mebibytes(r.peakDeviceBytes),
    ),
    col('final_loss', 'number', 'Training loss of the last step.', (r) => r.finalLoss),
    col(
      'test_accuracy',
      'number',
      'Top-1 test accuracy of the last evaluation (0–1); empty without evaluation or when the run failed.',
      (r) => r.finalEval?.acc,
    ),
    col(
      'test_top5',
      'number',
      'Top-5 test accuracy of the last evaluation (0–1); empty with 10 classes or fewer.',
      (r) => r.finalEval?.top5,
    ),
    col('test_loss', 'number', 'Mean test cross-entropy of the last evaluation.', (r) => r.finalEval?.loss),
    col(
      'accuracy_gain_points',
      'number',
      'test_accuracy minus that of the no-SAM run with the same seed, in percentage points.',
      (r) => r.accuracyGain,
    ),
    col(
      'time_to_target_s',
      'number',
      'Training seconds (evaluations excluded) until the first evaluation at or above the target accuracy.',
      (r) => (r.timeToTargetMs === null ? null : r.timeToTargetMs / 1000),
    ),
    col('time_to_target_ratio', 'number', "time_to_target_s over the no-SAM run's.", (r) => r.timeToTargetRatio),
  ],
};

/** One step of one run. */
export interface StepRow {
  runId: string;
  step: StepEvent;
}

/** steps.csv: every step the workers reported. */
export const STEPS_TABLE: ExportTable<StepRow> = {
  name: 'steps',
  file: 'steps.csv',
  row: 'one training step of one run, warm-up included',
  columns: [
    col('run_id', 'string', 'The run (summary.csv run_id).', (r) => r.runId),
    col('step', 'integer', 'Step number, 1-based, warm-up included.', (r) => r.step.i),
    col(
      'kind',
      'string',
      "`sam` (two passes), `base` (the base optimizer alone) or `reuse` (LookSAM's plain pass plus the stored SAM direction).",
      (r) => r.step.kind,
    ),
    col('warmup', 'boolean', 'true for a warm-up step (left out of every statistic).', (r) => r.step.warmup),
    col('ms', 'number', 'Wall time of the step.', (r) => r.step.ms),
    col('cpu_ms', 'number', 'CPU time of the worker during the step, all threads; empty when not reported.', (r) => r.step.cpuMs),
    col('data_ms', 'number', "Time to prepare the step's batch (not in ms); empty when not reported.", (r) => r.step.dataMs),
    col('loss', 'number', 'Training loss at the unperturbed weights; empty if not finite.', (r) => r.step.loss),
  ],
};

/** One evaluation of one run. */
export interface EvalRow {
  runId: string;
  evaluation: EvalEvent;
}

/** evals.csv: every evaluation the workers reported. */
export const EVALS_TABLE: ExportTable<EvalRow> = {
  name: 'evals',
  file: 'evals.csv',
  row: 'one test-set evaluation of one run',
  columns: [
    col('run_id', 'string', 'The run (summary.csv run_id).', (r) => r.runId),
    col('step', 'integer', 'Steps done when evaluated.', (r) => r.evaluation.step),
    col('test_accuracy', 'number', 'Top-1 test accuracy, 0–1.', (r) => r.evaluation.acc),
    col('test_top5', 'number', 'Top-5 test accuracy, 0–1; empty with 10 classes or fewer.', (r) => r.evaluation.top5),
    col('test_loss', 'number', 'Mean cross-entropy on the test samples.', (r) => r.evaluation.loss),
    col('test_samples', 'integer', 'Test samples evaluated.', (r) => r.evaluation.samples),
    col(
      'train_s',
      'number',
      'Training wall time so far (steps and data, warm-up included; evaluations excluded).',
      (r) => r.evaluation.trainMs / 1000,
    ),
  ],
};

// "a, b (formerly c) or d.": the kinds of schemas/registry/expectations.json, each with its old names.
function verdictKindsText(): string {
  const names = Object.keys(EXPECTATION_KINDS).map((kind) => {
    const old = Object.entries(EXPECTATION_ALIASES).flatMap(([alias, entry]) => (entry.aliasOf === kind ? [alias] : []));
    return old.length > 0 ? `${kind} (formerly ${old.join(', ')})` : kind;
  });
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}.`;
}

/** verdicts.csv: one row per expectation of the suite. */
export const VERDICTS_TABLE: ExportTable<Verdict> = {
  name: 'verdicts',
  file: 'verdicts.csv',
  row: "one expectation of the suite's `expect` list",
  columns: [
    col('expectation', 'string', 'Short label, e.g. `slowdown@interval=10`.', (v) => v.expectation),
    col('kind', 'string', verdictKindsText(), (v) => v.kind),
    col(
      'measured',
      'number',
      "The value judged, in the kind's unit (a ratio, a slowdown fraction, accuracy points; slowdown-law: the largest |slowdown − (r−1)/k| over the intervals).",
      (v) => v.measured,
    ),
    col('ci95_lo', 'number', 'Lower end of the 95 % interval of measured.', (v) => v.ci95?.[0]),
    col('ci95_hi', 'number', 'Upper end of the 95 % interval of measured.', (v) => v.ci95?.[1]),
    col('expected', 'string', 'The expected range as text, e.g. `[1.2, 2.6]`.', (v) => v.expected),
    col('expected_min', 'number', 'Lower bound of the expected range (inclusive); empty when unbounded.', (v) => v.range?.min),
    col('expected_max', 'number', 'Upper bound of the expected range (inclusive); empty when unbounded.', (v) => v.range?.max),
    col('outcome', 'string', '`pass`, `fail` or `inconclusive`, by the rule in the rule column.', (v) => v.outcome),
    col('rule', 'string', "The rule that gave the outcome, with this row's range.", (v) => ruleFor(v.kind, v.expected)),
    col('detail', 'string', 'How the value was obtained; for an inconclusive verdict, why and what would decide it.', (v) => v.detail),
  ],
};

/** configurations.csv: one row per setting over its seeds and repeats. */
export const CONFIGURATIONS_TABLE: ExportTable<ConfigurationSummary> = {
  name: 'configurations',
  file: 'configurations.csv',
  row: 'one configuration: a suite setting over all its seeds and repeats',
  columns: [
    col(
      'configuration',
      'string',
      'Label, e.g. `SAM k=10 rho=0.5 bs=128 lr=0.01`, `SAM rst p=0.25 rho=0.05 bs=128 lr=0.01` (random schedule; `grst p=<p>-<pFinal>` when p grows), `SAM looksam k=5 alpha=0.7 rho=0.05 bs=128 lr=0.01`, `SAM aesam delta=0.9 c=1to-1 rho=0.05 bs=128 lr=0.01` (AE-SAM, c from lambda2 to lambda1), `SAM late fraction=0.125 rho=0.05 bs=128 lr=0.01` (SAM on the last 12.5 % of steps) or `no SAM bs=128 lr=0.01`.',
      (c) => c.label,
    ),
    col('interval', 'integer', 'SAM interval k (1 for a variant that picks its own SAM steps); empty for no SAM.', (c) => c.interval),
    col('rho', 'number', 'SAM rho; empty for no SAM.', (c) => c.rho),
    col('batch_size', 'integer', 'Samples per step.', (c) => c.batchSize),
    col('learning_rate', 'number', 'Base learning rate.', (c) => c.learningRate),
    col('runs', 'integer', 'Runs (processes) of this configuration.', (c) => c.runs),
    col('ok_runs', 'integer', 'Runs that finished ok.', (c) => c.okRuns),
    col('seeds', 'integer-list', 'The seeds run.', (c) => c.seeds),
    ...estimateColumns<ConfigurationSummary>(
      'step_ratio_of_medians',
      "Mean over the ok runs of their step_ratio_of_medians (the step-ratio verdict's value); interval from their spread.",
      (c) => c.stepRatio,
    ),
    ...estimateColumns<ConfigurationSummary>(
      'slowdown_of_means',
      "Mean over the ok runs of their slowdown_of_means (the slowdown verdict's value); interval from their spread.",
      (c) => c.slowdown,
    ),
    ...estimateColumns<ConfigurationSummary>(
      'slowdown_within_run_of_means',
      "Mean over the ok runs of their slowdown_within_run_of_means (the slowdown verdict's value with reference within-run); interval from their spread.",
      (c) => c.slowdownWithinRun,
    ),
    col(
      'peak_memory_mb',
      'number',
      'Median over the ok runs of their peak memory, MiB: peak_device_mb where the run reports it (CUDA), else peak_rss_mb.',
      (c) => (c.peakMemoryMiB === null ? null : mebibytes(c.peakMemoryMiB * 2 ** 20)),
    ),
    ...estimateColumns<ConfigurationSummary>(
      'memory_overhead_copies',
      "Mean over the ok SAM runs of their extra peak memory over their no-SAM run's, in copies of the model's parameters: (peak − no-SAM peak) / (parameters × 4 bytes), device memory where both report it, else resident set size (the memory-overhead verdict's value); interval from their spread. SAM keeps about one copy (the perturbation e).",
      (c) => c.memoryOverhead,
    ),
    col('accuracy_mean', 'number', 'Mean final top-1 accuracy over seeds, 0–1.', (c) => c.accuracy?.mean),
    col('accuracy_sd', 'number', 'Standard deviation of the final accuracy over seeds.', (c) => c.accuracy?.sd),
    col('accuracy_ci95_lo', 'number', 'Lower end of the 95 % t-interval of accuracy_mean.', (c) => c.accuracy?.ci95[0]),
    col('accuracy_ci95_hi', 'number', 'Upper end of the 95 % t-interval of accuracy_mean.', (c) => c.accuracy?.ci95[1]),
    ...estimateColumns<ConfigurationSummary>(
      'accuracy_gain_points',
      "Accuracy minus the same-seed no-SAM run's, in points, mean over seeds.",
      (c) => c.accuracyGain,
    ),
    col(
      'time_to_target_s',
      'number',
      'Mean training seconds to the target accuracy over the runs that reached it.',
      (c) => c.timeToTargetS,
    ),
    col(
      'on_pareto_front',
      'boolean',
      'true when no other configuration has both a lower or equal slowdown_of_means and a higher or equal accuracy_gain_points, one of them strictly (no SAM counts as slowdown 0, gain 0); empty without both values (no SAM: without accuracy), or when no SAM configuration has them.',
      (c) => c.onFront,
    ),
  ],
};

/** Every exported table, in the order columns.md and results.jsonl list them. */
export const EXPORT_TABLES = [SUMMARY_TABLE, CONFIGURATIONS_TABLE, VERDICTS_TABLE, STEPS_TABLE, EVALS_TABLE] as const;
