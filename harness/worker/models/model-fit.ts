// Whether a user's model fits the run's data, checked before any step: one input of the dataset's
// sample shape (the batch axis aside), one output of one logit per class, and logits, not
// probabilities (train.ts's softmax cross-entropy takes logits: a softmax there would apply twice).
// A flat input for image data is refused rather than reshaped: the data is fed as the suite's
// dataset shape says, so the model states that shape (add a tf.layers.flatten() after it).
import type * as tfl from '@tensorflow/tfjs-layers';
import { ModelFileProblem } from '../../../schemas/index.js';

const shape = (dims: readonly (number | null)[]) => `[${dims.map((d) => d ?? 'null').join(', ')}]`;

/** The problem with `model` for samples of `inputShape` and `classes` classes, reported at `pointer`; null when it fits. */
export function modelFitProblem(
  model: tfl.LayersModel,
  inputShape: readonly number[],
  classes: number,
  pointer: string,
): ModelFileProblem | null {
  const problem = (message: string) => new ModelFileProblem(pointer, message);
  if (model.inputs.length !== 1)
    return problem(`the model has ${model.inputs.length} inputs; expected one, of shape ${shape([null, ...inputShape])}`);
  if (model.outputs.length !== 1)
    return problem(`the model has ${model.outputs.length} outputs; expected one, of shape [null, ${classes}]`);
  const input = model.inputs[0]!.shape.slice(1);
  if (input.length !== inputShape.length || input.some((d, i) => d !== null && d !== inputShape[i])) {
    return problem(
      `the model's input shape is ${shape(input)} (batch axis aside); the dataset's samples are ${shape(inputShape)}: ` +
        `give the model's first layer inputShape ${shape(inputShape)}`,
    );
  }
  const output = model.outputs[0]!.shape.slice(1);
  if (output.length !== 1 || output[0] !== classes) {
    return problem(
      `the model's output shape is ${shape(output)} (batch axis aside); expected [${classes}], one logit per class of the dataset`,
    );
  }
  const last = model.layers.at(-1);
  const activation = (last?.getConfig() as { activation?: unknown } | undefined)?.activation;
  if (last?.getClassName() === 'Softmax' || activation === 'softmax') {
    return problem(
      `the model's last layer ("${last?.name}") applies a softmax; sambench's loss takes logits: end the model with a linear layer (activation 'linear')`,
    );
  }
  return null;
}
