"""Training and test samples of a run's dataset, held in memory as numpy arrays.

Mirrors harness/worker/data/: synthetic data (same seeded content as the TF.js worker),
MNIST / Fashion-MNIST IDX files (plain or .gz), the CIFAR-10 binary batches, an image folder
(image_folder.py), the user's NumPy arrays (arrays.py), and per-channel
standardisation with the training split's statistics. Images stay HWC bytes here (float32 for
float arrays; as the files and TF.js keep them); batches.py turns a batch into NCHW tensors.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from harness.worker.pytorch.arrays import load_arrays_split
from harness.worker.pytorch.data_files import (
    MAX_DATA_FILE_BYTES,
    DataFileError,
    data_file_size,
    open_data_file,
    read_exactly,
)
from harness.worker.pytorch.image_folder import load_image_folder_split
from harness.worker.pytorch.prng import Mulberry32, mix_seed, permutation
from harness.worker.pytorch.registry import dataset_entry, datasets, format_files

# Stream ids of mixSeed(seed, stream, …), shared with the TF.js worker: order 1, content 2,
# augmentation 3, training subset 4, label noise 5 (harness/worker/data/training-split.ts);
# random SAM schedule 6 (stepper.py), MixUp 7 (mixup.py).
CONTENT_STREAM = 2
SUBSET_STREAM = 4
LABEL_NOISE_STREAM = 5
PIXEL_SCALE = 1.0 / 255.0
IDX_MAGIC = {"images": 0x00000803, "labels": 0x00000801}
CIFAR10_FILES = format_files("cifar10")
CIFAR10_SIDE = 32
CIFAR10_RECORD_BYTES = 1 + 3 * CIFAR10_SIDE * CIFAR10_SIDE


@dataclass
class Samples:
    """Samples in memory: `values[i]` is sample i (HWC for images), inputs = values · scale, standardised by mean/std."""

    name: str
    values: np.ndarray
    labels: np.ndarray
    shape: list[int]
    classes: int
    scale: float = 1.0
    mean: np.ndarray | None = None
    std: np.ndarray | None = None
    skipped: dict[str, Any] = field(default_factory=lambda: {"count": 0, "examples": []})
    label_noise: dict[str, Any] | None = None

    @property
    def size(self) -> int:
        return int(self.labels.shape[0])


# ---------------------------------------------------------------------------------------------
# Synthetic data


def synthetic_samples(dataset: dict, seed: int) -> Samples:
    """`dataset.samples` uniform [0, 1) inputs of `dataset.shape` and uniform labels, as createSyntheticData."""
    size = dataset["samples"]
    shape = list(dataset["shape"])
    classes = int(dataset["classes"])
    sample_size = int(np.prod(shape))
    random = Mulberry32(mix_seed(seed, CONTENT_STREAM))
    values = np.empty(size * sample_size, dtype=np.float32)
    at = 0
    # Values first, then labels, from one stream: the order prng.ts draws them in.
    for chunk in random.take_chunks(values.size):
        values[at : at + chunk.size] = chunk  # float64 → float32 rounds to nearest, as Float32Array does
        at += chunk.size
    labels = np.floor(random.take(size) * classes).astype(np.int64)
    return Samples("synthetic", values.reshape([size, *shape]), labels, shape, classes)


# ---------------------------------------------------------------------------------------------
# File datasets


def _read_idx_bytes(file: str, size: int, header: int) -> tuple[bytes, int]:
    """The first bytes of an IDX file (all of it when gzip-compressed, at most MAX_DATA_FILE_BYTES) and its length."""
    handle, _ = open_data_file(file)
    with handle:
        start = read_exactly(handle, min(size, header))
    # Decided by content, not name: gzip starts 1f 8b, an IDX file 00 00.
    if len(start) < 2 or start[0] != 0x1F or start[1] != 0x8B:
        return start, size
    try:
        handle, _ = open_data_file(file)
        with handle, gzip.GzipFile(fileobj=handle, mode="rb") as stream:
            data = read_exactly(stream, MAX_DATA_FILE_BYTES + 1)
    except (OSError, EOFError) as error:
        raise DataFileError(file, "bad-gzip", f"not a valid gzip file ({error})") from error
    if len(data) > MAX_DATA_FILE_BYTES:
        raise DataFileError(file, "too-large", f"expands to more than the {MAX_DATA_FILE_BYTES} bytes (2 GiB) a dataset file may have")
    return data, len(data)


def _read_idx(base: str, kind: str) -> tuple[str, list[int], np.ndarray]:
    """Reads `base` or else `base.gz`, checking magic number, header and length.

    A plain file's size must be what its header promises before its body is read.
    """
    file = next((f for f in (base, base + ".gz") if os.path.exists(f)), None)
    if file is None:
        raise DataFileError(base, "missing", f"no such file (nor {os.path.basename(base)}.gz) in {os.path.dirname(base)}")
    size = data_file_size(file)
    ndim = 3 if kind == "images" else 1
    header = 4 + 4 * ndim
    data, total = _read_idx_bytes(file, size, header)
    if len(data) < 4:
        raise DataFileError(file, "truncated", f"truncated: expected at least {header} bytes of header, found {total}")
    magic = int.from_bytes(data[0:4], "big")
    if magic != IDX_MAGIC[kind]:
        other = "labels" if kind == "images" else "images"
        hint = f" (an IDX {other} file)" if magic == IDX_MAGIC[other] else ""
        raise DataFileError(
            file,
            "bad-magic",
            f"wrong magic number 0x{magic:08x}{hint}, expected 0x{IDX_MAGIC[kind]:08x} (IDX {kind}, unsigned bytes, {ndim}-D)",
        )
    if len(data) < header:
        raise DataFileError(file, "truncated", f"truncated: expected at least {header} bytes of header, found {total}")
    dims = [int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim)]
    expected = header + int(np.prod(dims, dtype=np.int64))
    if total != expected:
        what = "truncated" if total < expected else "size-mismatch"
        prefix = "truncated: " if what == "truncated" else ""
        raise DataFileError(
            file, what, f"{prefix}expected {expected} bytes ({header}-byte header + {' × '.join(map(str, dims))}), found {total}"
        )
    if len(data) < expected:  # a plain file: its body, exactly
        handle, _ = open_data_file(file)
        with handle:
            handle.seek(header)
            data = data[:header] + read_exactly(handle, expected - header)
        if len(data) != expected:
            raise DataFileError(file, "truncated", f"truncated while read: expected {expected} bytes, found {len(data)}")
    return file, dims, np.frombuffer(data, dtype=np.uint8, offset=header)


def load_idx_split(folder: str, split: str, limit: int | None, classes: int) -> tuple[np.ndarray, np.ndarray, str]:
    """MNIST-style `<split>-images-idx3-ubyte[.gz]` + labels: the first `limit` samples as [n, rows, cols, 1] bytes."""
    images_name, labels_name = format_files("idx")["train" if split == "train" else "test"]
    images_file, (count, rows, cols), images = _read_idx(os.path.join(folder, images_name), "images")
    labels_file, (label_count,), labels = _read_idx(os.path.join(folder, labels_name), "labels")
    if label_count != count:
        raise DataFileError(
            labels_file,
            "count-mismatch",
            f"holds {label_count} labels but {images_file} holds {count} images; both files must come from the same split",
        )
    bad = np.nonzero(labels >= classes)[0]
    if bad.size:
        raise DataFileError(
            labels_file, "bad-label", f"label {labels[bad[0]]} at index {bad[0]} is out of range (expected 0..{classes - 1})"
        )
    n = count if limit is None else min(limit, count)
    return images[: n * rows * cols].reshape(n, rows, cols, 1), labels[:n].astype(np.int64), images_file


def load_cifar10_split(folder: str, split: str, limit: int | None, classes: int) -> tuple[np.ndarray, np.ndarray, str]:
    """CIFAR-10 binary records (label byte + R, G, B planes): the first `limit` as [n, 32, 32, 3] HWC bytes."""
    files = [os.path.join(folder, name) for name in CIFAR10_FILES[split]]
    missing = [f for f in files if not os.path.exists(f)]
    if missing:
        every = ", ".join(CIFAR10_FILES["train"] + CIFAR10_FILES["test"])
        names = ", ".join(os.path.basename(f) for f in missing)
        raise DataFileError(
            missing[0], "missing", f"no such file (missing from {folder}: {names}); a CIFAR-10 folder holds the binary version's {every}"
        )
    images, labels, wanted = [], [], limit
    sizes = [data_file_size(file) for file in files]
    for file, size in zip(files, sizes, strict=True):
        if size == 0 or size % CIFAR10_RECORD_BYTES:
            raise DataFileError(
                file,
                "truncated",
                f"truncated: expected a multiple of {CIFAR10_RECORD_BYTES} bytes "
                f"(1 label byte + 3072 pixel bytes per record), found {size}",
            )
        if wanted is not None and wanted <= 0:
            break  # only the files the limit needs are read
        count = size // CIFAR10_RECORD_BYTES if wanted is None else min(wanted, size // CIFAR10_RECORD_BYTES)
        handle, _ = open_data_file(file)
        with handle:
            records = np.fromfile(handle, dtype=np.uint8, count=count * CIFAR10_RECORD_BYTES).reshape(-1, CIFAR10_RECORD_BYTES)
        if records.shape[0] != count:
            raise DataFileError(file, "truncated", f"truncated while read: expected {count} records, found {records.shape[0]}")
        if wanted is not None:
            wanted -= count
        bad = np.nonzero(records[:, 0] >= classes)[0]
        if bad.size:
            raise DataFileError(
                file, "bad-label", f"label {records[bad[0], 0]} in record {bad[0]} is out of range (expected 0..{classes - 1})"
            )
        labels.append(records[:, 0].astype(np.int64))
        # CHW planes → HWC, the layout every other dataset (and TF.js) uses.
        images.append(records[:, 1:].reshape(-1, 3, CIFAR10_SIDE, CIFAR10_SIDE).transpose(0, 2, 3, 1))
    origin = files[0] if len(files) == 1 else folder
    return np.ascontiguousarray(np.concatenate(images)), np.concatenate(labels), origin


@dataclass
class Split:
    """One split as stored values: images (HWC or flat), int64 labels, where they came from, the scale to [0, 1]."""

    images: np.ndarray
    labels: np.ndarray
    origin: str
    scale: float = PIXEL_SCALE
    skipped: dict[str, Any] = field(default_factory=lambda: {"count": 0, "examples": []})


def _idx(dataset: dict, split: str, limit: int | None) -> Split:
    return Split(*load_idx_split(dataset["path"], "train" if split == "train" else "t10k", limit, int(dataset["classes"])))


def _cifar10(dataset: dict, split: str, limit: int | None) -> Split:
    return Split(*load_cifar10_split(dataset["path"], split, limit, int(dataset["classes"])))


def _image_folder(dataset: dict, split: str, limit: int | None) -> Split:
    size = dataset["imageSize"] or dataset["shape"][:2]
    images, labels, origin, skipped, names = load_image_folder_split(
        dataset["path"], "train" if split == "train" else "val", size, dataset["onBadImage"], limit
    )
    if len(names) != int(dataset["classes"]):
        held = f"{len(names)}: {', '.join(names)}"
        raise ValueError(f'dataset "image-folder" expects {dataset["classes"]} classes but {dataset["path"]}/train holds {held}')
    return Split(images, labels, origin, PIXEL_SCALE, skipped)


def _arrays(dataset: dict, split: str, limit: int | None) -> Split:
    return Split(*load_arrays_split(dataset["path"], format_files("arrays")[split], limit, int(dataset["classes"])))


# One loader per format of the registry (schemas/registry/datasets.json), keyed by the format, as
# file-dataset.ts's SPLIT_READERS; test_registry.py checks the keys.
SPLIT_LOADERS: dict[str, Callable[[dict, str, int | None], Split]] = {
    "idx": _idx,
    "cifar10": _cifar10,
    "image-folder": _image_folder,
    "arrays": _arrays,
}


def _load_split(dataset: dict, split: str, limit: int | None) -> Split:
    name = dataset["name"]
    if name == "synthetic":
        raise ValueError('dataset "synthetic" has no files and no test split; evaluation needs a file dataset')
    if name not in datasets():
        raise ValueError(f'unknown dataset "{name}"; expected one of {", ".join(datasets())}')
    if dataset["path"] is None:
        raise ValueError(f'dataset "{name}" needs `path`: {dataset_entry(name)["expectedPath"]}')
    loaded = SPLIT_LOADERS[dataset_entry(name)["format"]](dataset, split, limit)
    shape = list(loaded.images.shape[1:])
    if list(dataset["shape"]) != shape:
        raise ValueError(f'dataset "{name}" has shape {list(dataset["shape"])} but {loaded.origin} holds {shape} images')
    what = "samples" if split == "train" else "test samples"
    skipped = f" decodable ({loaded.skipped['count']} skipped)" if loaded.skipped["count"] else ""
    if limit is not None and loaded.images.shape[0] < limit:
        raise ValueError(f'dataset "{name}" asks for {limit} {what} but {loaded.origin} holds {loaded.images.shape[0]}{skipped}')
    if loaded.images.shape[0] == 0:
        raise ValueError(f'dataset "{name}": {loaded.origin} holds no {what}{skipped}')
    return loaded


def normalization_stats(values: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """Per-channel mean and population std of values · scale (channels last); a constant channel gets std 1."""
    channels = values.shape[-1] if values.ndim == 4 else 1
    flat = values.reshape(-1, channels)
    total = np.zeros(channels, dtype=np.float64)
    squares = np.zeros(channels, dtype=np.float64)
    # In blocks, so CIFAR-10's 150 MB of bytes never becomes 1.2 GB of float64 at once.
    for start in range(0, flat.shape[0], 1 << 20):
        block = flat[start : start + (1 << 20)].astype(np.float64)
        total += block.sum(axis=0)
        squares += (block * block).sum(axis=0)
    count = flat.shape[0]
    mean = total / count
    std = np.sqrt(np.maximum(0.0, squares / count - mean * mean)) * scale
    return mean * scale, np.where(std > 0, std, 1.0)


def subset_indices(total: int, size: int, seed: int) -> np.ndarray:
    """Indices (ascending) of the `size` training samples a run with `seed` uses, as subsetIndices in training-split.ts."""
    if not 1 <= size <= total:
        raise ValueError(
            f"dataset.trainSubset is {size}, but the training split holds {total} samples: it must be a whole number from 1 to {total}"
        )
    return np.sort(permutation(total, Mulberry32(mix_seed(seed, SUBSET_STREAM)))[:size])


def add_label_noise(labels: np.ndarray, classes: int, fraction: float, seed: int) -> tuple[np.ndarray, dict[str, Any]]:
    """Each label redrawn uniformly among `classes` with probability `fraction`, as addLabelNoise in training-split.ts.

    Two draws per sample, always both: u1 < fraction redraws the label as floor(u2 · classes).
    """
    if not 0 <= fraction < 1:
        raise ValueError(f"labelNoise must be in [0, 1); got {fraction}")
    draws = Mulberry32(mix_seed(seed, LABEL_NOISE_STREAM)).take(2 * labels.shape[0]).reshape(-1, 2)
    redrawn = np.floor(draws[:, 1] * classes).astype(labels.dtype)
    noisy = np.where(draws[:, 0] < fraction, redrawn, labels)
    flipped = int((noisy != labels).sum())
    size = labels.shape[0]
    return noisy, {"fraction": fraction, "flipped": flipped, "flippedFraction": flipped / size if size else 0}


def load_training_samples(dataset: dict, seed: int) -> Samples:
    """The run's training set: synthetic, or the train split's first `dataset.samples` samples
    (or `dataset.trainSubset` drawn by `seed`), with `dataset.labelNoise` applied to the labels."""
    if dataset["name"] == "synthetic":
        return synthetic_samples(dataset, seed)
    split = _load_split(dataset, "train", dataset["samples"])
    images, labels = split.images, split.labels
    if dataset["trainSubset"] is not None:
        chosen = subset_indices(labels.shape[0], dataset["trainSubset"], seed)
        images, labels = images[chosen], labels[chosen]
    noise = None
    if dataset["labelNoise"] > 0:
        labels, noise = add_label_noise(labels, int(dataset["classes"]), dataset["labelNoise"], seed)
    mean, std = normalization_stats(images, split.scale) if dataset["normalize"] else (None, None)
    shape = list(images.shape[1:])
    classes = int(dataset["classes"])
    return Samples(dataset["name"], images, labels, shape, classes, split.scale, mean, std, split.skipped, noise)


def load_test_samples(dataset: dict, limit: int | None, train: Samples) -> Samples:
    """The test split's first `limit` samples in file order, standardised with the *training* statistics."""
    split = _load_split(dataset, "test", limit)
    shape = list(split.images.shape[1:])
    classes = int(dataset["classes"])
    return Samples(dataset["name"], split.images, split.labels, shape, classes, split.scale, train.mean, train.std, split.skipped)
