// LookSAM (Liu et al., CVPR 2022, "Towards Efficient and Scalable Sharpness-Aware Minimization"):
// a full SAM step every k steps keeps the part of the SAM gradient orthogonal to the plain one,
// g_v = g_s − (g·g_s / ‖g‖²)·g; each step in between takes the plain gradient g_t and applies
// g_t + α·(‖g_t‖ / ‖g_v‖)·g_v. With granularity "global" (the default) norms and dot products run
// over all trainable variables at once; with "tensor" each variable i has its own g_v,i and
// ‖g_t,i‖ / ‖g_v,i‖ (as rollovd/LookSAM and pytorch_optimizer's LookSAM do).
import * as tf from '@tensorflow/tfjs-core';

/** Where LookSAM projects and scales: over all variables at once (`global`), or per variable (`tensor`). */
export type LookSamGranularity = 'global' | 'tensor';

/** The granularities LookSAM takes, the default first. */
export const LOOK_SAM_GRANULARITIES: readonly LookSamGranularity[] = ['global', 'tensor'];

/** LookSAM as a caller gives it to `SAM` (`lookSam` option); k is SAM's `interval`. */
export interface LookSamOptions {
  /** Weight of the reused direction, > 0 (the paper uses about 0.7). */
  alpha: number;
  /** g_v and ‖g_t‖/‖g_v‖ over all variables at once, or per variable. @default 'global' */
  granularity?: LookSamGranularity;
}

/**
 * The direction a LookSAM SAM step leaves for the steps after it: g_v per variable and ‖g_v‖, a
 * scalar over all of them (granularity `global`), or one norm per variable in the order of `gv` (`tensor`).
 */
export interface ReusedDirection {
  gv: tf.Tensor[];
  norm: tf.Tensor;
}

const dot = (a: readonly tf.Tensor[], b: readonly tf.Tensor[]): tf.Scalar =>
  tf.addN(a.map((x, i) => tf.sum(tf.mul(x, b[i]!)))) as tf.Scalar;

/** ‖(t₁, …, tₙ)‖² over several tensors at once: the sum of every tensor's sum of squares. */
export const squaredGlobalNorm = (tensors: readonly tf.Tensor[]): tf.Scalar => dot(tensors, tensors);

/** ‖(t₁, …, tₙ)‖ over several tensors at once. */
export const globalNorm = (tensors: readonly tf.Tensor[]): tf.Scalar => tf.sqrt(squaredGlobalNorm(tensors));

// (‖t₁‖, …, ‖tₙ‖), each tensor's own norm.
const tensorNorms = (tensors: readonly tf.Tensor[]): tf.Tensor1D => tf.stack(tensors.map((t) => globalNorm([t]))) as tf.Tensor1D;

/**
 * g_v = g_s − (g·g_s / (‖g‖² + epsilon))·g, the component of the SAM gradient g_s orthogonal to
 * the plain gradient g (epsilon, SAM's, only keeps a zero g from dividing by zero); with
 * granularity `tensor`, g_v,i = g_s,i − (g_i·g_s,i / (‖g_i‖² + epsilon))·g_i for each variable i. New tensors.
 */
export function orthogonalComponent(
  g: readonly tf.Tensor[],
  gs: readonly tf.Tensor[],
  epsilon: number,
  granularity: LookSamGranularity = 'global',
): ReusedDirection {
  return tf.tidy(() => {
    if (granularity === 'tensor') {
      const gv = gs.map((s, i) => tf.sub(s, tf.mul(tf.div(dot([g[i]!], [s]), tf.add(dot([g[i]!], [g[i]!]), epsilon)), g[i]!)));
      return { gv, norm: tensorNorms(gv) };
    }
    const coefficient = tf.div(dot(g, gs), tf.add(dot(g, g), epsilon));
    const gv = gs.map((s, i) => tf.sub(s, tf.mul(coefficient, g[i]!)));
    return { gv, norm: globalNorm(gv) };
  });
}

/**
 * g_t + α·(‖g_t‖ / (‖g_v‖ + epsilon))·g_v, the gradient a LookSAM step between SAM steps applies
 * (epsilon: a zero g_v adds nothing instead of NaN); per variable, g_t,i + α·(‖g_t,i‖ / (‖g_v,i‖ + epsilon))·g_v,i,
 * when `direction` holds one norm per variable (granularity `tensor`). New tensors, in the order of `g`.
 */
export function reusedGradient(g: readonly tf.Tensor[], direction: ReusedDirection, alpha: number, epsilon: number): tf.Tensor[] {
  return tf.tidy(() => {
    const perTensor = direction.norm.rank === 1;
    const scale = tf.div(tf.mul(alpha, perTensor ? tensorNorms(g) : globalNorm(g)), tf.add(direction.norm, epsilon));
    const scales = perTensor ? tf.unstack(scale) : g.map(() => scale);
    return g.map((t, i) => tf.add(t, tf.mul(direction.gv[i]!, scales[i]!)));
  });
}
