// Expands a checked suite into its runs: every (batch size, learning rate, seed) gets one
// no-SAM baseline (unless `baseline: false`) followed by one SAM run per (interval, rho).
import type { ResolvedSamOptions } from '../sam/options.js';
import { datasetDir, suiteIntervals } from './checks.js';
import type { ResolvedDataset, RunSpec } from './run-spec.js';
import type { Suite } from './suite.generated.js';

const SYNTHETIC_DEFAULTS = { shape: [28, 28, 1], classes: 10, samples: 1024 };
const IDX_IMAGE = { shape: [28, 28, 1], classes: 10 };

// rho = c · interval, rounded so 0.05 · 3 gives 0.15, not 0.15000000000000002.
function scaledRho(perInterval: number, interval: number): number {
  return Number((perInterval * interval).toPrecision(12));
}

/** The (interval, rho) pairs of a suite's SAM runs. */
export function samPoints(suite: Suite): Array<{ interval: number; rho: number }> {
  const intervals = suiteIntervals(suite);
  const perInterval = suite.matrix?.rhoPerInterval;
  if (perInterval !== undefined) return intervals.map((interval) => ({ interval, rho: scaledRho(perInterval, interval) }));
  const rhos = suite.matrix?.rho ?? [suite.sam!.rho!];
  return intervals.flatMap((interval) => rhos.map((rho) => ({ interval, rho })));
}

function resolveDataset(suite: Suite, suiteDir: string, batchSize: number): ResolvedDataset {
  const { dataset } = suite;
  if (dataset.name === 'synthetic') {
    return {
      name: dataset.name, path: null, batchSize,
      shape: dataset.shape ?? SYNTHETIC_DEFAULTS.shape,
      classes: dataset.classes ?? SYNTHETIC_DEFAULTS.classes,
      samples: dataset.samples ?? SYNTHETIC_DEFAULTS.samples,
    };
  }
  return { name: dataset.name, path: datasetDir(suite, suiteDir), batchSize, ...IDX_IMAGE, samples: dataset.samples ?? null };
}

/** All runs of a suite in execution order, with stable ids. */
export function expandSuite(suite: Suite, suiteDir: string): RunSpec[] {
  const batchSizes = suite.matrix?.batchSize ?? [suite.dataset.batchSize];
  const learningRates = suite.matrix?.learningRate ?? [suite.optimizer!.learningRate!];
  const runs: RunSpec[] = [];
  for (const batchSize of batchSizes) {
    for (const learningRate of learningRates) {
      for (const seed of suite.seeds!) {
        const common = { batchSize, learningRate, seed };
        const baseline = suite.baseline ? runSpec(suite, suiteDir, common, null) : null;
        if (baseline) runs.push(baseline);
        for (const { interval, rho } of samPoints(suite)) {
          const sam: ResolvedSamOptions = { ...(suite.sam as ResolvedSamOptions), interval, rho };
          runs.push({ ...runSpec(suite, suiteDir, common, sam), baselineId: baseline?.id ?? null });
        }
      }
    }
  }
  return runs;
}

function runSpec(
  suite: Suite,
  suiteDir: string,
  { batchSize, learningRate, seed }: { batchSize: number; learningRate: number; seed: number },
  sam: ResolvedSamOptions | null,
): RunSpec {
  const tail = `bs${batchSize}-lr${learningRate}-s${seed}`;
  const id = sam ? `sam-k${sam.interval}-rho${sam.rho}${sam.adaptive ? '-asam' : ''}-${tail}` : `base-${tail}`;
  return {
    id,
    suite: suite.name,
    framework: suite.framework!,
    backend: suite.backend!,
    precision: suite.precision!,
    model: { name: suite.model.name, hidden: suite.model.hidden ?? [256], batchNorm: suite.model.batchNorm ?? false },
    dataset: resolveDataset(suite, suiteDir, batchSize),
    optimizer: { ...(suite.optimizer as Required<NonNullable<Suite['optimizer']>>), learningRate },
    sam,
    steps: { warmup: suite.steps.warmup!, measured: suite.steps.measured, timeLimitSeconds: suite.steps.timeLimitSeconds ?? null },
    seed,
    baselineId: null,
    timeoutSeconds: suite.limits!.runTimeoutSeconds!,
  };
}
