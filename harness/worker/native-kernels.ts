// Faster kernels for native TensorFlow. tfjs-node's `Step` (the ReLU
// derivative in every ReLU and fused conv/dense+ReLU gradient) fills two full-size tensors (ones,
// alpha) and selects twice: 7 native ops, 35 ms on a 128×30×30×32 activation on the 2-core machine
// here. For step(x) with alpha 0 (the ReLU case) 4 ops do: x if NaN, else cast(x > 0), 16 ms
// (npm run bench:options measures a whole training step with and without it), the same bytes out.
// And libtensorflow's fused training BatchNorm, forward and backward, as kernels.
import * as tf from '@tensorflow/tfjs-core';

const BACKEND = 'tensorflow';
const STEP = 'Step';

type KernelFunc = tf.KernelConfig['kernelFunc'];

let original: KernelFunc | null = null;

// step(x) = NaN for NaN, 1 for x > 0, 0 otherwise (alpha 0): as tfjs-node's Step, without its fills.
const reluStep: KernelFunc = (args) => {
  // tfjs-node hands its kernels Tensors (its own Step uses them as such).
  const { x } = args.inputs as { x: tf.Tensor };
  const alpha = (args.attrs as { alpha?: number } | undefined)?.alpha ?? 0;
  if (alpha !== 0 || x.dtype !== 'float32') return original!(args);
  return tf.tidy(() => tf.where(tf.isNaN(x), x, tf.cast(tf.greater(x, 0), 'float32')));
};

/** Whether the faster kernels are registered for backend "tensorflow". */
export function nativeKernelsInstalled(): boolean {
  return original !== null;
}

/**
 * Registers the faster kernels for backend "tensorflow" (after tfjs-node has registered its own);
 * `false` puts tfjs-node's back (for side-by-side measurement). Idempotent.
 */
export function useNativeKernels(on: boolean): void {
  if (on === nativeKernelsInstalled()) return;
  const current = tf.getKernel(STEP, BACKEND);
  if (current === undefined) throw new Error(`no ${STEP} kernel registered for backend "${BACKEND}": load tfjs-node first`);
  tf.unregisterKernel(STEP, BACKEND);
  if (on) {
    original = current.kernelFunc;
    tf.registerKernel({ kernelName: STEP, backendName: BACKEND, kernelFunc: reluStep });
  } else {
    tf.registerKernel({ kernelName: STEP, backendName: BACKEND, kernelFunc: original! });
    original = null;
  }
}

/** The part of tfjs-node's backend that runs a native op by name. */
interface NativeBackend {
  binding: { TF_ATTR_FLOAT: number; TF_ATTR_STRING: number; TF_ATTR_BOOL: number; TF_ATTR_TYPE: number; TF_FLOAT: number };
  executeMultipleOutputs(name: string, attrs: NativeAttr[], inputs: tf.Tensor[], outputs: number): tf.Tensor[];
}
interface NativeAttr {
  name: string;
  type: number;
  value: number | string | boolean;
}

// Training BatchNorm as libtensorflow's fused ops (models/native-batch-norm.ts uses them): kernels
// of their own rather than calls past the engine, so tf.profile and bench:profile see them by name.
/** x, scale, offset → y, batch mean, Bessel-corrected batch variance, two statistics for the gradient. */
export const BATCH_NORM_TRAINING = 'SambenchFusedBatchNormTraining';
/** dy, x, scale, the two saved statistics → dx, dscale, doffset (and two unused outputs). */
export const BATCH_NORM_TRAINING_GRAD = 'SambenchFusedBatchNormTrainingGrad';

function attrsOf(backend: NativeBackend, epsilon: number): NativeAttr[] {
  const { binding } = backend;
  return [
    { name: 'T', type: binding.TF_ATTR_TYPE, value: binding.TF_FLOAT },
    { name: 'epsilon', type: binding.TF_ATTR_FLOAT, value: epsilon },
    { name: 'data_format', type: binding.TF_ATTR_STRING, value: 'NHWC' },
    { name: 'is_training', type: binding.TF_ATTR_BOOL, value: true },
  ];
}

/** Registers the two BatchNorm kernels for backend "tensorflow" (idempotent). */
export function registerBatchNormKernels(): void {
  if (tf.getKernel(BATCH_NORM_TRAINING, BACKEND) !== undefined) return;
  tf.registerKernel({
    kernelName: BATCH_NORM_TRAINING,
    backendName: BACKEND,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, scale, offset } = inputs as { x: tf.Tensor; scale: tf.Tensor; offset: tf.Tensor };
      const native = backend as unknown as NativeBackend;
      const empty = tf.tensor1d([]);
      const outputs = native.executeMultipleOutputs(
        'FusedBatchNorm',
        attrsOf(native, (attrs as { epsilon: number }).epsilon),
        [x, scale, offset, empty, empty],
        5,
      );
      empty.dispose();
      return outputs;
    },
  });
  tf.registerKernel({
    kernelName: BATCH_NORM_TRAINING_GRAD,
    backendName: BACKEND,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { dy, x, scale, savedMean, savedVariance } = inputs as Record<string, tf.Tensor>;
      const native = backend as unknown as NativeBackend;
      return native.executeMultipleOutputs(
        'FusedBatchNormGrad',
        attrsOf(native, (attrs as { epsilon: number }).epsilon),
        [dy!, x!, scale!, savedMean!, savedVariance!],
        5,
      );
    },
  });
}
