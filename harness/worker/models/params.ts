// Parameter counts, as the papers and torchvision report them (trainable weights only).
import type * as tfl from '@tensorflow/tfjs-layers';

/**
 * Number of trainable scalars: kernels, biases and BatchNorm gamma/beta, but not BatchNorm's
 * moving mean and variance (`model.countParams()` counts those too).
 */
export function countTrainableParams(model: tfl.LayersModel): number {
  return model.trainableWeights.reduce((sum, w) => sum + w.shape.reduce((n: number, d) => n * (d ?? 1), 1), 0);
}
