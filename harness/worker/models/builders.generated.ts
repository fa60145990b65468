/* Generated from schemas/registry/models.json by scripts/generate-registry.mjs: a built-in model `name` is
 * harness/worker/models/<name>.ts, whose `build` makes it. Edit the registry, then `npm run gen:types`. */
import type { BuiltinModel } from '../../../schemas/index.js';
import type { ModelBuilder } from './types.js';
import { build as mlp } from './mlp.js';
import { build as smallCnn } from './small-cnn.js';
import { build as resnet20 } from './resnet20.js';
import { build as resnet56 } from './resnet56.js';
import { build as resnet18 } from './resnet18.js';
import { build as resnet50 } from './resnet50.js';
import { build as wrn164 } from './wrn-16-4.js';
import { build as vitTiny } from './vit-tiny.js';

/** Every built-in model the TF.js worker builds, by name. */
export const MODEL_BUILDERS: Record<BuiltinModel['name'], ModelBuilder> = {
  mlp: mlp,
  'small-cnn': smallCnn,
  resnet20: resnet20,
  resnet56: resnet56,
  resnet18: resnet18,
  resnet50: resnet50,
  'wrn-16-4': wrn164,
  'vit-tiny': vitTiny,
};
