// Layer groups shared by the ResNets: conv (no bias) → BatchNorm [→ relu], the pre-activation
// BatchNorm → relu, the ImageNet stem, a residual join and the pooled logits head.
import * as tfl from '@tensorflow/tfjs-layers';
import type { KernelInitializer } from './init.js';
import { NativeBatchNormalization } from './native-batch-norm.js';

// PyTorch's BatchNorm defaults (the reference ResNets): running stats ← 0.9·old + 0.1·batch, eps 1e-5.
const BN_MOMENTUM = 0.9;
const BN_EPSILON = 1e-5;

/** Options of one conv layer. */
export interface ConvOptions {
  filters: number;
  kernelSize: number;
  strides?: number;
  init: KernelInitializer;
  /** Layer name. */
  name: string;
}

/** Options of one conv → BatchNorm group. */
export interface ConvBnOptions extends ConvOptions {
  /** Layer-name prefix; the conv gets `<name>_conv`, the norm `<name>_bn`. */
  name: string;
  /** Apply relu after the norm (default true). */
  relu?: boolean;
}

/** Applies a conv with 'same' padding and no bias (a BatchNorm's beta, before or after it, replaces it). */
export function conv(x: tfl.SymbolicTensor, o: ConvOptions): tfl.SymbolicTensor {
  return apply(
    tfl.layers.conv2d({
      filters: o.filters,
      kernelSize: o.kernelSize,
      strides: o.strides ?? 1,
      padding: 'same',
      useBias: false,
      kernelInitializer: o.init,
      name: o.name,
    }),
    x,
  );
}

/** Applies BatchNorm with PyTorch's momentum and epsilon (trained on libtensorflow's fused kernels where it runs natively). */
export function batchNorm(x: tfl.SymbolicTensor, name: string): tfl.SymbolicTensor {
  return apply(new NativeBatchNormalization({ momentum: BN_MOMENTUM, epsilon: BN_EPSILON, name }), x);
}

/** Applies BatchNorm → relu (`<name>_bn`, `<name>_relu`), the pre-activation of He et al. 2016b and Wide ResNets. */
export function bnRelu(x: tfl.SymbolicTensor, name: string): tfl.SymbolicTensor {
  return relu(batchNorm(x, `${name}_bn`), `${name}_relu`);
}

/** Applies conv ('same' padding, no bias) → BatchNorm [→ relu]. */
export function convBn(x: tfl.SymbolicTensor, o: ConvBnOptions): tfl.SymbolicTensor {
  const y = batchNorm(conv(x, { ...o, name: `${o.name}_conv` }), `${o.name}_bn`);
  return o.relu === false ? y : relu(y, `${o.name}_relu`);
}

/** The ImageNet ResNet stem: 7x7/2 conv 64 → BatchNorm → relu → 3x3/2 max pool, a quarter of the input's side. */
export function imagenetStem(x: tfl.SymbolicTensor, init: KernelInitializer): tfl.SymbolicTensor {
  const y = convBn(x, { filters: 64, kernelSize: 7, strides: 2, init, name: 'stem' });
  return apply(tfl.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same', name: 'stem_pool' }), y);
}

/** out = relu(residual + shortcut), the end of every post-activation residual block. */
export function addRelu(residual: tfl.SymbolicTensor, shortcut: tfl.SymbolicTensor, name: string): tfl.SymbolicTensor {
  const sum = tfl.layers.add({ name: `${name}_add` }).apply([residual, shortcut]) as tfl.SymbolicTensor;
  return relu(sum, `${name}_out`);
}

/** Global average pooling → dense(classes) logits, the head of every ResNet. */
export function poolLogits(x: tfl.SymbolicTensor, classes: number, init: KernelInitializer): tfl.SymbolicTensor {
  const pooled = apply(tfl.layers.globalAveragePooling2d({ name: 'avg_pool' }), x);
  return apply(tfl.layers.dense({ units: classes, kernelInitializer: init, name: 'logits' }), pooled);
}

/** Applies a single-input layer to a symbolic tensor. */
export function apply(layer: tfl.layers.Layer, x: tfl.SymbolicTensor): tfl.SymbolicTensor {
  return layer.apply(x) as tfl.SymbolicTensor;
}

function relu(x: tfl.SymbolicTensor, name: string): tfl.SymbolicTensor {
  return apply(tfl.layers.activation({ activation: 'relu', name }), x);
}
