// small-cnn: conv3x3 32 → maxpool 2 → conv3x3 64 → maxpool 2 → flatten → dense(classes) logits.
import * as tfl from '@tensorflow/tfjs-layers';
import { NativeBatchNormalization } from './native-batch-norm.js';
import { SeededInit } from './init.js';
import { requireImageShape } from './shape.js';
import type { ModelBuildOptions } from './types.js';

// Smallest side that survives conv3 valid → pool2 → conv3 valid → pool2: 10 → 8 → 4 → 2 → 1.
const MIN_SIDE = 10;

/** Builds the small CNN ('valid' convs with bias and relu; BatchNorm after each conv when `batchNorm`). */
export function build({ model, inputShape, classes, seed }: ModelBuildOptions): tfl.LayersModel {
  const [h, w] = requireImageShape('small-cnn', inputShape);
  if (h < MIN_SIDE || w < MIN_SIDE) {
    throw new Error(`model "small-cnn" needs inputs of at least ${MIN_SIDE}x${MIN_SIDE} (got ${h}x${w})`);
  }
  const init = new SeededInit(seed);
  const net = tfl.sequential({ name: 'small_cnn' });
  net.add(tfl.layers.inputLayer({ inputShape }));
  for (const filters of [32, 64]) {
    net.add(tfl.layers.conv2d({ filters, kernelSize: 3, padding: 'valid', activation: 'relu', kernelInitializer: init.he() }));
    if (model.batchNorm) net.add(new NativeBatchNormalization({}));
    net.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
  }
  net.add(tfl.layers.flatten());
  net.add(tfl.layers.dense({ units: classes, kernelInitializer: init.glorot() }));
  return net;
}
