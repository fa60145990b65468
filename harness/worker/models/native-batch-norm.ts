// Training-mode BatchNorm on libtensorflow's fused kernels. tfjs-layers' BatchNormalization trains
// from tf.moments and tf.batchNorm, whose gradient is a composite of a dozen full-size element-wise
// kernels: on ResNet-20 (batch 128) 240 ms of a 645 ms step, against 19 ms for PyTorch's fused
// backward (npm run bench:profile -- --model resnet20). This layer is tfjs-layers' own, with the
// same weights, initialisers and moving-average update, except that on backend "tensorflow" a
// training pass over NHWC or [batch, features] input runs FusedBatchNorm (is_training) forward
// and FusedBatchNormGrad backward: one native op each way. Inference, other backends and other
// layouts are tfjs-layers'.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { BATCH_NORM_TRAINING, BATCH_NORM_TRAINING_GRAD, registerBatchNormKernels } from '../native-kernels.js';

type BatchNormalizationLayer = ReturnType<typeof tfl.layers.batchNormalization>;
type BatchNormalizationArgs = NonNullable<Parameters<typeof tfl.layers.batchNormalization>[0]>;
type Kwargs = Parameters<BatchNormalizationLayer['call']>[1];

// tfjs-layers exports the layer's factory, not its class.
const BatchNormalization = tfl.layers.batchNormalization({}).constructor as new (args: BatchNormalizationArgs) => BatchNormalizationLayer;

/** The fields of tfjs-layers' BatchNormalization this layer reads (private in its typings). */
interface BatchNormalizationState {
  axis: number;
  momentum: number;
  epsilon: number;
  gamma: tfl.LayerVariable | null;
  beta: tfl.LayerVariable | null;
  movingMean: tfl.LayerVariable;
  movingVariance: tfl.LayerVariable;
}

/** Batch statistics of one training pass: the mean and the biased variance, as tf.moments gives them. */
interface BatchStatistics {
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

/**
 * y = gamma·(x − mean)/√(var + epsilon) + beta over the batch's own statistics (NHWC, per channel),
 * differentiable in x, gamma and beta through FusedBatchNormGrad; `statistics` receives the
 * batch's mean and biased variance (kept: the caller disposes them). Backend "tensorflow" only
 * (harness/worker/native-kernels.ts).
 */
export function nativeBatchNormTraining(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
  statistics: (stats: BatchStatistics) => void,
): tf.Tensor4D {
  registerBatchNormKernels();
  const [batch, height, width] = x.shape;
  const count = batch * height * width;
  const attrs = { epsilon } as unknown as tf.NamedAttrMap;
  const op = tf.customGrad((input, scale, offset, save) => {
    const [y, mean, correctedVariance, savedMean, savedVariance] = tf
      .engine()
      .runKernel<tf.Tensor[]>(
        BATCH_NORM_TRAINING,
        { x: input as tf.Tensor, scale: scale as tf.Tensor, offset: offset as tf.Tensor },
        attrs,
      );
    // FusedBatchNorm returns the Bessel-corrected variance (for moving averages); tfjs-layers keeps the biased one.
    const variance = count > 1 ? tf.mul(correctedVariance!, (count - 1) / count) : correctedVariance!;
    statistics({ mean: tf.keep(mean!) as tf.Tensor1D, variance: tf.keep(variance) as tf.Tensor1D });
    (save as tf.GradSaveFunc)([input as tf.Tensor, scale as tf.Tensor, savedMean!, savedVariance!]);
    return {
      value: y!,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [savedX, savedScale, mean1, variance1] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
        const inputs = { dy, x: savedX, scale: savedScale, savedMean: mean1, savedVariance: variance1 };
        const [dx, dScale, dOffset] = tf.engine().runKernel<tf.Tensor[]>(BATCH_NORM_TRAINING_GRAD, inputs, attrs);
        return [dx!, dScale!, dOffset!];
      },
    };
  });
  return op(x, gamma, beta) as tf.Tensor4D;
}

/** tfjs-layers' BatchNormalization, trained on libtensorflow's fused kernels where it can be. */
export class NativeBatchNormalization extends BatchNormalization {
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    const state = this as unknown as BatchNormalizationState;
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    const native = tf.getBackend() === 'tensorflow';
    const lastAxis = state.axis === -1 || state.axis === x.rank - 1;
    const supported = x.rank === 4 || x.rank === 2;
    if (kwargs.training !== true || !native || !supported || !lastAxis || state.gamma === null || state.beta === null) {
      return super.call(inputs, kwargs);
    }
    const { gamma, beta } = state;
    return tf.tidy(() => {
      let stats: BatchStatistics | null = null;
      // Features of a dense layer ([batch, channels]) as a 1×1 image of them.
      const image: tf.Tensor4D = x.rank === 4 ? (x as tf.Tensor4D) : tf.reshape(x, [x.shape[0], 1, 1, x.shape[1]!]);
      const normalised = nativeBatchNormTraining(image, gamma.read() as tf.Tensor1D, beta.read() as tf.Tensor1D, state.epsilon, (s) => {
        stats = s;
      });
      const y = x.rank === 4 ? normalised : tf.reshape(normalised, x.shape);
      const { mean, variance } = stats!;
      // tfjs-layers' moving average, as written there: v ← v − (v − batch)·(1 − momentum).
      for (const [variable, value] of [
        [state.movingMean, mean],
        [state.movingVariance, variance],
      ] as const) {
        const current = variable.read();
        variable.write(tf.sub(current, tf.mul(tf.sub(current, value), 1 - state.momentum)));
      }
      tf.dispose([mean, variance]);
      return y;
    });
  }
}
