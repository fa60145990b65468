// The parameter-free "option A" shortcut of He et al. 2016 (§4.2): subsample by the stride, then
// zero-pad the new channels, as in the CIFAR ResNets (akamaster/pytorch_resnet_cifar10's LambdaLayer).
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { layerInputShape } from './shape.js';

/** Constructor arguments of {@link PadShortcut}. */
export interface PadShortcutArgs {
  /** Output channels; the input's channels are kept and the rest are zeros, split evenly before and after. */
  filters: number;
  /** Spatial subsampling: x[:, ::stride, ::stride, :]. */
  stride: number;
  name?: string;
}

/** Identity shortcut with spatial subsampling and channel zero-padding; has no weights. */
export class PadShortcut extends tfl.layers.Layer {
  /** Name under which the class is registered for (de)serialization. */
  static readonly className = 'PadShortcut';
  private readonly filters: number;
  private readonly stride: number;

  constructor(args: PadShortcutArgs) {
    super(args.name === undefined ? {} : { name: args.name });
    this.filters = args.filters;
    this.stride = args.stride;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const [batch, h, w] = layerInputShape(inputShape);
    const sub = (d: number | null | undefined) => (d == null ? null : Math.ceil(d / this.stride));
    return [batch ?? null, sub(h), sub(w), this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const c = x.shape[3];
      const s = this.stride;
      // A 1x1 average pool with stride s is x[:, ::s, ::s, :]; unlike stridedSlice it has a gradient.
      const sub = s === 1 ? x : tf.avgPool(x, 1, s, 'valid');
      const extra = this.filters - c;
      if (extra < 0) throw new Error(`PadShortcut cannot shrink ${c} channels to ${this.filters}`);
      const before = Math.floor(extra / 2);
      return tf.pad(sub, [
        [0, 0],
        [0, 0],
        [0, 0],
        [before, extra - before],
      ]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), filters: this.filters, stride: this.stride };
  }
}

tf.serialization.registerClass(PadShortcut);
