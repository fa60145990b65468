// Turns sample bytes into one batch's float32 inputs and one-hot labels: gather, augment,
// scale and standardise, on typed arrays only (no tensors). Plain JavaScript so that the main
// thread (TrainingData.batch, EvalData) and the prefetch worker thread (batch-worker.mjs) run
// this one implementation, from the sources under vitest and from dist/ alike. Types: ./batch-assembly.d.mts.

// Zero padding on each side before the random crop (the standard CIFAR recipe: pad 4, crop 32).
export const AUGMENT_PAD = 4;

// Most crop offsets: 0 … 2·AUGMENT_PAD in each axis (AUGMENT_PAD = no shift).
export const AUGMENT_MAX_OFFSET = 2 * AUGMENT_PAD;

// Augmentation moves pixels within [height, width, channels]; other shapes are flat vectors.
/** [height, width, channels] of an image shape ([h, w] counts as one channel); null for other ranks. */
export function imageDims(inputShape) {
  if (inputShape.length === 3) return [inputShape[0], inputShape[1], inputShape[2]];
  if (inputShape.length === 2) return [inputShape[0], inputShape[1], 1];
  return null;
}

// x = (v · scale − mean_c) / std_c, folded into x = v · mul_c + add_c once per batch.
/** Per-channel multiplier and offset taking stored values to model inputs. */
export function channelAffine(source) {
  const channels = imageDims(source.inputShape)?.[2] ?? 1;
  const mul = new Float64Array(channels);
  const add = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    const std = source.std?.[c] ?? 1;
    mul[c] = source.scale / std;
    add[c] = -(source.mean?.[c] ?? 0) / std;
  }
  return { mul, add };
}

// Without augmentation: an affine copy, channel c = k mod channels (HWC).
/** Writes src · mul_c + add_c into dst, channel-interleaved. */
export function copyAffine(src, dst, channels, mul, add) {
  for (let k = 0, c = 0; k < dst.length; k++) {
    dst[k] = src[k] * mul[c] + add[c];
    if (++c === channels) c = 0;
  }
}

// Exported apart from assembleBatch so tests can force an offset and a flip.
/**
 * One augmented image: zero-pad AUGMENT_PAD pixels on each side, crop back to height × width
 * with its top-left corner at (offsetY, offsetX) of the padded image, then mirror left-right
 * when `flip`. Padding is a raw 0 pixel, so it standardises like black. src and dst are HWC.
 */
export function padCropFlip(src, dst, height, width, channels, offsetY, offsetX, flip, mul, add) {
  const shiftY = offsetY - AUGMENT_PAD;
  const shiftX = offsetX - AUGMENT_PAD;
  for (let y = 0; y < height; y++) {
    const sy = y + shiftY;
    const rowInside = sy >= 0 && sy < height;
    for (let x = 0; x < width; x++) {
      // out[y][x] = crop[y][flip ? w−1−x : x] = src[y + offsetY − pad][cx + offsetX − pad]
      const sx = (flip ? width - 1 - x : x) + shiftX;
      const inside = rowInside && sx >= 0 && sx < width;
      const to = (y * width + x) * channels;
      const from = (sy * width + sx) * channels;
      for (let c = 0; c < channels; c++) dst[to + c] = (inside ? src[from + c] : 0) * mul[c] + add[c];
    }
  }
}

// The one place a batch is built: TrainingData.batch, EvalData.batches and the worker thread.
/**
 * Gathers plan.indices' samples into xs (float32, [rows, ...inputShape]) and their labels into
 * one-hot ys ([rows, classes]); with plan.crops, row r is padCropFlip'ed by crops[3r … 3r+2]
 * = (offsetY, offsetX, flip); with plan.mix, xs and ys are then MixUp'ed (mixRows).
 */
export function assembleBatch(source, plan) {
  const { values, labels, inputShape, classes } = source;
  const sampleSize = inputShape.reduce((a, b) => a * b, 1);
  const dims = imageDims(inputShape);
  const channels = dims?.[2] ?? 1;
  const { mul, add } = channelAffine(source);
  const { indices, crops } = plan;
  if (crops !== null && dims === null) {
    throw new Error(`augmentation needs image inputs [height, width, channels]; this dataset's shape is [${inputShape.join(', ')}]`);
  }
  const rows = indices.length;
  const xs = new Float32Array(rows * sampleSize);
  const ys = new Float32Array(rows * classes);
  for (let row = 0; row < rows; row++) {
    const sample = indices[row];
    const src = values.subarray(sample * sampleSize, (sample + 1) * sampleSize);
    const dst = xs.subarray(row * sampleSize, (row + 1) * sampleSize);
    if (crops === null) copyAffine(src, dst, channels, mul, add);
    else padCropFlip(src, dst, dims[0], dims[1], channels, crops[3 * row], crops[3 * row + 1], crops[3 * row + 2] === 1, mul, add);
    ys[row * classes + labels[sample]] = 1;
  }
  return plan.mix ? { xs: mixRows(xs, rows, plan.mix), ys: mixRows(ys, rows, plan.mix) } : { xs, ys };
}

// MixUp, after augmentation and standardisation (mixup.ts draws λ and the partners). Each value is
// λ · a + (1 − λ) · b in float64, rounded once to float32, as mixup.py computes it in numpy.
/** Row r of the result is λ · row r + (1 − λ) · row partners[r] of `values` ([rows, …] row-major). */
export function mixRows(values, rows, mix) {
  const { lambda, partners } = mix;
  const rest = 1 - lambda;
  const size = values.length / rows;
  const out = new Float32Array(values.length);
  for (let row = 0; row < rows; row++) {
    const to = row * size;
    const from = partners[row] * size;
    for (let k = 0; k < size; k++) out[to + k] = lambda * values[to + k] + rest * values[from + k];
  }
  return out;
}
