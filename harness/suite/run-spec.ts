// A RunSpec is one fully resolved training run: everything a worker needs, nothing left to
// defaults. suite/expand.ts makes them; launch/ hands them to a worker process as JSON.
import type { ResolvedSamOptions } from '../sam/options.js';
import type { Dataset, Model, Optimizer, Schedule, Suite } from './suite.generated.js';

/** A model with every option filled in. */
export type ResolvedModel = Required<Pick<Model, 'name' | 'batchNorm'>> & { hidden: number[] };

/** A dataset with an absolute path (or null for synthetic data) and its input shape and class count. */
export interface ResolvedDataset {
  name: Dataset['name'];
  path: string | null;
  batchSize: number;
  /** Shape of one input sample, e.g. [28, 28, 1]. */
  shape: number[];
  classes: number;
  /** Training samples to use; null = all in the files. */
  samples: number | null;
  /** Pad-4-and-crop plus horizontal flip, seeded from the run's seed. */
  augment: boolean;
  /** Per-channel standardisation with training-set statistics (file datasets only). */
  normalize: boolean;
  /** `image-folder` only: [height, width] every image is resized to; null otherwise. */
  imageSize: [number, number] | null;
  /** `image-folder` only: what an undecodable image does. */
  onBadImage: 'skip' | 'fail';
}

/** Test-set evaluation of a run; null for synthetic data. */
export interface ResolvedEvaluation {
  /** Evaluate every this many steps (0 = only at the end); the last step is always evaluated. */
  everySteps: number;
  /** Test samples to use; null = the whole test split. */
  testSamples: number | null;
  /** Top-1 accuracy whose first crossing gives time-to-accuracy; null = none. */
  targetAccuracy: number | null;
}

/** The base optimizer with its learning-rate schedule resolved. */
export type ResolvedOptimizer = Required<Omit<Optimizer, 'schedule'>> & { schedule: Schedule };

/** One run of a suite, resolved. */
export interface RunSpec {
  /** Stable id: the same suite always gives the same ids (results are keyed by it). */
  id: string;
  suite: string;
  framework: NonNullable<Suite['framework']>;
  backend: NonNullable<Suite['backend']>;
  precision: NonNullable<Suite['precision']>;
  model: ResolvedModel;
  dataset: ResolvedDataset;
  optimizer: ResolvedOptimizer;
  /** null: the no-SAM baseline. */
  sam: ResolvedSamOptions | null;
  steps: { warmup: number; measured: number; timeLimitSeconds: number | null };
  evaluation: ResolvedEvaluation | null;
  seed: number;
  /** For a SAM run, the id of its matching no-SAM run (null when the suite has `baseline: false`). */
  baselineId: string | null;
  /** PyTorch settings (framework "torch"); null for TF.js runs. */
  torch: { device: 'cpu' | 'cuda'; worldSize: number; channelsLast: boolean; syncFirstGradient: boolean } | null;
  /** Hard limit: the launcher kills the worker after this long. */
  timeoutSeconds: number;
}
