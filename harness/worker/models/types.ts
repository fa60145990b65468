// What every model builder takes; shared by the registry and the builders.
import type * as tfl from '@tensorflow/tfjs-layers';
import type { BuiltinModel } from '../../../schemas/index.js';

/** Inputs to a model builder. */
export interface ModelBuildOptions {
  model: BuiltinModel;
  /** Shape of one input sample without the batch axis, e.g. [28, 28, 1] or [784]. */
  inputShape: number[];
  /** Number of output logits. */
  classes: number;
  /** Run seed: every kernel initializer is seeded from it, so equal seeds give equal weights. */
  seed: number;
}

/** Builds one model from its options. */
export type ModelBuilder = (opts: ModelBuildOptions) => tfl.LayersModel;
