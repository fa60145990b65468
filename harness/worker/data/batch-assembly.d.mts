// Types of ./batch-assembly.mjs (plain JavaScript, shared by the main thread and the prefetch worker).

/** The samples a batch is gathered from, and how stored values become model inputs. */
export interface SampleSource {
  /** size × product(inputShape) values, sample-major; HWC for images. */
  values: Uint8Array | Float32Array;
  /** One class index (0 … classes−1) per sample. */
  labels: ArrayLike<number>;
  inputShape: readonly number[];
  classes: number;
  /** Multiplier taking stored values to [0, 1] inputs, e.g. 1/255 for bytes. */
  scale: number;
  /** Per-channel mean of the scaled inputs to subtract; null = none. */
  mean: readonly number[] | null;
  /** Per-channel standard deviation to divide by; null = none. */
  std: readonly number[] | null;
}

/** Which samples one batch holds and how each is augmented. */
export interface BatchPlan {
  /** Sample indices, one per row. */
  indices: Uint32Array;
  /** Per row (offsetY, offsetX, flip 0|1), offsets 0 … AUGMENT_MAX_OFFSET; null = no augmentation. */
  crops: Uint8Array | null;
  /** MixUp of the assembled rows (training batches with `dataset.mixup`); absent or null = none. */
  mix?: MixPlan | null;
}

/** One step's MixUp: row r becomes λ · row r + (1 − λ) · row partners[r] (inputs and one-hot targets). */
export interface MixPlan {
  lambda: number;
  /** A permutation of 0 … rows − 1. */
  partners: Uint32Array;
}

/** One batch as plain arrays: xs [rows, ...inputShape] and one-hot ys [rows, classes], float32. */
export interface BatchArrays {
  xs: Float32Array;
  ys: Float32Array;
}

/** Pixels of zero padding on each side before the random crop. */
export declare const AUGMENT_PAD: 4;
/** Largest crop offset in each axis (2 · AUGMENT_PAD). */
export declare const AUGMENT_MAX_OFFSET: 8;

/** [height, width, channels] of an image shape ([h, w] counts as one channel); null for other ranks. */
export declare function imageDims(inputShape: readonly number[]): [number, number, number] | null;

/** Per-channel multiplier and offset taking stored values to model inputs: x = v · mul_c + add_c. */
export declare function channelAffine(source: SampleSource): { mul: Float64Array; add: Float64Array };

/** Writes src · mul_c + add_c into dst, channel-interleaved. */
export declare function copyAffine(
  src: ArrayLike<number>,
  dst: Float32Array,
  channels: number,
  mul: ArrayLike<number>,
  add: ArrayLike<number>,
): void;

/**
 * One augmented HWC image: zero-pad AUGMENT_PAD pixels per side, crop height × width at
 * (offsetY, offsetX) of the padded image, mirror left-right when `flip`, then apply the affine.
 */
export declare function padCropFlip(
  src: ArrayLike<number>,
  dst: Float32Array,
  height: number,
  width: number,
  channels: number,
  offsetY: number,
  offsetX: number,
  flip: boolean,
  mul: ArrayLike<number>,
  add: ArrayLike<number>,
): void;

/** Row r of the result is λ · row r + (1 − λ) · row partners[r] of `values` ([rows, …] row-major), in float64 rounded to float32. */
export declare function mixRows(values: Float32Array, rows: number, mix: MixPlan): Float32Array;

/** Gathers plan.indices' samples (augmented per plan.crops, mixed per plan.mix) into float32 xs and one-hot (or mixed) ys. */
export declare function assembleBatch(source: SampleSource, plan: BatchPlan): BatchArrays;
