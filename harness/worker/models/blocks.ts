// Layer groups shared by the ResNets: conv (no bias) → BatchNorm [→ relu], and a residual join.
import * as tfl from '@tensorflow/tfjs-layers';
import type { KernelInitializer } from './init.js';

// PyTorch's BatchNorm defaults (the reference ResNets): running stats ← 0.9·old + 0.1·batch, eps 1e-5.
const BN_MOMENTUM = 0.9;
const BN_EPSILON = 1e-5;

/** Options of one conv → BatchNorm group. */
export interface ConvBnOptions {
  filters: number;
  kernelSize: number;
  strides?: number;
  init: KernelInitializer;
  /** Layer-name prefix; the conv gets `<name>_conv`, the norm `<name>_bn`. */
  name: string;
  /** Apply relu after the norm (default true). */
  relu?: boolean;
}

/** Applies conv ('same' padding, no bias: BatchNorm's beta replaces it) → BatchNorm [→ relu]. */
export function convBn(x: tfl.SymbolicTensor, o: ConvBnOptions): tfl.SymbolicTensor {
  let y = apply(
    tfl.layers.conv2d({
      filters: o.filters,
      kernelSize: o.kernelSize,
      strides: o.strides ?? 1,
      padding: 'same',
      useBias: false,
      kernelInitializer: o.init,
      name: `${o.name}_conv`,
    }),
    x,
  );
  y = apply(tfl.layers.batchNormalization({ momentum: BN_MOMENTUM, epsilon: BN_EPSILON, name: `${o.name}_bn` }), y);
  return o.relu === false ? y : apply(tfl.layers.activation({ activation: 'relu', name: `${o.name}_relu` }), y);
}

/** out = relu(residual + shortcut), the end of every residual block. */
export function addRelu(residual: tfl.SymbolicTensor, shortcut: tfl.SymbolicTensor, name: string): tfl.SymbolicTensor {
  const sum = tfl.layers.add({ name: `${name}_add` }).apply([residual, shortcut]) as tfl.SymbolicTensor;
  return apply(tfl.layers.activation({ activation: 'relu', name: `${name}_out` }), sum);
}

/** Global average pooling → dense(classes) logits, the head of both ResNets. */
export function poolLogits(x: tfl.SymbolicTensor, classes: number, init: KernelInitializer): tfl.SymbolicTensor {
  const pooled = apply(tfl.layers.globalAveragePooling2d({ name: 'avg_pool' }), x);
  return apply(tfl.layers.dense({ units: classes, kernelInitializer: init, name: 'logits' }), pooled);
}

/** Applies a single-input layer to a symbolic tensor. */
export function apply(layer: tfl.layers.Layer, x: tfl.SymbolicTensor): tfl.SymbolicTensor {
  return layer.apply(x) as tfl.SymbolicTensor;
}
