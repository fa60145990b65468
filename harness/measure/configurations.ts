// Joins cost and gain per configuration: the runs of one setting (all seeds) pooled into a
// slowdown, a peak memory with its overhead over no SAM, an accuracy with its spread, and the
// accuracy gain over the no-SAM runs; then the Pareto front of slowdown against gain across the
// configurations, the one every output shows.
import {
  samVariantOf,
  scheduleParts,
  settingOrder,
  writtenSettings,
  type ResolvedSam,
  type ResolvedSamVariant,
  type RunSpec,
} from '../../schemas/index.js';
import { computeStatistics, exact, median, paretoFront, pooled, toSamples, type CostGain, type Estimate } from '../stats/index.js';
import { memoryOverheads, peakBytes, type MemoryOverhead } from './memory.js';
import type { RunResult } from './run-result.js';

/** One configuration (a suite setting over all its seeds and repeats). */
export interface ConfigurationSummary {
  /** e.g. `SAM k=10 rho=0.5 bs=128 lr=0.01`, `SAM rst p=0.25 rho=0.05 bs=128 lr=0.01`, `no SAM bs=128 lr=0.01 ls=0.1 mixup=0.2`, `SAM k=1 rho=0.05 bs=128 lr=0.05 ws=2 sync`. */
  label: string;
  /** Which steps take SAM (`spec.sam.variant`); null for no SAM. */
  variant: ResolvedSamVariant | null;
  interval: number | null;
  rho: number | null;
  batchSize: number;
  learningRate: number;
  runs: number;
  okRuns: number;
  seeds: number[];
  /** The ok runs' SAM/base step ratios (ratio of medians) pooled: what the step-ratio verdict judges. */
  stepRatio: Estimate | null;
  /** The ok runs' slowdowns against their no-SAM runs (ratio of means − 1) pooled. */
  slowdown: Estimate | null;
  /** The ok runs' slowdowns against their own base steps pooled: what a within-run slowdown verdict judges. */
  slowdownWithinRun: Estimate | null;
  /** Median over the ok runs of their peak memory (device where reported, else resident set size), MiB. */
  peakMemoryMiB: number | null;
  /** The ok SAM runs' extra peak memory over their no-SAM runs, in parameter copies, pooled: what the memory-overhead verdict judges. */
  memoryOverhead: Estimate | null;
  /** Final top-1 accuracy over seeds (0–1): mean, sd and 95% t-interval. */
  accuracy: { mean: number; sd: number; ci95: [number, number] } | null;
  /** Accuracy minus the same-seed no-SAM run's, in points, pooled over seeds. */
  accuracyGain: Estimate | null;
  /** Mean training seconds to the target accuracy over the runs that reached it. */
  timeToTargetS: number | null;
  /**
   * On the Pareto front of slowdown (lower is better) against accuracy gain (higher is better)
   * across the configurations, no SAM at the origin (0, 0); null for a configuration with no
   * point (no slowdown or no gain; no SAM without accuracy), and for all when no SAM one has one.
   */
  onFront: boolean | null;
}

/**
 * The SAM setting of a label, e.g. `k=10 rho=0.5`, `looksam k=5 alpha=0.7 rho=0.05`, `rst p=0.25 rho=0.05`,
 * `grst p=0.1-0.5 rho=0.05 adaptive`, `aesam delta=0.9 c=1to-1 rho=0.05` (c from lambda2 to lambda1),
 * `late fraction=0.125 rho=0.05` (SAM on the last 12.5 % of the steps),
 * `warmup steps=5 rho=0.05` (a user's variant `warmup`, its scalar args by key).
 */
export function samSetting(sam: Pick<ResolvedSam, 'variant' | 'interval' | 'rho' | 'adaptive'>, rho = String(sam.rho)): string {
  return `${scheduleSetting(sam)} rho=${rho}${sam.adaptive ? ' adaptive' : ''}`;
}

// A label writes each setting as name=value, in the order of the variant's registry entry
// (schemas/registry/sam-variants.json `label`): LookSAM's k before its alpha.
function scheduleSetting(sam: Pick<ResolvedSam, 'variant' | 'interval'>): string {
  const parts = scheduleParts(sam);
  const { name } = parts;
  const settings = writtenSettings(sam, parts);
  const written = settingOrder(samVariantOf(sam)).label.flatMap((key) => (settings[key] === undefined ? [] : [`${key}=${settings[key]}`]));
  return [...(name === null ? [] : [name]), ...written].join(' ');
}

// Data parallelism is written only beyond one worker (`ws=2`, and `sync` for a SAM run that
// all-reduces its first gradient there), so labels of single-process runs stay as they were.
function parallelSetting({ sam, torch }: RunResult['spec']): string {
  if (!torch || torch.worldSize === 1) return '';
  return ` ws=${torch.worldSize}${sam && torch.syncFirstGradient ? ' sync' : ''}`;
}

// Label smoothing and MixUp are written only when set, so other labels stay as they were.
/** A run's regulariser setting as labels write it: `ls=0.1`, `mixup=0.2`, `ls=0.1 mixup=0.2`; empty for none. */
export function regulariserSetting({ dataset, optimizer }: Pick<RunSpec, 'dataset' | 'optimizer'>): string {
  const labelSmoothing = optimizer.labelSmoothing ?? 0;
  const mixup = dataset.mixup ?? null;
  return [...(labelSmoothing === 0 ? [] : [`ls=${labelSmoothing}`]), ...(mixup === null ? [] : [`mixup=${mixup.alpha}`])].join(' ');
}

function labelOf(s: RunResult): string {
  const { sam, dataset, optimizer } = s.spec;
  const regularisers = regulariserSetting(s.spec);
  const setting = `${sam ? `SAM ${samSetting(sam)}` : 'no SAM'} bs=${dataset.batchSize} lr=${optimizer.learningRate}`;
  return `${setting}${regularisers && ` ${regularisers}`}${parallelSetting(s.spec)}`;
}

// Repeats of a seed train identically: accuracy takes the first finished process of each seed.
function onePerSeed(ok: readonly RunResult[]): RunResult[] {
  const seen = new Set<number>();
  return ok.filter((r) => !seen.has(r.spec.seed) && seen.add(r.spec.seed));
}

/** Groups run results by everything but the seed and the repeat, in first-seen order. */
export function summarizeConfigurations(results: readonly RunResult[]): ConfigurationSummary[] {
  const groups = new Map<string, RunResult[]>();
  for (const s of results) groups.set(labelOf(s), [...(groups.get(labelOf(s)) ?? []), s]);
  const overheads = memoryOverheads(results);
  return withFront([...groups].map(([label, runs]) => pool(label, runs, overheads)));
}

function pool(
  label: string,
  runs: readonly RunResult[],
  overheads: ReadonlyMap<RunResult, MemoryOverhead>,
): Omit<ConfigurationSummary, 'onFront'> {
  const ok = runs.filter((r) => r.status === 'ok');
  const peaks = ok.flatMap((r) => peakBytes(r)?.bytes ?? []);
  const perSeed = onePerSeed(ok);
  const accuracies = perSeed.flatMap((r) => (r.finalEval === null ? [] : [r.finalEval.acc]));
  const accuracyStats = accuracies.length ? computeStatistics(toSamples(accuracies, `${label} accuracies`)) : null;
  const times = perSeed.flatMap((r) => (r.timeToTargetMs === null ? [] : [r.timeToTargetMs / 1000]));
  const { spec } = runs[0]!;
  return {
    label,
    variant: spec.sam ? samVariantOf(spec.sam) : null,
    interval: spec.sam?.interval ?? null,
    rho: spec.sam?.rho ?? null,
    batchSize: spec.dataset.batchSize,
    learningRate: spec.optimizer.learningRate,
    runs: runs.length,
    okRuns: ok.length,
    seeds: [...new Set(runs.map((r) => r.spec.seed))],
    stepRatio: pooled(ok.flatMap((r) => (r.stepRatio ? [r.stepRatio] : []))),
    slowdown: pooled(ok.flatMap((r) => (r.slowdown ? [r.slowdown] : []))),
    slowdownWithinRun: pooled(ok.flatMap((r) => (r.slowdownWithinRun ? [r.slowdownWithinRun] : []))),
    peakMemoryMiB: peaks.length ? median(peaks) / 2 ** 20 : null,
    memoryOverhead: pooled(ok.flatMap((r) => (overheads.has(r) ? [exact(overheads.get(r)!.copies)] : []))),
    accuracy: accuracyStats && { mean: accuracyStats.mean, sd: accuracyStats.sd, ci95: accuracyStats.ci95 },
    accuracyGain: pooled(perSeed.flatMap((r) => (r.accuracyGain === null ? [] : [exact(r.accuracyGain)]))),
    timeToTargetS: times.length ? times.reduce((a, b) => a + b, 0) / times.length : null,
  };
}

// Each configuration's own pooled values: the slowdown against its no-SAM runs and the gain
// paired by seed; no SAM is the origin, what every SAM configuration is measured against.
function frontPoint(c: Omit<ConfigurationSummary, 'onFront'>): CostGain | null {
  if (c.interval === null) return c.accuracy ? { cost: 0, gain: 0 } : null;
  return c.slowdown && c.accuracyGain ? { cost: c.slowdown.value, gain: c.accuracyGain.value } : null;
}

function withFront(configurations: Omit<ConfigurationSummary, 'onFront'>[]): ConfigurationSummary[] {
  const points = configurations.map(frontPoint);
  // Without a SAM point there is no trade-off: the origin alone is no front.
  if (!configurations.some((c, i) => c.interval !== null && points[i])) return configurations.map((c) => ({ ...c, onFront: null }));
  const placed = points.flatMap((p, i) => (p ? [{ ...p, i }] : []));
  const front = new Set(paretoFront(placed).map((j) => placed[j]!.i));
  return configurations.map((c, i) => ({ ...c, onFront: points[i] ? front.has(i) : null }));
}

// No point on the front dominates another, so paretoFront keeps them all: its order is the one shown.
/** The configurations on the front in paretoFront's order: by increasing slowdown (no SAM at 0), higher gain first on a tie. */
export function onFront(configurations: readonly ConfigurationSummary[]): ConfigurationSummary[] {
  const front = configurations.filter((c) => c.onFront);
  return paretoFront(front.map((c) => frontPoint(c)!)).map((i) => front[i]!);
}
