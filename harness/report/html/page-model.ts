// The data the page's charts draw, built once on the Node side: per-run step series and box
// statistics, slowdowns, accuracy, the (r − 1)/k law's r and the Pareto front. Embedded as JSON.
import type { Estimate, RunSummary } from '../../measure/summarize.js';
import type { StepEvent, WorkerEvent } from '../../../schemas/index.js';
import { accuracyByRun, evalsOf } from './accuracy.js';
import { boxStats, mean, paretoFront, shortLabels, type BoxStats, type TradeoffPoint } from './page-stats.js';
import type { ReportData } from './report-data.js';

// README "What comes out": the seed's ~7 % throughput cost at interval 10 (a multi-GPU figure).
/** The seed's reference point on the slowdown chart. */
export const SEED_POINT = { interval: 10, slowdown: 0.07 } as const;

// Compact arrays rather than event objects: a few bytes per step in the embedded JSON.
/** One run as the page's charts see it. */
export interface PageRun {
  id: string;
  /** The id without the parts every run shares, for axes and legends. */
  label: string;
  baseline: boolean;
  interval: number | null;
  rho: number | null;
  status: 'ok' | 'failed';
  reason: string | null;
  /** Every step in order: number, wall ms, 1 = SAM step (else base), 1 = warm-up. */
  steps: { i: number[]; ms: number[]; sam: number[]; warmup: number[] };
  /** Evaluations in step order: steps done, top-1 accuracy (0–1). */
  evals: { step: number[]; acc: number[] };
  /** Measured (not warm-up) base and SAM step times. */
  base: BoxStats | null;
  sam: BoxStats | null;
  slowdown: Estimate | null;
  slowdownWithinRun: Estimate | null;
  stepRatio: number | null;
  predictedSlowdown: number | null;
  finalAccuracy: number | null;
  /** Percentage points over the run's no-SAM run. */
  accuracyGain: number | null;
}

// Computed on the Node side so the client only draws, and the numbers are unit-tested here.
/** Everything the client script needs; `<script type="application/json" id="sambench-data">`. */
export interface PageModel {
  runs: PageRun[];
  /** r of the law (r − 1)/k: the median SAM/base step ratio of the successful SAM runs. */
  ratio: number | null;
  /** The distinct SAM intervals, ascending. */
  intervals: number[];
  seedPoint: { interval: number; slowdown: number };
  /** Slowdown × accuracy gain per configuration; null when no run has accuracy. */
  tradeoff: { points: TradeoffPoint[]; front: number[] } | null;
  hasEvals: boolean;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
// rho = c · interval leaves float noise (0.05 · 3 = 0.15000000000000002); labels show 6 digits.
const short = (x: number) => String(Number(x.toPrecision(6)));

// The same r as the rho-scaling verdict (report/verdicts.ts): the lower median of the ratios.
function lawRatio(ratios: number[]): number | null {
  const sorted = [...ratios].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? null;
}

function stepSeries(events: readonly WorkerEvent[]): PageRun['steps'] {
  const steps = events.filter((e): e is StepEvent => e.type === 'step');
  return { i: steps.map((s) => s.i), ms: steps.map((s) => round3(s.ms)), sam: steps.map((s) => (s.kind === 'sam' ? 1 : 0)), warmup: steps.map((s) => (s.warmup ? 1 : 0)) };
}

function measuredMs(events: readonly WorkerEvent[], kind: StepEvent['kind']): number[] {
  return events.filter((e): e is StepEvent => e.type === 'step' && !e.warmup && e.kind === kind).map((s) => s.ms);
}

// Seeds of one setting are averaged into one point; the no-SAM runs are the origin (0, 0).
function tradeoff(summaries: readonly RunSummary[], runs: readonly PageRun[]): PageModel['tradeoff'] {
  if (!runs.some((r) => r.finalAccuracy !== null)) return null;
  const varies = (f: (s: RunSummary) => number) => new Set(summaries.map(f)).size > 1;
  const [bs, lr] = [varies((s) => s.spec.dataset.batchSize), varies((s) => s.spec.optimizer.learningRate)];
  const groups = new Map<string, { slowdowns: number[]; gains: number[] }>();
  summaries.forEach((s, i) => {
    const run = runs[i]!;
    if (s.status !== 'ok' || run.finalAccuracy === null) return;
    let key = 'no SAM';
    if (s.spec.sam) {
      if (run.slowdown === null || run.accuracyGain === null) return;
      key = `k=${s.spec.sam.interval} ρ=${short(s.spec.sam.rho)}${s.spec.sam.adaptive ? ' ASAM' : ''}${bs ? ` bs=${s.spec.dataset.batchSize}` : ''}${lr ? ` lr=${short(s.spec.optimizer.learningRate)}` : ''}`;
    }
    const group = groups.get(key) ?? { slowdowns: [], gains: [] };
    group.slowdowns.push(run.slowdown?.value ?? 0);
    group.gains.push(run.accuracyGain ?? 0);
    groups.set(key, group);
  });
  const points = [...groups].map(([label, g]) => ({ label, slowdown: mean(g.slowdowns)!, gainPoints: mean(g.gains)!, runs: g.slowdowns.length }));
  if (!points.some((p) => p.label !== 'no SAM')) return null;
  return { points, front: paretoFront(points) };
}

// The single entry from ReportData to what the page embeds.
/** The page model of `data`: one PageRun per summary, in the summaries' order. */
export function buildPageModel(data: ReportData): PageModel {
  const labels = shortLabels(data.summaries.map((s) => s.spec.id));
  const accuracy = accuracyByRun(data.summaries, data.events);
  const runs = data.summaries.map((s, i): PageRun => {
    const events = data.events[s.spec.id] ?? [];
    const evals = evalsOf(events);
    return {
      id: s.spec.id,
      label: labels[i]!,
      baseline: s.spec.sam === null,
      interval: s.spec.sam?.interval ?? null,
      rho: s.spec.sam?.rho ?? null,
      status: s.status,
      reason: s.reason,
      steps: stepSeries(events),
      evals: { step: evals.map((e) => e.step), acc: evals.map((e) => e.acc) },
      base: boxStats(measuredMs(events, 'base')),
      sam: boxStats(measuredMs(events, 'sam')),
      slowdown: s.slowdown,
      slowdownWithinRun: s.slowdownWithinRun,
      stepRatio: s.stepRatio?.value ?? null,
      predictedSlowdown: s.predictedSlowdown,
      ...(accuracy.get(s.spec.id) ?? { finalAccuracy: null, accuracyGain: null }),
    };
  });
  const samOk = data.summaries.filter((s) => s.status === 'ok' && s.spec.sam);
  return {
    runs,
    ratio: lawRatio(samOk.flatMap((s) => (s.stepRatio ? [s.stepRatio.value] : []))),
    intervals: [...new Set(data.summaries.flatMap((s) => (s.spec.sam ? [s.spec.sam.interval] : [])))].sort((a, b) => a - b),
    seedPoint: { ...SEED_POINT },
    tradeoff: tradeoff(data.summaries, runs),
    hasEvals: runs.some((r) => r.evals.step.length > 0),
  };
}
