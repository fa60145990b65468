// Per-channel standardisation statistics, computed once over the training samples in use.
import type { NormalizationStats } from './types.js';

/**
 * Mean and population standard deviation per channel of `values · scale`, channels interleaved
 * (HWC: channel = index mod channels). Pass exactly the training samples in use. A constant
 * channel gets std 1, so standardising only centres it instead of dividing by zero.
 */
export function computeNormalizationStats(values: Uint8Array | Float32Array, channels: number, scale: number): NormalizationStats {
  if (values.length === 0 || values.length % channels !== 0) {
    throw new RangeError(`statistics need a whole number of ${channels}-channel pixels (got ${values.length} values)`);
  }
  const sum = new Float64Array(channels);
  const sumSquares = new Float64Array(channels);
  // Raw sums first: for bytes they are exact integers (< 2^53 for any dataset that fits in memory).
  for (let k = 0, c = 0; k < values.length; k++) {
    const v = values[k]!;
    sum[c] = sum[c]! + v;
    sumSquares[c] = sumSquares[c]! + v * v;
    if (++c === channels) c = 0;
  }
  const perChannel = values.length / channels;
  const mean: number[] = [];
  const std: number[] = [];
  for (let c = 0; c < channels; c++) {
    const m = sum[c]! / perChannel;
    // var = E[v²] − E[v]², clamped at 0 against rounding; scaled by scale² afterwards.
    const variance = Math.max(0, sumSquares[c]! / perChannel - m * m);
    const s = Math.sqrt(variance) * scale;
    mean.push(m * scale);
    std.push(s > 0 ? s : 1);
  }
  return { mean, std };
}
