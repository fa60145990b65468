// Small seeded PRNG helpers shared by data (shuffles, synthetic samples, augmentation) and
// statistics (bootstrap): reproducible across runs and machines, independent of TF.js' RNG.

/**
 * mulberry32 (Tommy Ettinger): a 32-bit-state generator returning floats in [0, 1).
 * Fast and plenty for shuffles and synthetic data; not cryptographic.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Keeps unrelated random streams of one run (data content, epoch order) apart.
/** Hashes non-negative integers (each up to 2^53) into one 32-bit seed (murmur3 finaliser rounds). */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    for (const word of [part >>> 0, Math.floor(part / 4294967296) >>> 0]) {
      h = Math.imul(h ^ word, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
    }
  }
  return h >>> 0;
}

/** A uniformly random permutation of 0 … n−1 (Fisher–Yates). */
export function permutation(n: number, random: () => number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}
