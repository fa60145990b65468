"""An `arrays` dataset in the PyTorch worker, on files numpy itself writes (np.save, np.savez, np.savez_compressed)."""

from __future__ import annotations

import os

import numpy as np
import pytest

from harness.worker.pytorch.arrays import read_array
from harness.worker.pytorch.datasets import DataFileError, load_test_samples, load_training_samples, subset_indices
from harness.worker.pytorch.testkit import resolved_dataset

RNG = np.random.default_rng(3)
X_TRAIN = RNG.integers(0, 256, size=(24, 4, 4, 1), dtype=np.uint8)
Y_TRAIN = (np.arange(24) % 3).astype(np.int16)
X_TEST = RNG.integers(0, 256, size=(6, 4, 4, 1), dtype=np.uint8)
Y_TEST = np.array([2, 1, 0, 0, 1, 2], dtype=np.uint64)


def _write(tmp_path, how: str, **arrays: np.ndarray) -> str:
    arrays = arrays or {"x_train": X_TRAIN, "y_train": Y_TRAIN, "x_test": X_TEST, "y_test": Y_TEST}
    if how == "folder":
        folder = tmp_path / "arrays"
        folder.mkdir()
        for name, value in arrays.items():
            np.save(folder / f"{name}.npy", value)
        return str(folder)
    file = tmp_path / "data.npz"
    (np.savez if how == "savez" else np.savez_compressed)(file, **arrays)
    return str(file)


def _dataset(path: str, **extra):
    fields = {"name": "arrays", "path": path, "batchSize": 4, "shape": [4, 4, 1], "classes": 3, "samples": None, "normalize": False}
    return resolved_dataset(**{**fields, **extra})


@pytest.mark.parametrize("how", ["savez", "savez_compressed", "folder"])
def test_uint8_arrays_load_as_bytes_scaled_by_1_over_255_with_a_test_split(tmp_path, how):
    path = _write(tmp_path, how)
    train = load_training_samples(_dataset(path), 0)
    assert train.values.dtype == np.uint8
    assert np.array_equal(train.values, X_TRAIN)
    assert train.labels.tolist() == Y_TRAIN.tolist()
    assert train.scale == pytest.approx(1 / 255)
    test = load_test_samples(_dataset(path), 4, train)
    assert test.labels.tolist() == [2, 1, 0, 0]


def test_float32_flat_arrays_are_taken_as_they_are_and_standardised_with_training_statistics(tmp_path):
    x = RNG.normal(5.0, 2.0, size=(10, 6)).astype(np.float32)
    path = _write(tmp_path, "savez", x_train=x, y_train=np.arange(10) % 2, x_test=x[:3] + 1, y_test=np.array([0, 1, 0]))
    train = load_training_samples(_dataset(path, shape=[6], classes=2, normalize=True), 0)
    assert train.scale == 1.0
    assert train.shape == [6]
    assert train.mean.tolist() == pytest.approx([float(x.astype(np.float64).mean())])
    assert train.std.tolist() == pytest.approx([float(x.astype(np.float64).std())])


def test_three_dimensional_images_get_one_channel(tmp_path):
    path = _write(tmp_path, "folder", x_train=X_TRAIN[..., 0], y_train=Y_TRAIN)
    assert load_training_samples(_dataset(path), 0).values.shape == (24, 4, 4, 1)


def test_train_subset_and_label_noise_work_on_arrays_as_on_the_built_in_formats(tmp_path):
    path = _write(tmp_path, "savez_compressed")
    chosen = subset_indices(24, 10, 5)
    noisy = load_training_samples(_dataset(path, trainSubset=10, labelNoise=0.5), 5)
    assert np.array_equal(noisy.values, X_TRAIN[chosen])
    changed = int((noisy.labels != Y_TRAIN[chosen]).sum())
    assert noisy.label_noise == {"fraction": 0.5, "flipped": changed, "flippedFraction": changed / 10}


@pytest.mark.parametrize(
    ("arrays", "match"),
    [
        ({"x_train": X_TRAIN, "y_train": Y_TRAIN[:20]}, r"y_train\.npy\)?: holds 20 labels but .* holds 24 samples"),
        ({"x_train": X_TRAIN.astype(np.float64), "y_train": Y_TRAIN}, r"dtype float64"),
        ({"x_train": X_TRAIN, "y_train": Y_TRAIN.astype(np.float32)}, r"labels are 1-D integers"),
        ({"x_train": X_TRAIN, "y_train": Y_TRAIN + 1}, r"label 3 at index 2 is out of range: the classes are 0 \.\.\. 2"),
        ({"x_train": X_TRAIN.astype(">f4"), "y_train": Y_TRAIN}, r"big-endian \(>f4\)"),
        ({"x_train": np.asfortranarray(X_TRAIN), "y_train": Y_TRAIN}, r"Fortran order"),
    ],
)
def test_arrays_sambench_cannot_use_are_refused_naming_the_array(tmp_path, arrays, match):
    with pytest.raises(DataFileError, match=match):
        load_training_samples(_dataset(_write(tmp_path, "folder", **arrays)), 0)


def test_object_arrays_are_never_unpickled(tmp_path):
    folder = tmp_path / "objects"
    folder.mkdir()
    np.save(folder / "x_train.npy", np.array([{"a": 1}, None], dtype=object), allow_pickle=True)
    with pytest.raises(DataFileError, match="sambench does not read"):
        read_array(str(folder), "x_train.npy")


def test_a_missing_member_names_those_the_npz_holds(tmp_path):
    path = _write(tmp_path, "savez", x_train=X_TRAIN, labels=Y_TRAIN)
    with pytest.raises(DataFileError, match=r"holds no array y_train \(it holds x_train, labels\)"):
        load_training_samples(_dataset(path), 0)


def test_a_header_that_promises_more_than_the_file_holds_is_refused_before_any_allocation(tmp_path):
    path = _write(tmp_path, "folder", x_train=X_TRAIN, y_train=Y_TRAIN)
    file = os.path.join(path, "x_train.npy")
    with open(file, "rb") as handle:
        data = handle.read()
    length = int.from_bytes(data[8:10], "little")
    header = data[10 : 10 + length].decode("latin1")
    # The first dimension grows by 8 digits; 8 of the header's padding spaces make room, so the length stays.
    lie = header.replace("(24,", "(2400000000,").replace(" " * 8 + "\n", "\n")
    assert len(lie) == length
    with open(file, "wb") as handle:
        handle.write(data[:10] + lie.encode("latin1") + data[10 + length :])
    with pytest.raises(DataFileError, match="truncated: its header declares 38400000000 data bytes"):
        read_array(path, "x_train.npy")


def test_a_fifo_in_place_of_an_array_is_refused_unopened(tmp_path):
    folder = tmp_path / "fifo"
    folder.mkdir()
    os.mkfifo(folder / "x_train.npy")
    with pytest.raises(DataFileError, match=r"is a FIFO \(named pipe\), not a regular file"):
        read_array(str(folder), "x_train.npy")
