"""Writes data.npz: a small 10-class image dataset as your own NumPy arrays, with np.savez_compressed.

    python examples/own-workload/make-data.py [out.npz]

Each class is a bar pattern on a 16×16 grey image (class c: a horizontal bar at row 1 + c, and a
vertical one at column 14 − c for c ≥ 5), with pixel noise, so that a small network learns it in
a few hundred steps and SAM's accuracy difference is measurable on a CPU. Seeded: the same file
every time. Any NumPy arrays of this layout work the same way: x_* uint8 or float32 in NHWC,
[n, h, w] or [n, d]; y_* integers 0 … classes − 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

SIDE, CLASSES = 16, 10


def split(count: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    labels = rng.integers(0, CLASSES, size=count, dtype=np.int64)
    images = rng.normal(60, 25, size=(count, SIDE, SIDE, 1))
    for i, label in enumerate(labels):
        images[i, 1 + label, 2:-2, 0] += 140
        if label >= 5:
            images[i, 2:-2, 14 - label, 0] += 140
    return np.clip(images, 0, 255).astype(np.uint8), labels


def main(out: Path) -> None:
    rng = np.random.default_rng(0)
    x_train, y_train = split(2000, rng)
    x_test, y_test = split(500, rng)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    print(f"wrote {out}: x_train {x_train.shape} {x_train.dtype}, y_train {y_train.shape}, x_test {x_test.shape}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("data.npz"))
