"""An image folder in the PyTorch worker: tiny PNGs written by Pillow in each test."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from harness.worker.pytorch.datasets import DataFileError, load_test_samples, load_training_samples
from harness.worker.pytorch.image_folder import list_split, resize_bilinear
from harness.worker.pytorch.testkit import resolved_dataset


def _png(path, color, size=(6, 4), mode="RGB"):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new(mode, size, color).save(path)


def _folder(tmp_path):
    root = tmp_path / "images"
    for name, color in (("cat", (200, 10, 10)), ("ant", (10, 200, 10))):
        for i in range(3):
            _png(root / "train" / name / f"{i}.png", color)
        _png(root / "val" / name / "0.png", color)
    return root


def _dataset(root, **extra):
    fields = {"name": "image-folder", "path": str(root), "batchSize": 2, "shape": [4, 4, 3], "imageSize": [4, 4], "classes": 2}
    return resolved_dataset(**{**fields, "samples": None, "normalize": False, "onBadImage": "skip", **extra})


def test_classes_are_sorted_folder_names_and_files_go_round_robin(tmp_path):
    names, pairs = list_split(str(_folder(tmp_path)), "train")
    assert names == ["ant", "cat"]
    assert [label for _, label in pairs] == [0, 1, 0, 1, 0, 1]


def test_images_are_decoded_as_rgb_resized_and_labelled_by_class(tmp_path):
    root = _folder(tmp_path)
    _png(root / "train" / "ant" / "3.png", 128, mode="L")  # grey: replicated to three channels
    train = load_training_samples(_dataset(root), 0)
    assert train.values.shape == (7, 4, 4, 3)
    assert train.values.dtype == np.uint8
    assert train.values[0, 0, 0].tolist() == [10, 200, 10]
    assert train.labels[0] == 0
    assert train.values[1, 0, 0].tolist() == [200, 10, 10]
    assert train.labels[1] == 1
    assert train.values[6].reshape(-1, 3).tolist() == [[128, 128, 128]] * 16
    assert load_test_samples(_dataset(root), None, train).labels.tolist() == [0, 1]


def test_bilinear_resize_uses_half_pixel_centres():
    # 1 × 4 row [0, 100, 200, 255] halved: centres at 0.5 and 2.5 → 50 and 227.5 (→ 228, half to even).
    row = np.array([[[0], [100], [200], [255]]], dtype=np.uint8)
    assert resize_bilinear(row, 1, 2)[0, :, 0].tolist() == [50, 228]
    assert resize_bilinear(row, 1, 4)[0, :, 0].tolist() == [0, 100, 200, 255]


def test_an_undecodable_image_is_skipped_and_counted_or_fatal(tmp_path):
    root = _folder(tmp_path)
    (root / "train" / "cat" / "9.png").write_bytes(b"not a png")
    train = load_training_samples(_dataset(root), 0)
    assert train.size == 6
    assert train.skipped["count"] == 1
    assert train.skipped["examples"][0]["file"].endswith("9.png")
    with pytest.raises(DataFileError, match=r"9\.png: cannot decode image"):
        load_training_samples(_dataset(root, onBadImage="fail"), 0)


def test_a_val_class_unknown_to_train_is_refused(tmp_path):
    root = _folder(tmp_path)
    _png(root / "val" / "dog" / "0.png", (1, 2, 3))
    train = load_training_samples(_dataset(root), 0)
    with pytest.raises(DataFileError, match=r"val/dog: is not a class of .*train \(its classes: ant, cat\)"):
        load_test_samples(_dataset(root), None, train)


def test_a_class_count_that_differs_from_the_spec_is_named(tmp_path):
    with pytest.raises(ValueError, match=r"expects 3 classes but .* holds 2: ant, cat"):
        load_training_samples(_dataset(_folder(tmp_path), classes=3), 0)
