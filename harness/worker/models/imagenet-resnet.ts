// The frame the ImageNet ResNets share: 7x7/2 stem + max pool, a body of residual stages, pooled
// logits; each model gives only its body. Initialisers are handed out stem, body, head, in order.
import * as tfl from '@tensorflow/tfjs-layers';
import { imagenetStem, poolLogits } from './blocks.js';
import { SeededInit } from './init.js';
import { requireImageShape } from './shape.js';
import type { ModelBuildOptions } from './types.js';

/** Builds `name` around `body`, which maps the stem's output to the last stage's. */
export function buildImagenetResnet(
  name: 'resnet18' | 'resnet50',
  { inputShape, classes, seed }: ModelBuildOptions,
  body: (stem: tfl.SymbolicTensor, init: SeededInit) => tfl.SymbolicTensor,
): tfl.LayersModel {
  requireImageShape(name, inputShape);
  const init = new SeededInit(seed);
  const input = tfl.input({ shape: inputShape, name: 'input' });
  const x = body(imagenetStem(input, init.he()), init);
  return tfl.model({ inputs: input, outputs: poolLogits(x, classes, init.glorot()), name });
}
