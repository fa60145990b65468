// Expands a checked suite into its runs: every (batch size, learning rate, label smoothing, MixUp,
// world size, seed) gets one no-SAM baseline (unless `baseline: false`) followed by one SAM run per
// (interval, rho) of sam-points.ts and syncFirstGradient of data-parallel.ts. Ids name the interval
// and rho (`sam-k10-rho0.5-…`), unique since each (interval, rho) is one point; the spec records the
// c a scaled rho came from.
import fs from 'node:fs';
import path from 'node:path';
import {
  DATASETS,
  samVariantOf,
  scheduleParts,
  settingOrder,
  writtenSettings,
  withSchemaDefaults,
  type Dataset,
  type ResolvedDataset,
  type ResolvedEvaluation,
  type ResolvedSam,
  type ResolvedSchedule,
  type ResolvedTorch,
  type RunSpec,
  type Suite,
} from '../../schemas/index.js';
import { arraysFacts } from './arrays-dataset.js';
import { datasetDir } from './checks.js';
import { parallelParts, parallelPoints, type ParallelPoint } from './data-parallel.js';
import { resolveModel } from './user-model.js';
import { samPointCount, samPoints, suiteIntervals } from './sam-points.js';
import { resolveSuiteVariant } from './sam-plugins.js';

// A spec has no optional field, so a key that its model or dataset ignores (`hidden` of a
// ResNet, `onBadImage` of MNIST) still carries a value: the schema's default where it applies.
const IGNORED = {
  onBadImage: withSchemaDefaults<Dataset>('suite', 'dataset', { name: 'image-folder', batchSize: 1 }).onBadImage!,
};

// An image folder's classes are its train/ subfolders; 0 when the folder is not on this
// machine, which only a dry run accepts.
function imageFolderClasses(dir: string): number {
  const train = path.join(dir, 'train');
  return fs.existsSync(train) ? fs.readdirSync(train, { withFileTypes: true }).filter((e) => e.isDirectory()).length : 0;
}

// Every `!` below is a value the schema's defaults filled in (validateSuite runs first).
function resolveDataset(suite: Suite, suiteDir: string, batchSize: number, mixup: Mixup): ResolvedDataset {
  const { dataset } = suite;
  const common = {
    batchSize,
    mixup,
    augment: dataset.augment!,
    onBadImage: dataset.onBadImage ?? IGNORED.onBadImage,
    imageSize: null,
    trainSubset: dataset.trainSubset ?? null,
    labelNoise: dataset.labelNoise ?? 0,
  };
  switch (dataset.name) {
    case 'synthetic':
      // Synthetic data is left as generated: there is no training set to standardise with.
      return {
        ...common,
        name: dataset.name,
        path: null,
        normalize: false,
        shape: dataset.shape!,
        classes: dataset.classes!,
        samples: dataset.samples!,
      };
    case 'image-folder': {
      const [height, width] = dataset.imageSize!;
      return {
        ...common,
        name: dataset.name,
        path: datasetDir(suite, suiteDir),
        normalize: dataset.normalize!,
        imageSize: [height, width],
        shape: [height, width, 3],
        classes: imageFolderClasses(datasetDir(suite, suiteDir)!),
        samples: dataset.samples ?? null,
      };
    }
    case 'arrays': {
      // The files' facts, read at load. A dry run or an export without the files here gives shape [1] and
      // classes 0 (or the suite's): unknown, as an image folder's classes are; the worker then refuses the mismatch.
      const dir = datasetDir(suite, suiteDir)!;
      const facts = fs.existsSync(dir) ? arraysFacts(suite, dir) : [];
      const known = Array.isArray(facts) ? null : facts;
      return {
        ...common,
        name: dataset.name,
        path: dir,
        normalize: dataset.normalize!,
        shape: (known?.shape ?? [1]) as ResolvedDataset['shape'],
        classes: known?.classes ?? dataset.classes ?? 0,
        samples: dataset.samples ?? null,
      };
    }
    default: {
      // Facts of the format, not defaults: its files decide them (the registry's shape and classes).
      const { shape, classes } = DATASETS[dataset.name];
      return {
        ...common,
        name: dataset.name,
        path: datasetDir(suite, suiteDir),
        normalize: dataset.normalize!,
        shape: shape!,
        classes: classes!,
        samples: dataset.samples ?? null,
      };
    }
  }
}

// The training samples a run sees, when the suite fixes them (checks.ts requires it for `epochs`).
function trainingSize(suite: Suite): number | null {
  return suite.dataset.trainSubset ?? suite.dataset.samples ?? null;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

// `epochs` → steps: all of training (warm-up included) covers the epochs, and the measured steps
// are rounded up to whole SAM cycles of every interval, so every run of the suite gets one count.
/** The measured steps of a run of `suite` at `batchSize`: `steps.measured`, or what `steps.epochs` comes to. */
export function measuredSteps(suite: Suite, batchSize: number): number {
  const { measured, epochs, warmup } = suite.steps;
  if (measured !== undefined) return measured;
  const total = Math.ceil((epochs! * trainingSize(suite)!) / batchSize);
  const cycle = suiteIntervals(suite).reduce((l, k) => (l * k) / gcd(l, k), 1);
  return Math.max(cycle, Math.ceil((total - warmup!) / cycle) * cycle);
}

function resolveEvaluation(suite: Suite): ResolvedEvaluation | null {
  if (suite.evaluation === undefined) return null;
  const { everySteps, testSamples, targetAccuracy } = suite.evaluation;
  return { everySteps: everySteps!, testSamples: testSamples ?? null, targetAccuracy: targetAccuracy ?? null };
}

// Counted from the lists in the suite file, so a matrix too large to hold is refused before anything is built:
// processes = batch sizes · learning rates · label smoothings · mixups · seeds · repeats
// · Σ over world sizes (SAM points · their syncFirstGradient values + baseline).
/** How many runs (processes) `expandSuite` would give, without building them. */
export function countRuns(suite: Suite): number {
  const batchSizes = suite.matrix?.batchSize?.length ?? 1;
  const learningRates = suite.matrix?.learningRate?.length ?? 1;
  const regularisers = (suite.matrix?.labelSmoothing?.length ?? 1) * (suite.matrix?.mixup?.length ?? 1);
  const perSeed = parallelPoints(suite).reduce((n, p) => n + samPointCount(suite) * p.sam.length + (suite.baseline ? 1 : 0), 0);
  return batchSizes * learningRates * regularisers * suite.seeds!.length * suite.repeats! * perSeed;
}

// The settings shared by a baseline and its SAM runs, in report order: batch size, learning rate,
// label smoothing, MixUp, then world size (each SAM run's syncFirstGradient comes with its point).
function sharedSettings(suite: Suite): (Omit<RunPoint, 'seed' | 'repeat' | 'torch'> & { parallel: ParallelPoint })[] {
  const labelSmoothings = suite.matrix?.labelSmoothing ?? [suite.optimizer!.labelSmoothing!];
  const mixups = suite.matrix?.mixup ?? [suite.dataset.mixup ?? null];
  return (suite.matrix?.batchSize ?? [suite.dataset.batchSize]).flatMap((batchSize) =>
    (suite.matrix?.learningRate ?? [suite.optimizer!.learningRate!]).flatMap((learningRate) =>
      labelSmoothings.flatMap((labelSmoothing) =>
        mixups.flatMap((mixup) => parallelPoints(suite).map((parallel) => ({ batchSize, learningRate, labelSmoothing, mixup, parallel }))),
      ),
    ),
  );
}

/** All runs of a suite in report order (a run's repeats side by side), with stable ids; `scheduleRuns` gives the execution order. */
export function expandSuite(suite: Suite, suiteDir: string): RunSpec[] {
  const runs: RunSpec[] = [];
  const rounds = Array.from({ length: suite.repeats! }, (_, repeat) => repeat);
  for (const { parallel, ...shared } of sharedSettings(suite))
    for (const seed of suite.seeds!) {
      const common = { ...shared, seed };
      // A SAM process is paired with the no-SAM process of its own round and world size.
      const baselines = rounds.map((repeat) =>
        suite.baseline ? runSpec(suite, suiteDir, { ...common, torch: parallel.baseline, repeat }, null) : null,
      );
      for (const baseline of baselines) if (baseline) runs.push(baseline);
      for (const point of samPoints(suite)) {
        const { interval, rho, rhoPerInterval } = point;
        const variant = resolveSuiteVariant(suite, suiteDir, point);
        const sam: ResolvedSam = { ...(suite.sam as ResolvedSam), interval, rho, rhoPerInterval, variant };
        for (const torch of parallel.sam)
          for (const repeat of rounds)
            runs.push({ ...runSpec(suite, suiteDir, { ...common, torch, repeat }, sam), baselineId: baselines[repeat]?.id ?? null });
      }
    }
  return runs;
}

// An id writes each setting as a letter and its value, in the order and with the letters of the
// variant's registry entry (schemas/registry/sam-variants.json): LookSAM's alpha (`a`) before its k.
// The schedule part of a SAM run's id: `k10` (interval), `rst-p0.5` (random), `grst-p0.1-0.9`
// (growing p), `looksam-a0.7-k5` (LookSAM, alpha 0.7, k 5), `aesam-d0.9-c1to-1` (AE-SAM, delta
// 0.9, c from lambda2 1 to lambda1 −1), `warmup-steps5` (a user's variant `warmup`, args {steps: 5}).
function variantTag(sam: ResolvedSam): string {
  const parts = scheduleParts(sam);
  const { name } = parts;
  const settings = writtenSettings(sam, parts);
  const letters = settingOrder(samVariantOf(sam)).id;
  const written = letters.flatMap(([key, letter]) => (settings[key] === undefined ? [] : [`${letter}${settings[key]}`]));
  return [...(name === null ? [] : [name]), ...written].join('-');
}

// The regularisers of a run's id (`ls0.1`, `mix0.2`), only where they are set, so the ids of runs
// without them stay what they were: `sam-k1-rho0.05-ls0.1-mix0.2-bs128-lr0.01-s1`.
function regulariserParts(labelSmoothing: number, mixup: Mixup): string[] {
  return [...(labelSmoothing === 0 ? [] : [`ls${labelSmoothing}`]), ...(mixup === null ? [] : [`mix${mixup.alpha}`])];
}

type Mixup = ResolvedDataset['mixup'];

interface RunPoint {
  batchSize: number;
  learningRate: number;
  labelSmoothing: number;
  mixup: Mixup;
  seed: number;
  repeat: number;
  torch: ResolvedTorch | null;
}

function runSpec(suite: Suite, suiteDir: string, point: RunPoint, sam: ResolvedSam | null): RunSpec {
  const { batchSize, learningRate, labelSmoothing, mixup, seed, repeat, torch } = point;
  const tail = [
    ...regulariserParts(labelSmoothing, mixup),
    ...parallelParts(suite, torch, sam !== null),
    `bs${batchSize}-lr${learningRate}-s${seed}${suite.repeats! > 1 ? `-r${repeat}` : ''}`,
  ].join('-');
  const id = sam ? `sam-${variantTag(sam)}-rho${sam.rho}${sam.adaptive ? '-asam' : ''}-${tail}` : `base-${tail}`;
  return {
    id,
    suite: suite.name,
    framework: suite.framework!,
    backend: suite.backend!,
    precision: suite.precision!,
    model: resolveModel(suite, suiteDir).model,
    dataset: resolveDataset(suite, suiteDir, batchSize, mixup),
    optimizer: {
      ...(suite.optimizer as RunSpec['optimizer']),
      schedule: suite.optimizer!.schedule as ResolvedSchedule,
      learningRate,
      labelSmoothing,
    },
    sam,
    steps: {
      warmup: suite.steps.warmup!,
      measured: measuredSteps(suite, batchSize),
      timeLimitSeconds: suite.steps.timeLimitSeconds ?? null,
    },
    evaluation: resolveEvaluation(suite),
    seed,
    repeat,
    baselineId: null,
    torch,
    timeoutSeconds: suite.limits!.runTimeoutSeconds!,
  };
}
