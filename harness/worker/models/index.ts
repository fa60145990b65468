// Models: takes a resolved model, an input shape, a class count and a seed; gives an uncompiled
// tfjs-layers model that outputs logits (no softmax), its weights fixed by the seed. Never trains,
// compiles, loads weights or picks a backend.
import type * as tfl from '@tensorflow/tfjs-layers';
import { MODEL_BUILDERS } from './builders.generated.js';
import type { ModelBuildOptions } from './types.js';

export type { ModelBuildOptions } from './types.js';
export { countTrainableParams } from './params.js';
export { PadShortcut } from './pad-shortcut.js';

export type { ModelBuilder } from './types.js';
export { MODEL_BUILDERS } from './builders.generated.js';

// Looks the builder up at run time, where a name may come from unvalidated JSON.
/** Builds the model `opts.model.name` names; throws listing the known names for any other. */
export function buildModel(opts: ModelBuildOptions): tfl.LayersModel {
  const builder = Object.hasOwn(MODEL_BUILDERS, opts.model.name) ? MODEL_BUILDERS[opts.model.name] : undefined;
  if (builder === undefined) {
    throw new Error(`unknown model "${String(opts.model.name)}"; expected one of ${Object.keys(MODEL_BUILDERS).join(', ')}`);
  }
  return builder(opts);
}
