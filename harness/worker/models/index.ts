// Models: takes a resolved model, an input shape, a class count and a seed; gives an uncompiled
// tfjs-layers model that outputs logits (no softmax), its weights fixed by the seed. Never trains,
// compiles, loads weights or picks a backend.
import type * as tfl from '@tensorflow/tfjs-layers';
import type { BuiltinModel } from '../../../schemas/index.js';
import { buildMlp } from './mlp.js';
import { buildResnet18 } from './resnet18.js';
import { buildResnet20 } from './resnet20.js';
import { buildResnet50 } from './resnet50.js';
import { buildSmallCnn } from './small-cnn.js';
import type { ModelBuildOptions } from './types.js';
import { buildWrn16x4 } from './wrn-16-4.js';

export type { ModelBuildOptions } from './types.js';
export { countTrainableParams } from './params.js';
export { PadShortcut } from './pad-shortcut.js';

/** Builds one model from its options. */
export type ModelBuilder = (opts: ModelBuildOptions) => tfl.LayersModel;

// One builder per suite `model.name`; the Record type makes a missing one a compile error.
/** Every model a suite can name, by name. */
export const MODEL_BUILDERS: Record<BuiltinModel['name'], ModelBuilder> = {
  mlp: buildMlp,
  'small-cnn': buildSmallCnn,
  resnet20: buildResnet20,
  resnet18: buildResnet18,
  resnet50: buildResnet50,
  'wrn-16-4': buildWrn16x4,
};

// Looks the builder up at run time, where a name may come from unvalidated JSON.
/** Builds the model `opts.model.name` names; throws listing the known names for any other. */
export function buildModel(opts: ModelBuildOptions): tfl.LayersModel {
  const builder = Object.hasOwn(MODEL_BUILDERS, opts.model.name) ? MODEL_BUILDERS[opts.model.name] : undefined;
  if (builder === undefined) {
    throw new Error(`unknown model "${String(opts.model.name)}"; expected one of ${Object.keys(MODEL_BUILDERS).join(', ')}`);
  }
  return builder(opts);
}
