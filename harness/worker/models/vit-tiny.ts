// vit-tiny: a small Vision Transformer (Dosovitskiy et al. 2021) for 28×28 and 32×32 inputs on a CPU,
// in the style of Chen et al. 2021's small ViTs trained with SAM. A fixed architecture (the registry's
// built-in model options are `hidden` and `batchNorm` only):
//   patch embedding: conv 4×4, stride 4, 64 filters ('valid': a side that 4 does not divide loses its
//     remainder) → tokens = ⌊h/4⌋·⌊w/4⌋;
//   a learnable class token and position embedding (vit-layers.ts);
//   4 pre-norm blocks: x + proj(MHSA(LN(x))), then x + fc2(GELU(fc1(LN(x)))), 4 heads, MLP 64 → 128 → 64;
//   a final LayerNorm, and a linear head on the class token.
// LayerNorm ε = 1e-6 (the ViT papers'); GELU is the exact (erf) one, PyTorch's nn.GELU() default.
// Dense and conv kernels Glorot-uniform (the original ViT's), biases, the class token and LayerNorm β zero,
// LayerNorm γ one, the position embedding truncated normal σ = 0.02.
//
// Trainable parameters at 32×32×3 and 10 classes (64 tokens), the registry's reference, 142,026:
//   patch embedding 4·4·3·64 + 64 = 3,136; class token 64; position (64 + 1)·64 = 4,160;
//   per block: LN 128 + qkv 64·192 + 192 + proj 64·64 + 64 + LN 128 + fc1 64·128 + 128 + fc2 128·64 + 64
//     = 128 + 12,480 + 4,160 + 128 + 8,320 + 8,256 = 33,472, ×4 = 133,888;
//   final LN 128; head 64·10 + 10 = 650.
// At 28×28×1 (49 tokens): 1,088 + 64 + 3,200 + 133,888 + 128 + 650 = 139,018.
import * as tfl from '@tensorflow/tfjs-layers';
import { SeededInit } from './init.js';
import { requireImageShape } from './shape.js';
import type { ModelBuildOptions } from './types.js';
import { ClassTokenPosition, LayerNorm, SelfAttentionCore, TakeClassToken } from './vit-layers.js';

/** The fixed architecture; the PyTorch twin (harness/worker/pytorch/models.py, VisionTransformer) uses the same. */
export const VIT_TINY = { patchSize: 4, dim: 64, depth: 4, heads: 4, mlpRatio: 2, epsilon: 1e-6 } as const;

/** Builds vit-tiny: 142,026 trainable parameters at 32×32×3 and 10 classes (sum above). */
export function build({ inputShape, classes, seed }: ModelBuildOptions): tfl.LayersModel {
  const [h, w] = requireImageShape('vit-tiny', inputShape);
  const { patchSize, dim, depth, heads, mlpRatio, epsilon } = VIT_TINY;
  if (h < patchSize || w < patchSize) {
    throw new Error(`model "vit-tiny" needs inputs of at least ${patchSize}x${patchSize} (got ${h}x${w})`);
  }
  const tokens = Math.floor(h / patchSize) * Math.floor(w / patchSize);
  const init = new SeededInit(seed);
  const dense = (units: number, name: string, activation?: 'gelu') =>
    tfl.layers.dense({ units, name, kernelInitializer: init.glorot(), ...(activation ? { activation } : {}) });
  const norm = (name: string) => new LayerNorm({ epsilon, name });

  const input = tfl.input({ shape: inputShape });
  const patches = tfl.layers
    .conv2d({
      filters: dim,
      kernelSize: patchSize,
      strides: patchSize,
      padding: 'valid',
      kernelInitializer: init.glorot(),
      name: 'patch_embed',
    })
    .apply(input) as tfl.SymbolicTensor;
  const flat = tfl.layers.reshape({ targetShape: [tokens, dim], name: 'patch_tokens' }).apply(patches) as tfl.SymbolicTensor;
  let x = new ClassTokenPosition({ seed: init.nextSeed(), name: 'class_position' }).apply(flat) as tfl.SymbolicTensor;
  for (let i = 0; i < depth; i++) {
    const at = `block${i}`;
    const qkv = dense(3 * dim, `${at}_qkv`).apply(norm(`${at}_norm1`).apply(x)) as tfl.SymbolicTensor;
    const attended = new SelfAttentionCore({ heads, name: `${at}_attention` }).apply(qkv) as tfl.SymbolicTensor;
    x = tfl.layers
      .add({ name: `${at}_residual1` })
      .apply([x, dense(dim, `${at}_proj`).apply(attended) as tfl.SymbolicTensor]) as tfl.SymbolicTensor;
    const hidden = dense(mlpRatio * dim, `${at}_fc1`, 'gelu').apply(norm(`${at}_norm2`).apply(x)) as tfl.SymbolicTensor;
    x = tfl.layers
      .add({ name: `${at}_residual2` })
      .apply([x, dense(dim, `${at}_fc2`).apply(hidden) as tfl.SymbolicTensor]) as tfl.SymbolicTensor;
  }
  const normed = norm('final_norm').apply(x);
  const classToken = new TakeClassToken({ name: 'class_token' }).apply(normed) as tfl.SymbolicTensor;
  const logits = dense(classes, 'head').apply(classToken) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: logits, name: 'vit_tiny' });
}
