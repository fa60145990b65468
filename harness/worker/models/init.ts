// Deterministic kernel initializers: one seed per kernel-bearing layer, derived from the run seed.
import * as tfl from '@tensorflow/tfjs-layers';

/** A kernel initializer as tfjs-layers' factories return it. */
export type KernelInitializer = ReturnType<typeof tfl.initializers.heNormal>;

// Per-layer seeds are seed · LAYER_SLOTS + index: distinct for every (seed, layer) pair, so
// neighbouring run seeds never share a layer's draw (plain seed + index would: s+1 at layer i = s at i+1).
const LAYER_SLOTS = 4096;
// Run seeds are below 2^40, so per-layer seeds are below LAYER_SLOTS · 2^40 = 2^52 (a safe integer).
const SEED_LIMIT = 2 ** 40;
// tfjs-core's normal generators (truncatedNormal, randomNormal: MPRandGauss) take a seed of 0 as
// "no seed" (`seed ? seed : Math.random()`), so run seed 0's first layer (the suites' default seed)
// got a different He draw in every process. That one pair draws from this seed instead: the first
// value past every other pair's, so it collides with none, and every other pair keeps its draw.
const ZERO_STAND_IN = LAYER_SLOTS * SEED_LIMIT;

/**
 * Hands out seeded initializers in layer order. Build a model with a fresh instance and the
 * same run seed gives bit-identical initial weights.
 */
export class SeededInit {
  private next = 0;

  constructor(private readonly seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0 || seed >= SEED_LIMIT) {
      throw new RangeError(`model seed must be an integer in [0, 2^40) (got ${String(seed)})`);
    }
  }

  /** He-normal (fan-in, truncated) initializer for the next conv or relu dense layer (He et al. 2015). */
  he(): KernelInitializer {
    return tfl.initializers.heNormal({ seed: this.take() });
  }

  /** Glorot-uniform initializer for the next logits layer (the Keras default for dense). */
  glorot(): KernelInitializer {
    return tfl.initializers.glorotUniform({ seed: this.take() });
  }

  /**
   * The next layer's seed, for a layer that builds its own initializer from a plain number (a
   * custom layer whose config must serialise, as the ViT's class token and position embedding).
   */
  nextSeed(): number {
    return this.take();
  }

  // The next layer's seed: never 0, which TF.js would treat as unseeded.
  private take(): number {
    if (this.next >= LAYER_SLOTS) throw new Error(`a model may have at most ${LAYER_SLOTS} seeded layers`);
    return this.seed * LAYER_SLOTS + this.next++ || ZERO_STAND_IN;
  }
}
