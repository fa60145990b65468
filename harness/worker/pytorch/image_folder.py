"""An ImageNet-style image folder in the PyTorch worker: <path>/train/<class>/*.{jpg,jpeg,png} and
<path>/val/<class>/..., decoded with Pillow and resized to `imageSize`.

Mirrors harness/worker/data/image-folder.ts: classes are train/'s subfolders, sorted (so both splits
and both frameworks give the same labels); files sorted per class and taken round-robin over the
classes (so a `limit` keeps every class); RGB (grey and palette images converted, alpha dropped);
bilinear resize with half-pixel centres, rounded and clipped to bytes, as tf.image.resizeBilinear
with halfPixelCenters does; an undecodable file skipped and counted, or fatal with onBadImage "fail".
Every file goes through the guarded open (data_files.py): a FIFO or device named *.jpg is a bad image.
"""

from __future__ import annotations

import io
import os
import re
from typing import Any

import numpy as np
from PIL import Image, UnidentifiedImageError

from harness.worker.pytorch.data_files import DataFileError, open_data_file, read_exactly

IMAGE_FILE = re.compile(r"\.(jpe?g|png)$", re.IGNORECASE)
EXPECTED = "an image folder holds train/<class>/*.jpg|png (and val/<class>/... for evaluation)"
# How many skipped files are named in the skipped examples (image-folder.ts keeps as many).
EXAMPLES_KEPT = 5


def _subfolders(folder: str, expected: str) -> list[str]:
    if not os.path.isdir(folder):
        raise DataFileError(folder, "missing", f"no such folder; {expected}")
    return sorted(entry.name for entry in os.scandir(folder) if entry.is_dir())


def class_names(folder: str) -> list[str]:
    """The classes of an image folder: the subfolders of `folder`/train, sorted."""
    train = os.path.join(folder, "train")
    names = _subfolders(train, EXPECTED)
    if not names:
        raise DataFileError(train, "missing", "holds no class folders; expected train/<class>/*.jpg|png")
    return names


def list_split(folder: str, split: str) -> tuple[list[str], list[tuple[str, int]]]:
    """The class names and the (file, label) pairs of `split` ("train" or "val"), round-robin over the classes."""
    names = class_names(folder)
    split_dir = os.path.join(folder, split)
    present = names if split == "train" else _subfolders(split_dir, "evaluation reads an image folder's val/<class>/*.jpg|png")
    unknown = next((name for name in present if name not in names), None)
    if unknown is not None:
        train = os.path.join(folder, "train")
        message = f"is not a class of {train} (its classes: {', '.join(names)})"
        raise DataFileError(os.path.join(split_dir, unknown), "unknown-class", message)
    per_class = []
    for name in names:
        class_dir = os.path.join(split_dir, name)
        found = sorted(f for f in os.listdir(class_dir) if IMAGE_FILE.search(f)) if os.path.isdir(class_dir) else []
        per_class.append([os.path.join(class_dir, f) for f in found])
    longest = max((len(files) for files in per_class), default=0)
    pairs = [(files[i], label) for i in range(longest) for label, files in enumerate(per_class) if i < len(files)]
    return names, pairs


def resize_bilinear(pixels: np.ndarray, height: int, width: int) -> np.ndarray:
    """[h, w, c] bytes resized with half-pixel centres (tf.image.resizeBilinear's halfPixelCenters), rounded to bytes."""
    source = pixels.astype(np.float64)

    def axis(out: int, size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        at = (np.arange(out) + 0.5) * (size / out) - 0.5
        low = np.floor(at)
        return np.maximum(low, 0).astype(np.int64), np.minimum(np.ceil(at), size - 1).astype(np.int64), (at - low)

    top, bottom, dy = axis(height, source.shape[0])
    left, right, dx = axis(width, source.shape[1])
    rows_top, rows_bottom = source[top], source[bottom]
    dx = dx[None, :, None]
    upper = rows_top[:, left] + (rows_top[:, right] - rows_top[:, left]) * dx
    lower = rows_bottom[:, left] + (rows_bottom[:, right] - rows_bottom[:, left]) * dx
    out = upper + (lower - upper) * dy[:, None, None]
    return np.clip(np.round(out), 0, 255).astype(np.uint8)


def _decode(file: str) -> np.ndarray:
    handle, size = open_data_file(file)
    with handle:
        data = read_exactly(handle, size)
    with Image.open(io.BytesIO(data)) as image:
        return np.asarray(image.convert("RGB"), dtype=np.uint8)


def load_image_folder_split(
    folder: str, split: str, image_size: list[int], on_bad_image: str, limit: int | None
) -> tuple[np.ndarray, np.ndarray, str, dict[str, Any], list[str]]:
    """`split`'s first `limit` decodable images as [n, h, w, 3] bytes, their labels, origin, skipped files and class names."""
    names, pairs = list_split(folder, split)
    height, width = image_size
    wanted = len(pairs) if limit is None else min(limit, len(pairs))
    images = np.empty((wanted, height, width, 3), dtype=np.uint8)
    labels = np.empty(wanted, dtype=np.int64)
    skipped: dict[str, Any] = {"count": 0, "examples": []}
    count = 0
    for file, label in pairs:
        if count == wanted:
            break
        try:
            pixels = _decode(file)
        except (DataFileError, UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
            reason = str(error)[len(file) + 2 :] if isinstance(error, DataFileError) else str(error)
            if on_bad_image == "fail":
                if isinstance(error, DataFileError):
                    raise
                raise DataFileError(
                    file, "bad-image", f'cannot decode image ({reason}); set dataset.onBadImage to "skip" to skip such files'
                ) from error
            skipped["count"] += 1
            if len(skipped["examples"]) < EXAMPLES_KEPT:
                skipped["examples"].append({"file": file, "reason": reason})
            continue
        images[count] = resize_bilinear(pixels, height, width)
        labels[count] = label
        count += 1
    return images[:count], labels[:count], os.path.join(folder, split), skipped, names
