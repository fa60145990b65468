// Input-shape checks shared by the convolutional builders, and the input shape of a custom layer.
import type * as tfl from '@tensorflow/tfjs-layers';
import type { BuiltinModel } from '../../../schemas/index.js';

/**
 * Returns `inputShape` as [height, width, channels], or throws naming the model and the
 * shape received: conv layers need an image, not a vector.
 */
export function requireImageShape(name: BuiltinModel['name'], inputShape: number[]): [number, number, number] {
  const [h, w, c] = inputShape;
  if (inputShape.length !== 3 || h === undefined || w === undefined || c === undefined) {
    throw new Error(
      `model "${name}" needs image inputs of shape [height, width, channels] (got [${inputShape.join(', ')}], ` +
        `rank ${inputShape.length}); give the dataset a 3-D shape such as [28, 28, 1], or use model "mlp"`,
    );
  }
  return [h, w, c];
}

/** The shape a single-input custom layer receives in `build` or `computeOutputShape`: tfjs-layers may pass it wrapped in a list. */
export function layerInputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
  return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
}
