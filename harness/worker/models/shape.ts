// Input-shape checks shared by the convolutional builders.
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
