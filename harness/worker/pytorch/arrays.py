"""An `arrays` dataset in the PyTorch worker: the user's NumPy arrays, one .npz or a folder of .npy
files named as the registry's `arrays` format lists (x_train.npy, y_train.npy, x_test.npy, y_test.npy).

Same rules as harness/numpy-arrays.ts and harness/worker/data/arrays.ts: images uint8 (0-255, scaled
by 1/255) or float32 (taken as they are), [n, h, w, c], [n, h, w] (one channel) or flat [n, d];
labels any integer dtype, 1-D, in 0 ... classes - 1; little-endian, C order; never unpickled
(np.load with allow_pickle=False). Each header is checked against the bytes there before np.load
allocates anything from it.
"""

from __future__ import annotations

import os
import zipfile
from typing import IO

import numpy as np

from harness.worker.pytorch.data_files import DataFileError, open_data_file

PIXEL_SCALE = 1.0 / 255.0
IMAGE_DTYPES = (np.dtype(np.uint8), np.dtype(np.float32))


def _header(stream: IO[bytes], where: str) -> tuple[tuple[int, ...], bool, np.dtype]:
    """The shape, Fortran flag and dtype of the .npy header at the start of `stream` (numpy's own bounded reader)."""
    try:
        version = np.lib.format.read_magic(stream)
        if version == (1, 0):
            return np.lib.format.read_array_header_1_0(stream)
        if version == (2, 0):
            return np.lib.format.read_array_header_2_0(stream)
    except ValueError as error:
        raise DataFileError(where, "bad-magic", f"is not a .npy array ({error})") from error
    raise DataFileError(where, "bad-array", f"has .npy format version {version[0]}.{version[1]}; save it with np.save or np.savez")


def _check_header(where: str, shape: tuple[int, ...], fortran: bool, dtype: np.dtype, available: int) -> None:
    if dtype.hasobject or dtype.kind not in "uif":
        raise DataFileError(where, "bad-array", f"has dtype {dtype}, which sambench does not read (never unpickled)")
    if dtype.byteorder == ">":
        raise DataFileError(where, "bad-array", f"is big-endian ({dtype.str}); sambench reads little-endian arrays only")
    if fortran and len(shape) > 1:
        raise DataFileError(where, "bad-array", "is stored in Fortran order; save np.ascontiguousarray(x) instead")
    needed = dtype.itemsize * int(np.prod(shape, dtype=object) if shape else 1)
    if needed > available:
        raise DataFileError(where, "truncated", f"is truncated: its header declares {needed} data bytes, {available} are there")


def read_array(path: str, name: str) -> tuple[np.ndarray, str]:
    """Array `name` (e.g. 'x_train.npy') of dataset path `path` (a folder or a .npz), and where it was."""
    if os.path.isdir(path):
        where = os.path.join(path, name)
        handle, size = open_data_file(where)
        with handle:
            _check_header(where, *_header(handle, where), size - handle.tell())
            handle.seek(0)
            return np.load(handle, allow_pickle=False), where
    handle, _ = open_data_file(path)
    with handle:
        try:
            archive = np.load(handle, allow_pickle=False)
        except (ValueError, OSError, zipfile.BadZipFile) as error:
            raise DataFileError(path, "bad-array", f"is not a .npz file written by np.savez ({error})") from error
        if not isinstance(archive, np.lib.npyio.NpzFile):
            raise DataFileError(path, "bad-array", "is a single .npy array; an arrays dataset is a .npz file or a folder of .npy files")
        with archive:
            where = f"{path} (member {name})"
            if name not in archive.zip.namelist():
                held = ", ".join(archive.files) or "none"
                raise DataFileError(path, "missing", f"holds no array {name.removesuffix('.npy')} (it holds {held})")
            with archive.zip.open(name) as member:
                header = _header(member, where)
                offset = member.tell()
            _check_header(where, *header, archive.zip.getinfo(name).file_size - offset)
            return archive[name.removesuffix(".npy")], where


def load_arrays_split(path: str, files: list[str], limit: int | None, classes: int) -> tuple[np.ndarray, np.ndarray, str, float]:
    """The first `limit` samples of the split whose arrays are `files` ([x, y]): images, int64 labels, origin, scale."""
    x_name, y_name = files
    images, x_where = read_array(path, x_name)
    labels, y_where = read_array(path, y_name)
    if images.dtype not in IMAGE_DTYPES:
        raise DataFileError(x_where, "bad-array", f"has dtype {images.dtype}; images are uint8 (0-255) or float32")
    if images.ndim not in (2, 3, 4):
        raise DataFileError(x_where, "bad-array", f"has shape {images.shape}; images are [n, h, w, c], [n, h, w] or [n, d]")
    if labels.dtype.kind not in "ui" or labels.ndim != 1:
        raise DataFileError(y_where, "bad-array", f"holds {labels.dtype} {labels.shape}; labels are 1-D integers")
    if labels.shape[0] != images.shape[0]:
        raise DataFileError(y_where, "count-mismatch", f"holds {labels.shape[0]} labels but {x_where} holds {images.shape[0]} samples")
    bad = np.nonzero((labels < 0) | (labels >= classes))[0]
    if bad.size:
        label = labels[bad[0]]
        raise DataFileError(y_where, "bad-label", f"label {label} at index {bad[0]} is out of range: the classes are 0 ... {classes - 1}")
    n = images.shape[0] if limit is None else min(limit, images.shape[0])
    images = images[:n, ..., None] if images.ndim == 3 else images[:n]
    if images.dtype == np.float32 and not np.isfinite(images).all():
        raise DataFileError(x_where, "bad-array", "holds values that are not finite (NaN or infinity)")
    scale = 1.0 if images.dtype == np.float32 else PIXEL_SCALE
    return np.ascontiguousarray(images), labels[:n].astype(np.int64), x_where, scale
