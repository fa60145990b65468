// The one reduction of events: each run's spec, events and launcher outcome become a RunResult —
// step statistics per kind, and every SAM run related to its no-SAM baseline (step-time ratio,
// measured and predicted slowdown, accuracy gain), plus throughput.
import {
  samKindFacts,
  samVariantOf,
  type SamVariantCost,
  type DoneEvent,
  type EnvEvent,
  type EvalEvent,
  type MachineEvent,
  type StepEvent,
} from '../../schemas/index.js';
import {
  computeStatistics,
  median,
  predictedSlowdown,
  predictedSlowdownAtFraction,
  predictedSlowdownWithReuse,
  ratioOfMeans,
  ratioOfMedians,
  toSamples,
  type Estimate,
  type Statistics,
} from '../stats/index.js';
import { runStatus, type RunStatus } from './status.js';
import { SPEED_MONITOR_WINDOW, type FinalEval, type RunInput, type RunResult } from './run-result.js';

// A run's own facts, before it is related to its baseline.
interface Observed {
  input: RunInput;
  status: RunStatus;
  steps: StepEvent[];
  measured: StepEvent[];
  evals: EvalEvent[];
}

function observe(input: RunInput): Observed {
  const steps = input.events.filter((e): e is StepEvent => e.type === 'step');
  const evals = input.events.filter((e): e is EvalEvent => e.type === 'eval');
  return { input, status: runStatus(input), steps, measured: steps.filter((s) => !s.warmup), evals };
}

/** Results of all runs, in input order, SAM runs related to their baselines (by `spec.baselineId`). */
export function reduceRuns(inputs: readonly RunInput[]): RunResult[] {
  const observed = inputs.map(observe);
  const byId = new Map(observed.map((o) => [o.input.spec.id, o]));
  return observed.map((o) => reduceRun(o, o.input.spec.baselineId ? byId.get(o.input.spec.baselineId) : undefined));
}

const msOf = (steps: StepEvent[]) => steps.map((s) => s.ms);

// CPU time per kind, when every measured step has it (older logs and other workers may not).
function cpuOf(measured: StepEvent[], id: string): RunResult['cpu'] {
  if (measured.length === 0 || measured.some((s) => s.cpuMs === undefined)) return null;
  const of = (...kinds: StepEvent['kind'][]) =>
    stats(
      measured.filter((s) => kinds.includes(s.kind)).map((s) => s.cpuMs!),
      `${id} ${kinds[0]!} step CPU times`,
    );
  return { base: of('base', 'reuse'), sam: of('sam') };
}
const okEvals = (o: Observed | undefined): EvalEvent[] => (o?.status.status === 'ok' ? o.evals : []);

function stats(ms: number[], what: string): Statistics | null {
  return ms.length === 0 ? null : computeStatistics(toSamples(ms, what));
}

function timeToTarget(evals: EvalEvent[], target: number | null | undefined): number | null {
  if (target === null || target === undefined) return null;
  return evals.find((e) => e.acc >= target)?.trainMs ?? null;
}

// slowdown = mean(steps) / mean(reference) − 1, with the ratio's bootstrap interval shifted by 1
function slowdownOf(steps: number[], reference: number[], what: string, referenceWhat: string): Estimate {
  const { ratio, ci95 } = ratioOfMeans(toSamples(steps, what), toSamples(reference, referenceWhat));
  return { value: ratio - 1, ci95: [ci95[0] - 1, ci95[1] - 1] };
}

const finalEvalOf = (e: EvalEvent | undefined): FinalEval | null =>
  e ? { acc: e.acc, top5: e.top5 ?? null, loss: e.loss, samples: e.samples, step: e.step } : null;

// By the variant's registry `cost`: `interval` (r − 1)/k; `fraction` (r − 1) · f, f the measured
// fraction of SAM steps, for a schedule that picks its own steps (random, AE-SAM, a user's own);
// `interval-with-reuse` (LookSAM) (r − 1)/k plus the reuse steps' overhead over the baseline's plain steps.
function predictedSlowdownOf(
  sam: NonNullable<RunResult['spec']['sam']>,
  ratio: number,
  samFraction: number,
  reuseOverhead: number | null,
): number {
  const cost: SamVariantCost = samKindFacts(samVariantOf(sam).kind).cost;
  const predict: Record<SamVariantCost, () => number> = {
    interval: () => predictedSlowdown(ratio, sam.interval),
    fraction: () => predictedSlowdownAtFraction(ratio, samFraction),
    'interval-with-reuse': () => predictedSlowdownWithReuse(ratio, sam.interval, reuseOverhead ?? 0),
  };
  return predict[cost]();
}

// LookSAM's reuse step over a plain step, − 1: medians of the run's reuse steps and its baseline's steps.
function reuseOverheadOf(measured: StepEvent[], baselineMs: number[], id: string): number | null {
  const reuseMs = msOf(measured.filter((s) => s.kind === 'reuse'));
  if (reuseMs.length < 2 || baselineMs.length < 2) return null;
  return median(toSamples(reuseMs, `${id} reuse steps`)) / median(toSamples(baselineMs, `${id} baseline steps`)) - 1;
}

function reduceRun(o: Observed, baseline: Observed | undefined): RunResult {
  const { spec, events } = o.input;
  const { steps, measured } = o;
  const id = spec.id;
  // LookSAM's reuse steps are single-pass steps: timed with the base steps (one forward/backward each).
  const stepsMs = { base: msOf(measured.filter((s) => s.kind !== 'sam')), sam: msOf(measured.filter((s) => s.kind === 'sam')) };
  const allMs = msOf(measured);
  const baselineMs = baseline?.status.status === 'ok' ? msOf(baseline.measured) : [];
  const meanStepMs = measured.length ? measured.reduce((sum, s) => sum + s.ms, 0) / measured.length : null;
  // f of (r − 1)·f: the share of SAM steps actually taken (random, AE-SAM and late choose their own).
  const samFraction = spec.sam && measured.length > 0 ? stepsMs.sam.length / measured.length : null;

  let stepRatio: RunResult['stepRatio'] = null;
  const reference =
    stepsMs.base.length >= 2
      ? { ms: stepsMs.base, source: 'same-run' as const }
      : baselineMs.length >= 2
        ? { ms: baselineMs, source: 'baseline' as const }
        : null;
  if (stepsMs.sam.length >= 2 && reference) {
    const { ratio, ci95 } = ratioOfMedians(toSamples(stepsMs.sam, `${id} SAM steps`), toSamples(reference.ms, `${id} base steps`));
    stepRatio = { value: ratio, ci95, source: reference.source };
  }
  const slowdown =
    spec.sam && allMs.length >= 2 && baselineMs.length >= 2
      ? slowdownOf(allMs, baselineMs, `${id} steps`, `${spec.baselineId} steps`)
      : null;
  const slowdownWithinRun =
    spec.sam && stepsMs.sam.length >= 1 && stepsMs.base.length >= 2
      ? slowdownOf(allMs, stepsMs.base, `${id} steps`, `${id} base steps`)
      : null;
  const window = Math.min(SPEED_MONITOR_WINDOW, steps.length);
  const windowMs = steps.slice(steps.length - window).reduce((sum, s) => sum + s.ms + (s.dataMs ?? 0), 0);
  const dataMs = measured.map((s) => s.dataMs).filter((x): x is number => x !== undefined);
  const final = okEvals(o).at(-1);
  const done = events.find((e): e is DoneEvent => e.type === 'done');
  const baselineFinal = okEvals(baseline).at(-1);
  const target = spec.evaluation?.targetAccuracy;
  const timeToTargetMs = timeToTarget(okEvals(o), target);
  const baselineTimeToTarget = timeToTarget(okEvals(baseline), target);
  return {
    spec,
    ...o.status,
    warnings: [...(o.input.warnings ?? [])],
    env: events.find((e): e is EnvEvent => e.type === 'env') ?? null,
    steps,
    evals: o.evals,
    stepsMs,
    warmupSteps: steps.length - measured.length,
    measuredSteps: measured.length,
    truncated: done?.truncated ?? false,
    base: stats(stepsMs.base, `${id} base steps`),
    sam: stats(stepsMs.sam, `${id} SAM steps`),
    cpu: cpuOf(measured, id),
    machine: events.find((e): e is MachineEvent => e.type === 'machine') ?? null,
    stepRatio,
    meanStepMs,
    samplesPerSecond: meanStepMs ? (1000 * spec.dataset.batchSize) / meanStepMs : null,
    slowdown,
    slowdownWithinRun,
    samFraction,
    predictedSlowdown:
      spec.sam && stepRatio && samFraction !== null
        ? predictedSlowdownOf(spec.sam, stepRatio.value, samFraction, reuseOverheadOf(measured, baselineMs, id))
        : null,
    speedMonitorSamplesPerSecond: window > 0 && windowMs > 0 ? (1000 * window * spec.dataset.batchSize) / windowMs : null,
    speedMonitorWindow: window,
    dataMsMedian: dataMs.length ? computeStatistics(toSamples(dataMs, `${id} data times`)).median : null,
    peakRssBytes: done?.peakRssBytes ?? null,
    peakDeviceBytes: done?.peakDeviceBytes ?? done?.peakMemoryBytes ?? null, // peakMemoryBytes: its name in older logs
    finalLoss: steps.at(-1)?.loss ?? null,
    finalEval: finalEvalOf(final),
    timeToTargetMs,
    accuracyGain: spec.sam && final && baselineFinal ? 100 * (final.acc - baselineFinal.acc) : null,
    timeToTargetRatio: spec.sam && timeToTargetMs !== null && baselineTimeToTarget ? timeToTargetMs / baselineTimeToTarget : null,
  };
}
