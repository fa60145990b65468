// The data the page's charts draw, built once on the Node side from the run results: per-run
// step series and box statistics, slowdowns, accuracy, the (r − 1)/k law's r and, per
// configuration, cost against gain with the Pareto front (measure/configurations.ts computes it).
// Embedded as JSON; PageRun is the charts' compact view of a RunResult, made only here.
import { onFront, summarizeConfigurations, type ConfigurationSummary, type RunResult } from '../../measure/index.js';
import { lawRatio, type Estimate } from '../../stats/index.js';
import { scaledRho } from '../../suite/sam-points.js';
import { boxStats, shortLabels, type BoxStats } from './page-stats.js';

// docs/statistics.md ("Slowdown"): the method card's ~7 % throughput cost at interval 10 (a multi-GPU figure).
/** The method card's reference point on the slowdown chart. */
export const METHOD_CARD_POINT = { interval: 10, slowdown: 0.07 } as const;

// docs/studies.md ("Rho scaling"): Composer's rule rho = 0.05 · interval (0.5 at interval 10).
/** Composer's rule on the accuracy-gain-against-rho chart: rho = rhoPerInterval · k. */
export const COMPOSER_RHO_RULE = { rhoPerInterval: 0.05 } as const;

// One point of the throughput × accuracy chart: what a configuration costs against what it buys.
/** A configuration placed on the throughput × accuracy plane. */
export interface TradeoffPoint {
  /** The configuration's label without `SAM ` and the settings every configuration shares, e.g. `k=10 ρ=0.5`. */
  label: string;
  /** The configuration's pooled slowdown against its no-SAM runs (0.07 = 7 % slower); 0 for no SAM. */
  slowdown: number;
  /** The configuration's accuracy gain over no SAM, paired by seed, in percentage points; 0 for no SAM. */
  gainPoints: number;
  /** Ok runs pooled into this point. */
  runs: number;
}

/** One SAM configuration on the gain-against-rho chart: its accuracy gain over no SAM, seeds pooled. */
export interface RhoGainPoint {
  rho: number;
  /** Mean gain in percentage points over the seeds, with the 95 % interval over them. */
  gain: number;
  lo: number;
  hi: number;
  /** rho is Composer's rule at this interval (COMPOSER_RHO_RULE.rhoPerInterval · k). */
  composerRule: boolean;
}

/** One line of the gain-against-rho chart: the points of one interval (and batch size, learning rate where they vary), by rho. */
export interface RhoGainLine {
  label: string;
  interval: number;
  points: RhoGainPoint[];
}

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
  methodCardPoint: { interval: number; slowdown: number };
  /**
   * Slowdown × accuracy gain per configuration with a point (ConfigurationSummary.onFront not
   * null), and the indices of those on the front by increasing slowdown; null without any.
   */
  tradeoff: { points: TradeoffPoint[]; front: number[] } | null;
  /** Accuracy gain against rho, a line per interval; null unless SAM runs at two or more rho values have a gain. */
  rhoGain: { lines: RhoGainLine[]; composerRule: { rhoPerInterval: number } } | null;
  hasEvals: boolean;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
// rho = c · interval leaves float noise (0.05 · 3 = 0.15000000000000002); labels show 6 digits.
const short = (x: number) => String(Number(x.toPrecision(6)));

function stepSeries(result: RunResult): PageRun['steps'] {
  const { steps } = result;
  return {
    i: steps.map((s) => s.i),
    ms: steps.map((s) => round3(s.ms)),
    sam: steps.map((s) => (s.kind === 'sam' ? 1 : 0)),
    warmup: steps.map((s) => (s.warmup ? 1 : 0)),
  };
}

// Workers emit evaluations in order; sorting keeps a hand-edited or merged log drawable.
function evalSeries(result: RunResult): PageRun['evals'] {
  const evals = [...result.evals].sort((a, b) => a.step - b.step);
  return { step: evals.map((e) => e.step), acc: evals.map((e) => e.acc) };
}

// The configurations as measure/ pooled them and placed them on the front: one point each, no
// SAM at the origin. Labels drop `SAM ` and the batch size and learning rate unless they vary.
function tradeoff(configurations: readonly ConfigurationSummary[]): PageModel['tradeoff'] {
  const placed = configurations.filter((c) => c.onFront !== null);
  if (placed.length === 0) return null;
  const varies = (f: (c: ConfigurationSummary) => number) => new Set(configurations.map(f)).size > 1;
  const [bs, lr] = [varies((c) => c.batchSize), varies((c) => c.learningRate)];
  const label = (c: ConfigurationSummary) => {
    let text = c.label.replace(/^SAM /, '').replace(' rho=', ' ρ=');
    if (!bs) text = text.replace(/ bs=\S+/, '');
    if (!lr) text = text.replace(/ lr=\S+/, '');
    return text;
  };
  const points = placed.map((c) => ({
    label: label(c),
    slowdown: c.slowdown?.value ?? 0,
    gainPoints: c.accuracyGain?.value ?? 0,
    runs: c.okRuns,
  }));
  return { points, front: onFront(placed).map((c) => placed.indexOf(c)) };
}

// The configurations' own pooling over seeds (measure/configurations.ts), as the verdicts' best
// rho and configurations.csv report it: one point per (interval, rho), a line per interval; the
// interval schedule's only (a random schedule has no interval to scale rho with).
function rhoGain(all: readonly ConfigurationSummary[]): PageModel['rhoGain'] {
  const configurations = all.filter((c) => c.variant?.kind === 'interval' && c.rho !== null && c.accuracyGain);
  if (new Set(configurations.map((c) => c.rho)).size < 2) return null;
  const varies = (f: (c: (typeof configurations)[number]) => number) => new Set(configurations.map(f)).size > 1;
  const [bs, lr] = [varies((c) => c.batchSize), varies((c) => c.learningRate)];
  const lines = new Map<string, RhoGainLine>();
  for (const c of configurations) {
    const k = c.interval!;
    const label = `k=${k}${bs ? ` bs=${c.batchSize}` : ''}${lr ? ` lr=${short(c.learningRate)}` : ''}`;
    const line = lines.get(label) ?? { label, interval: k, points: [] };
    const { value, ci95 } = c.accuracyGain!;
    line.points.push({
      rho: c.rho!,
      gain: value,
      lo: ci95[0],
      hi: ci95[1],
      composerRule: c.rho === scaledRho(COMPOSER_RHO_RULE.rhoPerInterval, k),
    });
    lines.set(label, line);
  }
  const sorted = [...lines.values()].sort((a, b) => a.interval - b.interval);
  for (const line of sorted) line.points.sort((a, b) => a.rho - b.rho);
  return { lines: sorted, composerRule: { ...COMPOSER_RHO_RULE } };
}

// The single entry from the run results to what the page embeds.
/** The page model of `results`: one PageRun per result, in the results' order. */
export function buildPageModel(results: readonly RunResult[]): PageModel {
  const labels = shortLabels(results.map((r) => r.spec.id));
  const runs = results.map((r, i): PageRun => ({
    id: r.spec.id,
    label: labels[i]!,
    baseline: r.spec.sam === null,
    interval: r.spec.sam?.interval ?? null,
    rho: r.spec.sam?.rho ?? null,
    status: r.status,
    reason: r.reason,
    steps: stepSeries(r),
    evals: evalSeries(r),
    base: boxStats(r.stepsMs.base),
    sam: boxStats(r.stepsMs.sam),
    slowdown: r.slowdown,
    slowdownWithinRun: r.slowdownWithinRun,
    stepRatio: r.stepRatio?.value ?? null,
    predictedSlowdown: r.predictedSlowdown,
    finalAccuracy: r.finalEval?.acc ?? null,
    accuracyGain: r.accuracyGain,
  }));
  const samOk = results.filter((r) => r.status === 'ok' && r.spec.sam);
  const configurations = summarizeConfigurations(results);
  return {
    runs,
    // The same r as the slowdown-law verdict (report/verdicts.ts).
    ratio: lawRatio(samOk.flatMap((r) => (r.stepRatio ? [r.stepRatio.value] : []))),
    intervals: [...new Set(results.flatMap((r) => (r.spec.sam ? [r.spec.sam.interval] : [])))].sort((a, b) => a - b),
    methodCardPoint: { ...METHOD_CARD_POINT },
    tradeoff: tradeoff(configurations),
    rhoGain: rhoGain(configurations),
    hasEvals: runs.some((r) => r.evals.step.length > 0),
  };
}
