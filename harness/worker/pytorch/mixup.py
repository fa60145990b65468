"""MixUp's draws per training step and the mixing, bit-for-bit as harness/worker/data/mixup.ts and
mixRows in batch-assembly.mjs (Zhang et al. 2018, arXiv 1710.09412).

Per 1-based step, mulberry32(mix_seed(seed, 7, step)) gives first λ ~ Beta(alpha, alpha) by Jöhnk's
method (2 uniforms a try), then the partners, permutation(rows) (rows − 1 uniforms). λ is computed from
+, −, ×, ÷ only (`portable_log`, `portable_exp`: series with a fixed number of terms), in the same order
as the TypeScript, because V8's Math.log/exp and the C library's log/exp that `math` calls need not
round alike. Mixing is λ · a + (1 − λ) · b in float64, rounded once to float32.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from harness.worker.pytorch.prng import Mulberry32, mix_seed, permutation

# Stream id of mix_seed(seed, MIXUP_STREAM, step); order 1, synthetic content 2, augmentation 3,
# subset 4, label noise 5, random SAM schedule 6 (as MIXUP_STREAM in harness/worker/data/mixup.ts).
MIXUP_STREAM = 7

_LN2 = 0.6931471805599453
_SQRT2 = 1.4142135623730951
_SQRT1_2 = 0.7071067811865476
_LOG_TERMS = 13
_EXP_TERMS = 20


def portable_log(x: float) -> float:
    """ln x for finite x > 0 from +, −, ×, ÷ only: bit-identical to portableLog in mixup.ts."""
    if not (0 < x < math.inf):
        raise ValueError(f"portable_log needs a finite x > 0 (got {x})")
    m, e = float(x), 0
    while m >= _SQRT2:
        m /= 2
        e += 1
    while m < _SQRT1_2:
        m *= 2
        e -= 1
    s = (m - 1) / (m + 1)
    s2 = s * s
    t = 1 / (2 * _LOG_TERMS + 1)
    for k in range(_LOG_TERMS - 1, -1, -1):
        t = t * s2 + 1 / (2 * k + 1)
    return e * _LN2 + 2 * s * t


def portable_exp(x: float) -> float:
    """eˣ from +, −, ×, ÷ only: bit-identical to portableExp in mixup.ts; 0 below −746, ∞ above 710."""
    if math.isnan(x):
        return math.nan
    if x > 710:
        return math.inf
    if x < -746:
        return 0.0
    k = math.floor(x / _LN2 + 0.5)
    r = x - k * _LN2
    t = 1.0
    for n in range(_EXP_TERMS, 0, -1):
        t = 1 + (t * r) / n
    for _ in range(k):
        t *= 2
    for _ in range(-k):
        t /= 2
    return t


def beta_symmetric(alpha: float, random: Callable[[], float]) -> float:
    """λ ~ Beta(alpha, alpha) by Jöhnk's method, as betaSymmetric in mixup.ts (see there)."""
    if not (0 < alpha <= 4):
        raise ValueError(f"mixup alpha must be in (0, 4] (got {alpha})")
    while True:
        u, v = random(), random()
        if u == 0 or v == 0:
            continue
        lx, ly = portable_log(u) / alpha, portable_log(v) / alpha
        if portable_exp(lx) + portable_exp(ly) <= 1:
            return 1 / (1 + portable_exp(ly - lx))


@dataclass(frozen=True)
class MixPlan:
    """One step's MixUp: row r becomes λ · row r + (1 − λ) · row partners[r]."""

    lam: float
    partners: np.ndarray


def plan_mixup(seed: int, step: int, rows: int, alpha: float) -> MixPlan:
    """The MixUp draws of 1-based `step` for a (global) batch of `rows`, as planMixup in mixup.ts."""
    stream = Mulberry32(mix_seed(seed, MIXUP_STREAM, step))
    lam = beta_symmetric(alpha, lambda: float(stream.take(1)[0]))
    return MixPlan(lam, permutation(rows, stream))


def mix(values: np.ndarray, partners: np.ndarray, lam: float) -> np.ndarray:
    """λ · values + (1 − λ) · partners' values, in float64 rounded once to float32 (as mixRows)."""
    return (lam * values.astype(np.float64) + (1 - lam) * partners.astype(np.float64)).astype(np.float32)


def one_hot(labels: np.ndarray, classes: int) -> np.ndarray:
    """[rows, classes] float32 one-hot targets of class indices."""
    out = np.zeros((labels.shape[0], classes), dtype=np.float32)
    out[np.arange(labels.shape[0]), labels] = 1
    return out
