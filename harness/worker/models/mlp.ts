// mlp: flatten → [dense(relu) → optional BatchNorm] per hidden layer → dense(classes) logits.
import * as tfl from '@tensorflow/tfjs-layers';
import { NativeBatchNormalization } from './native-batch-norm.js';
import { SeededInit } from './init.js';
import type { ModelBuildOptions } from './types.js';

/** Builds the multilayer perceptron; any input rank is flattened. */
export function build({ model, inputShape, classes, seed }: ModelBuildOptions): tfl.LayersModel {
  const init = new SeededInit(seed);
  const net = tfl.sequential({ name: 'mlp' });
  net.add(tfl.layers.inputLayer({ inputShape }));
  // Flatten refuses rank-1 inputs (it wants min ndim 3 with the batch axis).
  if (inputShape.length > 1) net.add(tfl.layers.flatten());
  for (const units of model.hidden) {
    net.add(tfl.layers.dense({ units, activation: 'relu', kernelInitializer: init.he() }));
    if (model.batchNorm) net.add(new NativeBatchNormalization({}));
  }
  net.add(tfl.layers.dense({ units: classes, kernelInitializer: init.glorot() }));
  return net;
}
