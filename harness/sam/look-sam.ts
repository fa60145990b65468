// LookSAM (Liu et al., CVPR 2022, "Towards Efficient and Scalable Sharpness-Aware Minimization"):
// a full SAM step every k steps keeps the part of the SAM gradient orthogonal to the plain one,
// g_v = g_s − (g·g_s / ‖g‖²)·g; each step in between takes the plain gradient g_t and applies
// g_t + α·(‖g_t‖ / ‖g_v‖)·g_v. Norms and dot products run over all trainable variables at once.
import * as tf from '@tensorflow/tfjs-core';

/** LookSAM as a caller gives it to `SAM` (`lookSam` option); k is SAM's `interval`. */
export interface LookSamOptions {
  /** Weight of the reused direction, > 0 (the paper uses about 0.7). */
  alpha: number;
}

/** The direction a LookSAM SAM step leaves for the steps after it: g_v per variable and ‖g_v‖. */
export interface ReusedDirection {
  gv: tf.Tensor[];
  norm: tf.Scalar;
}

const dot = (a: readonly tf.Tensor[], b: readonly tf.Tensor[]): tf.Scalar =>
  tf.addN(a.map((x, i) => tf.sum(tf.mul(x, b[i]!)))) as tf.Scalar;

/** ‖(t₁, …, tₙ)‖² over several tensors at once: the sum of every tensor's sum of squares. */
export const squaredGlobalNorm = (tensors: readonly tf.Tensor[]): tf.Scalar => dot(tensors, tensors);

/** ‖(t₁, …, tₙ)‖ over several tensors at once. */
export const globalNorm = (tensors: readonly tf.Tensor[]): tf.Scalar => tf.sqrt(squaredGlobalNorm(tensors));

/**
 * g_v = g_s − (g·g_s / (‖g‖² + epsilon))·g, the component of the SAM gradient g_s orthogonal to
 * the plain gradient g (epsilon, SAM's, only keeps a zero g from dividing by zero). New tensors.
 */
export function orthogonalComponent(g: readonly tf.Tensor[], gs: readonly tf.Tensor[], epsilon: number): ReusedDirection {
  return tf.tidy(() => {
    const coefficient = tf.div(dot(g, gs), tf.add(dot(g, g), epsilon));
    const gv = gs.map((s, i) => tf.sub(s, tf.mul(coefficient, g[i]!)));
    return { gv, norm: globalNorm(gv) };
  });
}

/**
 * g_t + α·(‖g_t‖ / (‖g_v‖ + epsilon))·g_v, the gradient a LookSAM step between SAM steps applies
 * (epsilon: a zero g_v adds nothing instead of NaN). New tensors, in the order of `g`.
 */
export function reusedGradient(g: readonly tf.Tensor[], direction: ReusedDirection, alpha: number, epsilon: number): tf.Tensor[] {
  return tf.tidy(() => {
    const scale = tf.div(tf.mul(alpha, globalNorm(g)), tf.add(direction.norm, epsilon));
    return g.map((t, i) => tf.add(t, tf.mul(direction.gv[i]!, scale)));
  });
}
