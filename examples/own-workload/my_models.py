"""A PyTorch model factory: sambench imports this module from the suite file's folder and calls
build(input_shape, classes, seed, **args). input_shape is one sample as the model receives it,
(channels, height, width) for images (NCHW batches); the model returns logits. sambench seeds
torch with `seed` before calling.
"""

from __future__ import annotations

from torch import nn


def build(input_shape: list[int], classes: int, seed: int, width: int = 16) -> nn.Module:
    channels, height, side = input_shape

    def after_convs(size: int) -> int:  # two valid 3×3 convolutions, each followed by a 2×2 pool
        return ((size - 2) // 2 - 2) // 2

    flat = 2 * width * after_convs(height) * after_convs(side)
    return nn.Sequential(
        nn.Conv2d(channels, width, 3),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(width, 2 * width, 3),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(flat, classes),
    )
