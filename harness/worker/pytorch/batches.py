"""Which samples each step trains on, and how a batch becomes tensors.

Same rules (and, through prng.py, the same numbers) as harness/worker/data/sampler.ts,
augment.ts and batch-assembly.mjs:
- step k (1-based) takes positions (k−1)·B … k·B−1 of the concatenated epochs, epoch e being
  permutation(size) seeded by mixSeed(seed, 1, e): every batch is full, no sample is dropped;
- augmentation: per step, mulberry32(mixSeed(seed, 3, step)) gives each row (offsetY, offsetX, flip)
  for zero-pad-4, crop, horizontal flip; padding is a raw 0 pixel, so it standardises like black.

- MixUp (`dataset.mixup`, mixup.py): per step, λ and a permutation of the batch from
  mulberry32(mixSeed(seed, 7, step)); row r becomes λ · row r + (1 − λ) · row perm[r], inputs and
  one-hot targets alike, so the labels become float32 targets [rows, classes].

Data-parallel: the global batch of a step is B · worldSize positions and rank r takes rows
r·B … (r+1)·B−1 (augmentation likewise; MixUp's permutation is over the global batch, so a row's
partner may be another rank's), so N workers at batch B see exactly what one worker at
batch N·B would.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator

import numpy as np
import torch

from harness.worker.pytorch.datasets import Samples
from harness.worker.pytorch.mixup import mix, one_hot, plan_mixup
from harness.worker.pytorch.prng import Mulberry32, mix_seed, permutation

ORDER_STREAM = 1
AUGMENT_STREAM = 3
AUGMENT_PAD = 4
AUGMENT_MAX_OFFSET = 2 * AUGMENT_PAD
# A batch can straddle an epoch boundary, and a tiny dataset can need several epochs per batch.
CACHED_EPOCHS = 4


class BatchSampler:
    """Sample indices per 1-based step: a stream of epochs, each a fresh seeded permutation."""

    def __init__(self, size: int, batch_size: int, seed: int) -> None:
        if size < 1 or batch_size < 1:
            raise ValueError(f"dataset size and batch size must be positive (got {size}, {batch_size})")
        self.size, self.batch_size, self.seed = size, batch_size, seed
        self._cache: OrderedDict[int, np.ndarray] = OrderedDict()

    def _order(self, epoch: int) -> np.ndarray:
        if epoch not in self._cache:
            if len(self._cache) >= CACHED_EPOCHS:
                self._cache.popitem(last=False)
            self._cache[epoch] = permutation(self.size, Mulberry32(mix_seed(self.seed, ORDER_STREAM, epoch)))
        return self._cache[epoch]

    def indices(self, step: int) -> np.ndarray:
        positions = np.arange((step - 1) * self.batch_size, step * self.batch_size, dtype=np.int64)
        epochs = positions // self.size
        out = np.empty_like(positions)
        for epoch in np.unique(epochs):
            where = epochs == epoch
            out[where] = self._order(int(epoch))[positions[where] % self.size]
        return out


def plan_augmentation(seed: int, step: int, rows: int) -> np.ndarray:
    """[rows, 3] int array of (offsetY, offsetX, flip) for 1-based `step`, as planAugmentation."""
    draws = Mulberry32(mix_seed(seed, AUGMENT_STREAM, step)).take(3 * rows).reshape(rows, 3)
    plan = np.floor(draws * (AUGMENT_MAX_OFFSET + 1)).astype(np.int64)
    plan[:, 2] = (draws[:, 2] < 0.5).astype(np.int64)
    return plan


def _affine(samples: Samples) -> tuple[np.ndarray, np.ndarray]:
    """x = v · scale → (x − mean) / std, folded into x = v · mul + add per channel."""
    channels = samples.shape[-1] if len(samples.shape) == 3 else 1
    mean = samples.mean if samples.mean is not None else np.zeros(channels)
    std = samples.std if samples.std is not None else np.ones(channels)
    return (samples.scale / std).astype(np.float32), (-mean / std).astype(np.float32)


def assemble(samples: Samples, indices: np.ndarray, crops: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """Gathers `indices` into float32 inputs (HWC for images) and int64 labels; pad-crop-flips when `crops`."""
    raw = samples.values[indices].astype(np.float32)
    if crops is not None:
        if len(samples.shape) not in (2, 3):
            raise ValueError(f"augmentation needs image inputs [height, width, channels]; this dataset's shape is {samples.shape}")
        h, w = samples.shape[0], samples.shape[1]
        pad = [(0, 0), (AUGMENT_PAD, AUGMENT_PAD), (AUGMENT_PAD, AUGMENT_PAD)] + [(0, 0)] * (raw.ndim - 3)
        padded = np.pad(raw, pad)
        out = np.empty_like(raw)
        for row, (dy, dx, flip) in enumerate(crops):
            crop = padded[row, dy : dy + h, dx : dx + w]
            out[row] = crop[:, ::-1] if flip else crop
        raw = out
    mul, add = _affine(samples)
    # Images: broadcasts over the channel (last) axis; vectors have one channel.
    xs = raw * mul + add if len(samples.shape) == 3 else raw * mul[0] + add[0]
    return np.ascontiguousarray(xs, dtype=np.float32), samples.labels[indices]


def to_tensors(xs: np.ndarray, ys: np.ndarray, device: torch.device, channels_last: bool) -> tuple[torch.Tensor, torch.Tensor]:
    """HWC numpy batch → NCHW tensor on `device` (kept in channels_last memory when asked: no copy at all)."""
    x = torch.from_numpy(xs)
    if x.ndim == 4:
        # A permuted NHWC tensor *is* an NCHW tensor in channels_last memory format.
        x = x.permute(0, 3, 1, 2)
        x = x if channels_last else x.contiguous()
    return x.to(device), torch.from_numpy(ys).to(device)


class TrainBatches:
    """The training batches of one rank: `batch(step)` gives (inputs, labels) tensors on the device."""

    def __init__(
        self,
        samples: Samples,
        batch_size: int,
        seed: int,
        augment: bool,
        rank: int = 0,
        world_size: int = 1,
        mixup: dict | None = None,
    ) -> None:
        if augment and len(samples.shape) not in (2, 3):
            raise ValueError(
                f'dataset "{samples.name}": augment needs image inputs [height, width, channels]; its shape is {samples.shape}'
            )
        self.samples, self.batch_size, self.seed, self.augment = samples, batch_size, seed, augment
        self.rank, self.world_size = rank, world_size
        self.mixup_alpha: float | None = None if mixup is None else float(mixup["alpha"])
        self.sampler = BatchSampler(samples.size, batch_size * world_size, seed)

    def arrays(self, step: int) -> tuple[np.ndarray, np.ndarray]:
        """Inputs and labels (int64), or with MixUp inputs and mixed float32 targets [rows, classes]."""
        rows = np.arange(self.rank * self.batch_size, (self.rank + 1) * self.batch_size)
        global_rows = self.batch_size * self.world_size
        indices = self.sampler.indices(step)
        crops = plan_augmentation(self.seed, step, global_rows) if self.augment else None
        xs, ys = assemble(self.samples, indices[rows], None if crops is None else crops[rows])
        if self.mixup_alpha is None:
            return xs, ys
        plan = plan_mixup(self.seed, step, global_rows, self.mixup_alpha)
        partners = plan.partners[rows]
        px, py = assemble(self.samples, indices[partners], None if crops is None else crops[partners])
        classes = self.samples.classes
        return mix(xs, px, plan.lam), mix(one_hot(ys, classes), one_hot(py, classes), plan.lam)

    def batch(self, step: int, device: torch.device, channels_last: bool) -> tuple[torch.Tensor, torch.Tensor]:
        return to_tensors(*self.arrays(step), device, channels_last)


def eval_batches(
    samples: Samples, batch_size: int, device: torch.device, channels_last: bool
) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
    """Every test sample once, in stored order, unaugmented; the last batch may be smaller."""
    for start in range(0, samples.size, batch_size):
        indices = np.arange(start, min(start + batch_size, samples.size))
        yield to_tensors(*assemble(samples, indices, None), device, channels_last)
