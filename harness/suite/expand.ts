// Expands a checked suite into its runs: every (batch size, learning rate, seed) gets one
// no-SAM baseline (unless `baseline: false`) followed by one SAM run per (interval, rho).
import fs from 'node:fs';
import path from 'node:path';
import type { ResolvedSamOptions } from '../sam/options.js';
import { datasetDir, suiteIntervals } from './checks.js';
import type { ResolvedDataset, ResolvedEvaluation, RunSpec } from './run-spec.js';
import type { Suite } from './suite.generated.js';

const SYNTHETIC_DEFAULTS = { shape: [28, 28, 1], classes: 10, samples: 1024 };
const FILE_DATASETS = {
  mnist: { shape: [28, 28, 1], classes: 10 },
  'fashion-mnist': { shape: [28, 28, 1], classes: 10 },
  cifar10: { shape: [32, 32, 3], classes: 10 },
};
const IMAGE_FOLDER_SIZE: [number, number] = [224, 224];

// An image folder's classes are its train/ subfolders; 0 when the folder is not on this
// machine, which only a dry run accepts.
function imageFolderClasses(dir: string): number {
  const train = path.join(dir, 'train');
  return fs.existsSync(train) ? fs.readdirSync(train, { withFileTypes: true }).filter((e) => e.isDirectory()).length : 0;
}

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
  const common = { batchSize, augment: dataset.augment!, onBadImage: dataset.onBadImage ?? 'skip', imageSize: null };
  switch (dataset.name) {
    case 'synthetic':
      return {
        ...common, name: dataset.name, path: null, normalize: false,
        shape: dataset.shape ?? SYNTHETIC_DEFAULTS.shape,
        classes: dataset.classes ?? SYNTHETIC_DEFAULTS.classes,
        samples: dataset.samples ?? SYNTHETIC_DEFAULTS.samples,
      };
    case 'image-folder': {
      const [height, width] = dataset.imageSize ?? IMAGE_FOLDER_SIZE;
      return {
        ...common, name: dataset.name, path: datasetDir(suite, suiteDir), normalize: dataset.normalize!, imageSize: [height, width],
        shape: [height, width, 3], classes: imageFolderClasses(datasetDir(suite, suiteDir)!), samples: dataset.samples ?? null,
      };
    }
    default:
      return { ...common, name: dataset.name, path: datasetDir(suite, suiteDir), normalize: dataset.normalize!, ...FILE_DATASETS[dataset.name], samples: dataset.samples ?? null };
  }
}

function resolveEvaluation(suite: Suite): ResolvedEvaluation | null {
  if (suite.dataset.name === 'synthetic') return null;
  const evaluation = suite.evaluation ?? {};
  return { everySteps: evaluation.everySteps ?? 0, testSamples: evaluation.testSamples ?? null, targetAccuracy: evaluation.targetAccuracy ?? null };
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
    optimizer: { ...(suite.optimizer as RunSpec['optimizer']), schedule: suite.optimizer!.schedule ?? { kind: 'constant' }, learningRate },
    sam,
    steps: { warmup: suite.steps.warmup!, measured: suite.steps.measured, timeLimitSeconds: suite.steps.timeLimitSeconds ?? null },
    evaluation: resolveEvaluation(suite),
    seed,
    baselineId: null,
    torch: suite.framework === 'torch' ? { device: 'cpu', worldSize: 1, channelsLast: false, syncFirstGradient: false, ...suite.torch } : null,
    timeoutSeconds: suite.limits!.runTimeoutSeconds!,
  };
}
