// Deterministic kernel initializers: one seed per kernel-bearing layer, derived from the run seed.
import * as tfl from '@tensorflow/tfjs-layers';

/** A kernel initializer as tfjs-layers' factories return it. */
export type KernelInitializer = ReturnType<typeof tfl.initializers.heNormal>;

// Per-layer seeds are seed · LAYER_SLOTS + index: distinct for every (seed, layer) pair, so
// neighbouring run seeds never share a layer's draw (plain seed + index would: s+1 at layer i = s at i+1).
const LAYER_SLOTS = 4096;

/**
 * Hands out seeded initializers in layer order. Build a model with a fresh instance and the
 * same run seed gives bit-identical initial weights.
 */
export class SeededInit {
  private next = 0;

  constructor(private readonly seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0 || seed * LAYER_SLOTS >= Number.MAX_SAFE_INTEGER) {
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

  private take(): number {
    if (this.next >= LAYER_SLOTS) throw new Error(`a model may have at most ${LAYER_SLOTS} seeded layers`);
    return this.seed * LAYER_SLOTS + this.next++;
  }
}
