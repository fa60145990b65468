// Faster kernels for native TensorFlow, the same results bit for bit. tfjs-node's `Step` (the ReLU
// derivative in every ReLU and fused conv/dense+ReLU gradient) fills two full-size tensors (ones,
// alpha) and selects twice: 7 native ops, 35 ms on a 128×30×30×32 activation on the 2-core machine
// here. For step(x) with alpha 0 (the ReLU case) 4 ops do: x if NaN, else cast(x > 0), 16 ms
// (npm run bench:options measures a whole training step with and without it).
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
