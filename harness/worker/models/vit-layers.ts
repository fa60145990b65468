// The layers a ViT needs that tfjs-layers lacks (it has no MultiHeadAttention): the class token
// with the position embedding, the parameter-free core of multi-head self-attention, and the
// class token's pick at the end; and a LayerNorm, as tfjs-layers' tiles γ and β to the input's
// shape, whose gradient (tf.tile's, a loop of slices) took 500 ms of a 64×50×64 input's backward
// pass against 30 ms here (tfjs 4.22, backend "tensorflow"): 6.1 s of vit-tiny's 6.2 s batch-64 step.
// The attention's projections are plain tf.layers.dense layers around the core (vit-tiny.ts).
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { layerInputShape } from './shape.js';

/** Constructor arguments of {@link ClassTokenPosition}. */
export interface ClassTokenPositionArgs {
  /** Seed of the position embedding's truncated-normal draw (SeededInit.nextSeed). */
  seed: number;
  /** Its standard deviation before truncation at ±2σ (0.02, as in the ViT papers). */
  stddev?: number;
  name?: string;
}

/**
 * [batch, tokens, dim] → [batch, 1 + tokens, dim]: a learnable class token (zeros at init, as in
 * Dosovitskiy et al. 2021) put before the patch tokens, plus a learnable position embedding
 * [1 + tokens, dim] (truncated normal, σ = 0.02). Trainable weights: dim + (1 + tokens)·dim.
 */
export class ClassTokenPosition extends tfl.layers.Layer {
  /** Name under which the class is registered for (de)serialization. */
  static readonly className = 'ClassTokenPosition';
  private readonly seed: number;
  private readonly stddev: number;
  private classToken: tfl.LayerVariable | null = null;
  private position: tfl.LayerVariable | null = null;

  constructor(args: ClassTokenPositionArgs) {
    super(args.name === undefined ? {} : { name: args.name });
    this.seed = args.seed;
    this.stddev = args.stddev ?? 0.02;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const [, tokens, dim] = layerInputShape(inputShape);
    if (tokens == null || dim == null) throw new Error('ClassTokenPosition needs a known token count and width');
    this.classToken = this.addWeight('class_token', [1, 1, dim], 'float32', tfl.initializers.zeros());
    const init = tfl.initializers.truncatedNormal({ stddev: this.stddev, seed: this.seed });
    this.position = this.addWeight('position_embedding', [1, tokens + 1, dim], 'float32', init);
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const [batch, tokens, dim] = layerInputShape(inputShape);
    return [batch ?? null, tokens == null ? null : tokens + 1, dim ?? null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      // Broadcast, not tf.tile: tile's gradient is a loop of one slice per batch row.
      const token = tf.add(tf.zeros([x.shape[0], 1, x.shape[2]]), this.classToken!.read());
      return tf.add(tf.concat([token, x], 1), this.position!.read());
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), seed: this.seed, stddev: this.stddev };
  }
}

/** Constructor arguments of {@link SelfAttentionCore}. */
export interface SelfAttentionCoreArgs {
  /** Attention heads; the width (a third of the input's last axis) must divide by it. */
  heads: number;
  name?: string;
}

/**
 * [batch, tokens, 3·dim] (q, k and v side by side, as one dense layer gives them) → [batch, tokens,
 * dim]: softmax(q·kᵀ/√(dim/heads))·v per head, the heads concatenated. No weights: the projections
 * before and after are dense layers. The same split as the PyTorch twin's reshape(B, T, 3, H, D/H).
 */
export class SelfAttentionCore extends tfl.layers.Layer {
  /** Name under which the class is registered for (de)serialization. */
  static readonly className = 'SelfAttentionCore';
  private readonly heads: number;

  constructor(args: SelfAttentionCoreArgs) {
    super(args.name === undefined ? {} : { name: args.name });
    this.heads = args.heads;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const [batch, tokens, width] = layerInputShape(inputShape);
    return [batch ?? null, tokens ?? null, width == null ? null : width / 3];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [batch, tokens, width] = x.shape;
      const dim = width / 3;
      const headDim = dim / this.heads;
      if (!Number.isInteger(headDim)) throw new Error(`SelfAttentionCore: width ${dim} does not divide into ${this.heads} heads`);
      // [batch, tokens, 3, heads, headDim] → [3, batch, heads, tokens, headDim].
      const qkv = tf.transpose(tf.reshape(x, [batch, tokens, 3, this.heads, headDim]), [2, 0, 3, 1, 4]);
      const [q, k, v] = tf.unstack(qkv, 0) as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
      const scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(headDim));
      const attended = tf.matMul(tf.softmax(scores, -1), v); // [batch, heads, tokens, headDim]
      return tf.reshape(tf.transpose(attended, [0, 2, 1, 3]), [batch, tokens, dim]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), heads: this.heads };
  }
}

/** Constructor arguments of {@link LayerNorm}. */
export interface LayerNormArgs {
  epsilon: number;
  name?: string;
}

/**
 * Layer normalisation over the last axis, (x − mean)/√(var + ε)·γ + β, γ = 1 and β = 0 at init:
 * tfjs-layers' layerNormalization with γ and β broadcast instead of tiled (see the file's head).
 */
export class LayerNorm extends tfl.layers.Layer {
  /** Name under which the class is registered for (de)serialization. */
  static readonly className = 'LayerNorm';
  private readonly epsilon: number;
  private gamma: tfl.LayerVariable | null = null;
  private beta: tfl.LayerVariable | null = null;

  constructor(args: LayerNormArgs) {
    super(args.name === undefined ? {} : { name: args.name });
    this.epsilon = args.epsilon;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const dim = layerInputShape(inputShape).at(-1);
    if (dim == null) throw new Error('LayerNorm needs a known last axis');
    this.gamma = this.addWeight('gamma', [dim], 'float32', tfl.initializers.ones());
    this.beta = this.addWeight('beta', [dim], 'float32', tfl.initializers.zeros());
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      const centred = tf.sub(x, tf.mean(x, -1, true));
      const variance = tf.mean(tf.square(centred), -1, true);
      return tf.add(tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, this.epsilon))), this.gamma!.read()), this.beta!.read());
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}

/** [batch, tokens, dim] → [batch, dim]: token 0, the class token (tfjs-layers has no cropping1D). No weights. */
export class TakeClassToken extends tfl.layers.Layer {
  /** Name under which the class is registered for (de)serialization. */
  static readonly className = 'TakeClassToken';

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const [batch, , dim] = layerInputShape(inputShape);
    return [batch ?? null, dim ?? null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      return tf.reshape(tf.slice(x, [0, 0, 0], [-1, 1, -1]), [x.shape[0], x.shape[2]]);
    });
  }
}

tf.serialization.registerClass(ClassTokenPosition);
tf.serialization.registerClass(TakeClassToken);
tf.serialization.registerClass(LayerNorm);
tf.serialization.registerClass(SelfAttentionCore);
