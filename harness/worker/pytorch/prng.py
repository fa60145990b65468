"""Seeded random streams, bit-for-bit the same as harness/prng.ts (mulberry32, mixSeed, permutation).

Why a port and not numpy's generators: with the same seed the PyTorch worker then trains on the
very same synthetic samples, batch order and augmentation as the TF.js worker, so the two
frameworks' runs of one spec differ only in the framework.

mulberry32's state advances by a constant (a += 0x6D2B79F5), so draw k depends only on
seed + (k + 1) * 0x6D2B79F5 (mod 2^32): a stream of any length is computed vectorised here.
"""

from __future__ import annotations

import numpy as np

_STEP = 0x6D2B79F5
_MASK32 = 0xFFFFFFFF


def mix_seed(*parts: int) -> int:
    """Hashes non-negative integers (each below 2^53) into one 32-bit seed, as mixSeed in prng.ts."""
    h = 0x9E3779B9
    for part in parts:
        if part < 0 or part >= 2**53:
            raise ValueError(f"mix_seed parts must be integers in [0, 2^53); got {part}")
        for word in (part & _MASK32, (part >> 32) & _MASK32):
            h = ((h ^ word) * 0x85EBCA6B) & _MASK32
            h ^= h >> 13
            h = (h * 0xC2B2AE35) & _MASK32
            h ^= h >> 16
    return h


class Mulberry32:
    """A mulberry32 stream: `take(n)` returns its next n floats in [0, 1) as float64."""

    def __init__(self, seed: int) -> None:
        self._seed = seed & _MASK32
        self._drawn = 0

    def take(self, n: int) -> np.ndarray:
        k = np.arange(self._drawn + 1, self._drawn + 1 + n, dtype=np.uint64)
        self._drawn += n
        # uint32 arrays wrap on overflow, which is exactly Math.imul's low 32 bits and JS's >>> 0.
        a = ((np.uint64(self._seed) + k * np.uint64(_STEP)) & np.uint64(_MASK32)).astype(np.uint32)
        t = (a ^ (a >> np.uint32(15))) * (a | np.uint32(1))
        t = t ^ (t + (t ^ (t >> np.uint32(7))) * (t | np.uint32(61)))
        return (t ^ (t >> np.uint32(14))).astype(np.float64) / 4294967296.0

    def take_chunks(self, n: int, chunk: int = 1 << 22):
        """Yields the next n draws in pieces of at most `chunk` (bounded memory for big synthetic sets)."""
        while n > 0:
            size = min(n, chunk)
            n -= size
            yield self.take(size)


def permutation(n: int, random: Mulberry32) -> np.ndarray:
    """A uniformly random permutation of 0 … n−1 (Fisher–Yates, the same draws and swaps as prng.ts)."""
    out = np.arange(n, dtype=np.int64)
    if n < 2:
        return out
    # Draw r_i for i = n−1 … 1 in that order; j_i = floor(r_i · (i + 1)).
    js = np.floor(random.take(n - 1) * np.arange(n, 1, -1, dtype=np.float64)).astype(np.int64)
    # The swaps depend on each other, so they stay a Python loop (~0.3 s per million samples);
    # plain lists make it several times faster than indexing the numpy array element-wise.
    perm = out.tolist()
    for i, j in zip(range(n - 1, 0, -1), js.tolist(), strict=True):
        perm[i], perm[j] = perm[j], perm[i]
    return np.asarray(perm, dtype=np.int64)
