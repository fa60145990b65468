// Turns each run's step events into statistics per step kind, and relates every SAM run to
// its no-SAM baseline: step-time ratio, measured and predicted slowdown, throughput.
import type { DoneEvent, EnvEvent, EvalEvent, RunSpec, StepEvent, WorkerEvent } from '../../schemas/index.js';
import type { Estimate } from './pool.js';
import { computeStatistics, ratioOfMeans, ratioOfMedians, toSamples, type Statistics } from './stats.js';

export type { Estimate } from './pool.js';

/** Composer's SpeedMonitor window (batches). */
export const SPEED_MONITOR_WINDOW = 100;

/** A run as the launcher left it: its spec, its events and whether it finished. */
export interface RunRecord {
  spec: RunSpec;
  events: WorkerEvent[];
  status: 'ok' | 'failed';
  reason?: string;
  message?: string;
}

/** Everything measured about one run. */
export interface RunSummary {
  spec: RunSpec;
  status: 'ok' | 'failed';
  reason: string | null;
  message: string | null;
  env: EnvEvent | null;
  warmupSteps: number;
  measuredSteps: number;
  truncated: boolean;
  /** Measured base steps (the base optimizer alone). */
  base: Statistics | null;
  /** Measured SAM steps (two passes). */
  sam: Statistics | null;
  /** Median SAM step / median base step; base steps from this run, or from the baseline when it has none (interval 1). */
  stepRatio: (Estimate & { source: 'same-run' | 'baseline' }) | null;
  /** Mean measured step time, all kinds (ms). */
  meanStepMs: number | null;
  samplesPerSecond: number | null;
  /** Mean step time of this SAM run over its baseline's, minus 1 (0.07 = 7 % slower). */
  slowdown: Estimate | null;
  /**
   * Mean step time of this SAM run over the mean of its own base steps, minus 1 (interval > 1
   * only). Both come from one process, interleaved in time, so it is immune to the
   * process-to-process noise that `slowdown` carries, but blind to base steps made slower by SAM.
   */
  slowdownWithinRun: Estimate | null;
  /** (r − 1) / interval, r = stepRatio. */
  predictedSlowdown: number | null;
  /** Composer SpeedMonitor style: samples/s over the last window of steps, warm-up and data time included. */
  speedMonitorSamplesPerSecond: number | null;
  speedMonitorWindow: number;
  dataMsMedian: number | null;
  finalLoss: number | null;
  /** Top-1 test accuracy at the last evaluation (0–1), null without evaluation. */
  finalAccuracy: number | null;
  finalTop5: number | null;
  finalTestLoss: number | null;
  /** Training ms (evaluations excluded) until the first evaluation at or above evaluation.targetAccuracy. */
  timeToTargetMs: number | null;
  /** Final accuracy minus that of the no-SAM run with the same seed, in percentage points. */
  accuracyGain: number | null;
  /** timeToTargetMs over the no-SAM run's; null if either never reached the target. */
  timeToTargetRatio: number | null;
}

const isStep = (e: WorkerEvent): e is StepEvent => e.type === 'step';

function stats(steps: StepEvent[], what: string): Statistics | null {
  return steps.length === 0 ? null : computeStatistics(toSamples(steps.map((s) => s.ms), what));
}

function measuredOf(record: RunRecord | undefined): StepEvent[] {
  return (record?.events ?? []).filter(isStep).filter((s) => !s.warmup);
}

/** Summaries of all runs, SAM runs related to their baselines. */
export function summarizeRuns(records: RunRecord[]): RunSummary[] {
  const byId = new Map(records.map((r) => [r.spec.id, r]));
  return records.map((record) => summarizeRun(record, record.spec.baselineId ? byId.get(record.spec.baselineId) : undefined));
}

const evalsOf = (record: RunRecord | undefined): EvalEvent[] =>
  record?.status === 'ok' ? record.events.filter((e): e is EvalEvent => e.type === 'eval') : [];

function timeToTarget(evals: EvalEvent[], target: number | null | undefined): number | null {
  if (target === null || target === undefined) return null;
  return evals.find((e) => e.acc >= target)?.trainMs ?? null;
}

function summarizeRun(record: RunRecord, baseline: RunRecord | undefined): RunSummary {
  const { spec, events } = record;
  const steps = events.filter(isStep);
  const measured = steps.filter((s) => !s.warmup);
  const id = spec.id;
  const baseSteps = measured.filter((s) => s.kind === 'base');
  const samSteps = measured.filter((s) => s.kind === 'sam');
  const baselineSteps = measuredOf(baseline?.status === 'ok' ? baseline : undefined);
  const meanStepMs = measured.length ? measured.reduce((sum, s) => sum + s.ms, 0) / measured.length : null;

  let stepRatio: RunSummary['stepRatio'] = null;
  const reference = baseSteps.length >= 2 ? { steps: baseSteps, source: 'same-run' as const } : baselineSteps.length >= 2 ? { steps: baselineSteps, source: 'baseline' as const } : null;
  if (samSteps.length >= 2 && reference) {
    const { ratio, ci95 } = ratioOfMedians(toSamples(samSteps.map((s) => s.ms), `${id} SAM steps`), toSamples(reference.steps.map((s) => s.ms), `${id} base steps`));
    stepRatio = { value: ratio, ci95, source: reference.source };
  }
  let slowdown: Estimate | null = null;
  if (spec.sam && measured.length >= 2 && baselineSteps.length >= 2) {
    const { ratio, ci95 } = ratioOfMeans(toSamples(measured.map((s) => s.ms), `${id} steps`), toSamples(baselineSteps.map((s) => s.ms), `${spec.baselineId} steps`));
    slowdown = { value: ratio - 1, ci95: [ci95[0] - 1, ci95[1] - 1] };
  }
  let slowdownWithinRun: Estimate | null = null;
  if (spec.sam && samSteps.length >= 1 && baseSteps.length >= 2) {
    const { ratio, ci95 } = ratioOfMeans(toSamples(measured.map((s) => s.ms), `${id} steps`), toSamples(baseSteps.map((s) => s.ms), `${id} base steps`));
    slowdownWithinRun = { value: ratio - 1, ci95: [ci95[0] - 1, ci95[1] - 1] };
  }
  const window = Math.min(SPEED_MONITOR_WINDOW, steps.length);
  const lastWindow = steps.slice(steps.length - window);
  const windowMs = lastWindow.reduce((sum, s) => sum + s.ms + (s.dataMs ?? 0), 0);
  const dataMs = measured.map((s) => s.dataMs).filter((x): x is number => x !== undefined);
  const done = events.find((e): e is DoneEvent => e.type === 'done');
  const final = evalsOf(record).at(-1) ?? null;
  const baselineFinal = evalsOf(baseline).at(-1) ?? null;
  const target = spec.evaluation?.targetAccuracy;
  const timeToTargetMs = timeToTarget(evalsOf(record), target);
  const baselineTimeToTarget = timeToTarget(evalsOf(baseline), target);
  return {
    spec,
    status: record.status,
    reason: record.reason ?? null,
    message: record.message ?? null,
    env: events.find((e): e is EnvEvent => e.type === 'env') ?? null,
    warmupSteps: steps.length - measured.length,
    measuredSteps: measured.length,
    truncated: done?.truncated ?? false,
    base: stats(baseSteps, `${id} base steps`),
    sam: stats(samSteps, `${id} SAM steps`),
    stepRatio,
    meanStepMs,
    samplesPerSecond: meanStepMs ? (1000 * spec.dataset.batchSize) / meanStepMs : null,
    slowdown,
    slowdownWithinRun,
    // predicted slowdown = (r − 1) / k
    predictedSlowdown: spec.sam && stepRatio ? (stepRatio.value - 1) / spec.sam.interval : null,
    speedMonitorSamplesPerSecond: window > 0 && windowMs > 0 ? (1000 * window * spec.dataset.batchSize) / windowMs : null,
    speedMonitorWindow: window,
    dataMsMedian: dataMs.length ? computeStatistics(toSamples(dataMs, `${id} data times`)).median : null,
    finalLoss: steps.at(-1)?.loss ?? null,
    finalAccuracy: final?.acc ?? null,
    finalTop5: final?.top5 ?? null,
    finalTestLoss: final?.loss ?? null,
    timeToTargetMs,
    accuracyGain: spec.sam && final && baselineFinal ? 100 * (final.acc - baselineFinal.acc) : null,
    timeToTargetRatio: spec.sam && timeToTargetMs !== null && baselineTimeToTarget ? timeToTargetMs / baselineTimeToTarget : null,
  };
}
