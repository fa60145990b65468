// MixUp's draws per training step (Zhang et al. 2018, arXiv 1710.09412): λ ~ Beta(alpha, alpha)
// and the permutation that pairs each row with its partner. The pixels and targets are mixed in
// batch-assembly.mjs (mixRows), on the host, before the step's clock starts.
//
// The draws must be bit-identical in the PyTorch worker (harness/worker/pytorch/mixup.py). V8's
// Math.log/Math.exp/Math.pow and the C library's log/exp/pow that Python calls are not the same
// code and need not round alike, so λ is computed here from uniforms with +, −, ×, ÷ only
// (correctly rounded IEEE float64 operations in both languages, in the same order): `portableLog`
// and `portableExp` below are series with a fixed number of terms.
import { mixSeed, mulberry32, permutation } from '../../prng.js';
import type { MixPlan } from './batch-assembly.mjs';

// Stream id of mixSeed(seed, MIXUP_STREAM, step); the others: order 1, synthetic content 2,
// augmentation 3, train subset 4, label noise 5, random SAM schedule 6.
/** The PRNG stream id of MixUp's draws, mulberry32(mixSeed(seed, 7, step)). */
export const MIXUP_STREAM = 7;

const LN2 = 0.6931471805599453;
const SQRT2 = 1.4142135623730951;
const SQRT1_2 = 0.7071067811865476;
// atanh series terms of log: |s| ≤ 0.1716 so s² ≤ 0.0295, and 0.0295^13 / 27 < 1e-21.
const LOG_TERMS = 13;
// Taylor terms of exp on |r| ≤ ln 2 / 2: 0.347^21 / 21! < 1e-29.
const EXP_TERMS = 20;

/** ln x for finite x > 0, from +, −, ×, ÷ only (within a few ulps of Math.log, bit-identical to mixup.py's). */
export function portableLog(x: number): number {
  if (!(x > 0 && x < Infinity)) throw new RangeError(`portableLog needs a finite x > 0 (got ${x})`);
  let m = x;
  let e = 0;
  // m = x / 2^e in [√½, √2): halving and doubling are exact for the normal numbers used here.
  while (m >= SQRT2) {
    m /= 2;
    e += 1;
  }
  while (m < SQRT1_2) {
    m *= 2;
    e -= 1;
  }
  // ln m = 2 atanh(s) = 2 (s + s³/3 + s⁵/5 + …), s = (m − 1)/(m + 1).
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  let t = 1 / (2 * LOG_TERMS + 1);
  for (let k = LOG_TERMS - 1; k >= 0; k--) t = t * s2 + 1 / (2 * k + 1);
  return e * LN2 + 2 * s * t;
}

/** eˣ from +, −, ×, ÷ only (within a few ulps of Math.exp, bit-identical to mixup.py's); 0 below −746, ∞ above 710. */
export function portableExp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 710) return Infinity;
  if (x < -746) return 0;
  // eˣ = 2^k · eʳ with r = x − k ln 2, |r| ≤ ~ln 2 / 2.
  const k = Math.floor(x / LN2 + 0.5);
  const r = x - k * LN2;
  let t = 1;
  for (let n = EXP_TERMS; n >= 1; n--) t = 1 + (t * r) / n;
  for (let i = 0; i < k; i++) t *= 2;
  for (let i = 0; i > k; i--) t /= 2;
  return t;
}

/**
 * λ ~ Beta(alpha, alpha) by Jöhnk's method (1964): draw u, v uniform in (0, 1), X = u^(1/alpha),
 * Y = v^(1/alpha); accept when X + Y ≤ 1 and return X / (X + Y), written 1 / (1 + e^(ln Y − ln X))
 * so that tiny alpha (X and Y underflowing) stays exact. Each try takes 2 uniforms (a try with a
 * 0 draw is retried); a try is accepted with probability Γ(alpha+1)² / Γ(2 alpha+1): 1/2 at 1, 1/70 at 4.
 */
export function betaSymmetric(alpha: number, random: () => number): number {
  if (!(alpha > 0 && alpha <= 4)) throw new RangeError(`mixup alpha must be in (0, 4] (got ${alpha})`);
  for (;;) {
    const u = random();
    const v = random();
    if (u === 0 || v === 0) continue;
    const lx = portableLog(u) / alpha;
    const ly = portableLog(v) / alpha;
    if (portableExp(lx) + portableExp(ly) <= 1) return 1 / (1 + portableExp(ly - lx));
  }
}

/**
 * The MixUp draws of 1-based `step` for a batch of `rows`: from mulberry32(mixSeed(seed, 7, step)),
 * first λ (betaSymmetric), then the partners, permutation(rows) (Fisher–Yates, rows − 1 draws).
 */
export function planMixup(seed: number, step: number, rows: number, alpha: number): MixPlan {
  const random = mulberry32(mixSeed(seed, MIXUP_STREAM, step));
  const lambda = betaSymmetric(alpha, random);
  return { lambda, partners: permutation(rows, random) };
}
