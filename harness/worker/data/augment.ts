// Seeded augmentation choices per training step; the pixels are moved in batch-assembly.mjs.
import { AUGMENT_MAX_OFFSET } from './batch-assembly.mjs';
import { mixSeed, mulberry32 } from '../../prng.js';

// Stream id of mixSeed(seed, AUGMENT_STREAM, step); order is 1, synthetic content 2.
const AUGMENT_STREAM = 3;

// Per step, not per epoch position: step k's batch is the same however the run got there.
/**
 * Crop offsets and flips for the `rows` samples of 1-based `step`: per row (offsetY, offsetX,
 * flip) with offsets uniform in 0 … AUGMENT_MAX_OFFSET and flip = 1 with probability 1/2.
 */
export function planAugmentation(seed: number, step: number, rows: number): Uint8Array {
  const random = mulberry32(mixSeed(seed, AUGMENT_STREAM, step));
  const crops = new Uint8Array(3 * rows);
  for (let row = 0; row < rows; row++) {
    crops[3 * row] = Math.floor(random() * (AUGMENT_MAX_OFFSET + 1));
    crops[3 * row + 1] = Math.floor(random() * (AUGMENT_MAX_OFFSET + 1));
    crops[3 * row + 2] = random() < 0.5 ? 1 : 0;
  }
  return crops;
}
