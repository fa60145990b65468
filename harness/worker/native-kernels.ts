// Faster kernels for native TensorFlow, giving tfjs's results.
// - The ReLU derivative. tfjs-node's `Step` (in every ReLU and fused conv/dense+ReLU gradient)
//   fills two full-size tensors (ones, alpha) and selects twice: 7 native ops, 35 ms on a
//   128×30×30×32 activation on the 2-core machine here. For step(x) with alpha 0 (the ReLU case)
//   4 ops do: x if NaN, else cast(x > 0), 16 ms, the same bytes out. And a plain ReLU's gradient,
//   tfjs-core's dy·step(x), is libtensorflow's one-op ReluGrad (x where x is NaN, as dy·NaN is).
//   npm run bench:options measures a training step with and without them (useNativeKernels).
// - libtensorflow's fused training BatchNorm, forward and backward, as kernels.
import * as tf from '@tensorflow/tfjs-core';

const BACKEND = 'tensorflow';
const STEP = 'Step';
const RELU = 'Relu';
/** dy, x → dy where x > 0, 0 where x ≤ 0, NaN where x is NaN (float32). */
const RELU_GRAD = 'SambenchReluGrad';

type KernelFunc = tf.KernelConfig['kernelFunc'];

// tfjs-node's Step kernel and tfjs-core's Relu gradient while ours are in place.
let original: { step: KernelFunc; reluGradient: tf.GradConfig } | null = null;

// step(x) = NaN for NaN, 1 for x > 0, 0 otherwise (alpha 0): as tfjs-node's Step, without its fills.
const reluStep: KernelFunc = (args) => {
  // tfjs-node hands its kernels Tensors (its own Step uses them as such).
  const { x } = args.inputs as { x: tf.Tensor };
  const alpha = (args.attrs as { alpha?: number } | undefined)?.alpha ?? 0;
  if (alpha !== 0 || x.dtype !== 'float32') return original!.step(args);
  return tf.tidy(() => tf.where(tf.isNaN(x), x, tf.cast(tf.greater(x, 0), 'float32')));
};

// tfjs-core's Relu gradient, dy·step(x), as one kernel on native float32 tensors.
const reluGradient: tf.GradConfig = {
  kernelName: RELU,
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved as [tf.Tensor];
    const grad = dy as tf.Tensor;
    if (tf.getBackend() !== BACKEND || x.dtype !== 'float32' || grad.dtype !== 'float32')
      return original!.reluGradient.gradFunc(dy, saved, attrs);
    return { x: () => tf.engine().runKernel<tf.Tensor>(RELU_GRAD, { dy: grad, x }) };
  },
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
  const step = tf.getKernel(STEP, BACKEND);
  if (step === undefined) throw new Error(`no ${STEP} kernel registered for backend "${BACKEND}": load tfjs-node first`);
  registerReluGradKernel();
  tf.unregisterKernel(STEP, BACKEND);
  if (on) {
    original = { step: step.kernelFunc, reluGradient: tf.getGradient(RELU) };
    tf.registerKernel({ kernelName: STEP, backendName: BACKEND, kernelFunc: reluStep });
    tf.registerGradient(reluGradient);
  } else {
    tf.registerKernel({ kernelName: STEP, backendName: BACKEND, kernelFunc: original!.step });
    tf.registerGradient(original!.reluGradient);
    original = null;
  }
}

function registerReluGradKernel(): void {
  if (tf.getKernel(RELU_GRAD, BACKEND) !== undefined) return;
  tf.registerKernel({
    kernelName: RELU_GRAD,
    backendName: BACKEND,
    kernelFunc: ({ inputs, backend }) => {
      const { dy, x } = inputs as { dy: tf.Tensor; x: tf.Tensor };
      const native = backend as unknown as NativeBackend;
      return tf.tidy(() => tf.where(tf.isNaN(x), x, native.executeSingleOutput('ReluGrad', [float32Type(native)], [dy, x])));
    },
  });
}

/** The part of tfjs-node's backend that runs a native op by name. */
interface NativeBackend {
  binding: { TF_ATTR_FLOAT: number; TF_ATTR_STRING: number; TF_ATTR_BOOL: number; TF_ATTR_TYPE: number; TF_FLOAT: number };
  executeMultipleOutputs(name: string, attrs: NativeAttr[], inputs: tf.Tensor[], outputs: number): tf.Tensor[];
  executeSingleOutput(name: string, attrs: NativeAttr[], inputs: tf.Tensor[]): tf.Tensor;
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

// The op's element type attribute `T`: float32.
function float32Type(backend: NativeBackend): NativeAttr {
  return { name: 'T', type: backend.binding.TF_ATTR_TYPE, value: backend.binding.TF_FLOAT };
}

function attrsOf(backend: NativeBackend, epsilon: number): NativeAttr[] {
  const { binding } = backend;
  return [
    float32Type(backend),
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
