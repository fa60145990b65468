"""Data: the same random streams as the TF.js worker, file readers, normalisation, augmentation, sharding."""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pytest
import torch

from harness.worker.pytorch.batches import BatchSampler, TrainBatches, assemble, plan_augmentation, to_tensors
from harness.worker.pytorch.datasets import (
    MAX_DATA_FILE_BYTES,
    DataFileError,
    Samples,
    load_test_samples,
    load_training_samples,
    normalization_stats,
    subset_indices,
    synthetic_samples,
)
from harness.worker.pytorch.prng import Mulberry32, mix_seed, permutation
from harness.worker.pytorch.testkit import resolved_dataset, write_cifar, write_idx

# Values printed by the TypeScript implementations (harness/prng.ts, worker/data/) under Node.
TS_MIX = {(7, 2): 3368079786, (0,): 4289745439, (5, 1, 3): 3794954972, (2**40 + 3, 1): 1656561510}
TS_MULBERRY_7_2 = [0.45668067829683423, 0.36925507546402514, 0.1022076343651861, 0.6297518953215331, 0.5053725764155388]
TS_PERMUTATION_10 = [1, 0, 4, 7, 5, 8, 6, 3, 9, 2]  # permutation(10, mulberry32(mixSeed(7, 1, 0)))
TS_AUGMENT_7_3_4 = [2, 8, 1, 6, 7, 0, 6, 1, 1, 8, 6, 1]  # planAugmentation(7, 3, 4)
TS_SYNTHETIC_LABELS = [1, 0, 1, 1, 2, 2]  # shape [2, 2, 1], 3 classes, 6 samples, seed 7
TS_SYNTHETIC_FIRST = [0.45668068528175354, 0.36925506591796875, 0.10220763087272644]
TS_INDICES = {1: [3, 0, 2, 4], 2: [5, 1, 3, 4]}  # batch 4 of those 6 samples


def test_random_streams_match_the_typescript_worker():
    for parts, expected in TS_MIX.items():
        assert mix_seed(*parts) == expected
    assert Mulberry32(mix_seed(7, 2)).take(5).tolist() == TS_MULBERRY_7_2
    assert permutation(10, Mulberry32(mix_seed(7, 1, 0))).tolist() == TS_PERMUTATION_10
    assert plan_augmentation(7, 3, 4).ravel().tolist() == TS_AUGMENT_7_3_4


def test_synthetic_data_and_batch_order_match_the_typescript_worker():
    samples = synthetic_samples({"samples": 6, "shape": [2, 2, 1], "classes": 3}, 7)
    assert samples.values.shape == (6, 2, 2, 1)
    assert samples.values.dtype == np.float32
    assert samples.values.ravel()[:3].tolist() == TS_SYNTHETIC_FIRST
    assert samples.labels.tolist() == TS_SYNTHETIC_LABELS
    sampler = BatchSampler(6, 4, 7)
    assert {step: sampler.indices(step).tolist() for step in (1, 2)} == TS_INDICES


def test_every_epoch_is_a_fresh_permutation_and_batches_straddle_epochs():
    sampler = BatchSampler(10, 4, 1)
    positions = np.concatenate([sampler.indices(step) for step in range(1, 6)])  # 20 = two epochs
    assert sorted(positions[:10].tolist()) == list(range(10))
    assert sorted(positions[10:].tolist()) == list(range(10))
    assert positions[:10].tolist() != positions[10:].tolist()


def test_data_parallel_shards_are_slices_of_the_single_worker_batch():
    samples = Samples("x", np.arange(40 * 6 * 6, dtype=np.uint8).reshape(40, 6, 6, 1), np.arange(40) % 3, [6, 6, 1], 3, 1 / 255)
    single = TrainBatches(samples, 8, seed=4, augment=True)
    shards = [TrainBatches(samples, 4, seed=4, augment=True, rank=r, world_size=2) for r in range(2)]
    for step in (1, 2, 7):
        xs, ys = single.arrays(step)
        parts = [shard.arrays(step) for shard in shards]
        np.testing.assert_array_equal(np.concatenate([p[0] for p in parts]), xs)
        np.testing.assert_array_equal(np.concatenate([p[1] for p in parts]), ys)


def test_pad_crop_flip_moves_pixels_like_batch_assembly():
    image = np.arange(1, 17, dtype=np.uint8).reshape(1, 4, 4, 1)
    samples = Samples("x", image, np.zeros(1, dtype=np.int64), [4, 4, 1], 1, scale=1.0)
    # offset (4, 4) = no shift; flip mirrors left-right.
    xs, _ = assemble(samples, np.array([0]), np.array([[4, 4, 1]]))
    assert xs[0, :, :, 0].tolist() == image[0, :, ::-1, 0].astype(float).tolist()
    # offset (5, 3): rows shift up by one (last row zero), columns right by one (first column zero).
    xs, _ = assemble(samples, np.array([0]), np.array([[5, 3, 0]]))
    expected = np.zeros((4, 4))
    expected[:3, 1:] = image[0, 1:, :3, 0]
    assert xs[0, :, :, 0].tolist() == expected.tolist()


def test_normalisation_uses_training_statistics_and_padding_standardises_as_black():
    values = np.stack([np.full((2, 2, 2), v, dtype=np.uint8) for v in (0, 255)])  # two images
    values[:, :, :, 1] = 51  # a constant channel gets std 1: only centred
    mean, std = normalization_stats(values, 1 / 255)
    assert mean.tolist() == pytest.approx([0.5, 0.2])
    assert std.tolist() == pytest.approx([0.5, 1.0])
    samples = Samples("x", values, np.zeros(2, dtype=np.int64), [2, 2, 2], 1, 1 / 255, mean, std)
    xs, _ = assemble(samples, np.array([0, 1]), None)
    assert xs[:, 0, 0, 0].tolist() == pytest.approx([-1.0, 1.0])
    assert xs[:, 0, 0, 1].tolist() == pytest.approx([0.0, 0.0], abs=1e-6)
    xs, _ = assemble(samples, np.array([1]), np.array([[0, 0, 0]]))  # shifted by 4 on a 2x2 image: all padding
    assert xs[0, :, :, 0].ravel().tolist() == pytest.approx([-1.0] * 4)


def test_tensors_are_nchw_and_channels_last_is_free():
    xs = np.random.rand(2, 5, 6, 3).astype(np.float32)
    x, y = to_tensors(xs, np.array([1, 2]), torch.device("cpu"), channels_last=True)
    assert x.shape == (2, 3, 5, 6)
    assert x.is_contiguous(memory_format=torch.channels_last)
    assert y.dtype == torch.int64
    x2, _ = to_tensors(xs, np.array([1, 2]), torch.device("cpu"), channels_last=False)
    assert x2.is_contiguous()
    assert torch.equal(x, x2)
    assert x[1, 2, 3, 4] == float(xs[1, 3, 4, 2])


def _mnist_dataset(path, **extra):
    return resolved_dataset(
        **{
            "name": "mnist",
            "path": str(path),
            "batchSize": 4,
            "shape": [3, 3, 1],
            "classes": 10,
            "samples": None,
            "normalize": True,
            **extra,
        }
    )


@pytest.mark.parametrize("gz", [False, True])
def test_idx_files_plain_or_gzip_with_test_split_on_training_stats(tmp_path, gz):
    rng = np.random.default_rng(0)
    write_idx(str(tmp_path), "train", rng.integers(0, 256, (6, 3, 3)), np.arange(6) % 10, gz=gz)
    write_idx(str(tmp_path), "t10k", rng.integers(0, 256, (4, 3, 3)), np.arange(4), gz=gz)
    train = load_training_samples(_mnist_dataset(tmp_path, samples=5), 0)
    assert train.values.shape == (5, 3, 3, 1)
    assert train.labels.tolist() == [0, 1, 2, 3, 4]
    assert train.mean is not None
    assert train.mean[0] == pytest.approx(train.values.mean() / 255)
    test = load_test_samples(_mnist_dataset(tmp_path), 3, train)
    assert test.size == 3
    assert test.mean is train.mean
    assert test.std is train.std


def test_train_subset_and_label_noise_pick_images_with_their_labels_and_leave_the_test_split_clean(tmp_path):
    images = np.arange(50 * 9).reshape(50, 3, 3) % 256
    labels = np.arange(50) % 10
    write_idx(str(tmp_path), "train", images, labels)
    write_idx(str(tmp_path), "t10k", images[:4], labels[:4])
    subset = load_training_samples(_mnist_dataset(tmp_path, trainSubset=20), 3)
    chosen = subset_indices(50, 20, 3)
    assert subset.size == 20
    assert subset.values[:, :, :, 0].tolist() == images[chosen].tolist()
    assert subset.labels.tolist() == labels[chosen].tolist()
    assert subset.label_noise is None
    noisy = load_training_samples(_mnist_dataset(tmp_path, trainSubset=20, labelNoise=0.5), 3)
    assert noisy.values.tolist() == subset.values.tolist()
    changed = int((noisy.labels != subset.labels).sum())
    assert noisy.label_noise == {"fraction": 0.5, "flipped": changed, "flippedFraction": changed / 20}
    assert 0 < changed < 20
    assert load_test_samples(_mnist_dataset(tmp_path, labelNoise=0.5), None, noisy).labels.tolist() == [0, 1, 2, 3]


def test_idx_problems_name_the_file(tmp_path):
    with pytest.raises(DataFileError, match="train-images-idx3-ubyte: no such file"):
        load_training_samples(_mnist_dataset(tmp_path), 0)
    write_idx(str(tmp_path), "train", np.zeros((2, 3, 3)), np.array([1, 12]))
    with pytest.raises(DataFileError, match="label 12 at index 1 is out of range"):
        load_training_samples(_mnist_dataset(tmp_path), 0)
    (tmp_path / "train-images-idx3-ubyte").write_bytes((0x801).to_bytes(4, "big") + b"\0" * 8)
    with pytest.raises(DataFileError, match="wrong magic number 0x00000801 \\(an IDX labels file\\)"):
        load_training_samples(_mnist_dataset(tmp_path), 0)
    write_idx(str(tmp_path), "train", np.zeros((2, 3, 3)), np.array([1, 2]))
    with pytest.raises(ValueError, match="asks for 9 samples"):
        load_training_samples(_mnist_dataset(tmp_path, samples=9), 0)


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda file: os.symlink("/dev/zero", file), "is a character device (e.g. a link to /dev/zero), not a regular file"),
        (os.mkfifo, "is a FIFO (named pipe), not a regular file"),  # opening it would block
        (os.mkdir, "is a folder, not a regular file"),
    ],
)
def test_idx_files_that_are_not_regular_files_are_refused_unread(tmp_path, make, kind):
    write_idx(str(tmp_path), "train", np.zeros((2, 3, 3)), np.array([1, 2]))
    file = tmp_path / "train-images-idx3-ubyte"
    file.unlink()
    make(str(file))
    with pytest.raises(DataFileError, match=re.escape(f"{file}: {kind}")) as caught:
        load_training_samples(_mnist_dataset(tmp_path), 0)
    assert caught.value.problem == "not-a-file"


def test_an_idx_file_over_the_size_bound_is_refused_by_its_size(tmp_path):
    write_idx(str(tmp_path), "train", np.zeros((2, 3, 3)), np.array([1, 2]))
    file = tmp_path / "train-images-idx3-ubyte"
    os.truncate(file, MAX_DATA_FILE_BYTES + 1)  # sparse: nothing of that size is written
    with pytest.raises(DataFileError, match=f"holds {MAX_DATA_FILE_BYTES + 1} bytes, more than the {MAX_DATA_FILE_BYTES}") as caught:
        load_training_samples(_mnist_dataset(tmp_path), 0)
    assert caught.value.problem == "too-large"


def test_an_idx_header_promising_more_than_the_file_holds_is_truncated(tmp_path):
    write_idx(str(tmp_path), "train", np.zeros((2, 3, 3)), np.array([1, 2]))
    file = tmp_path / "train-images-idx3-ubyte"
    file.write_bytes((0x803).to_bytes(4, "big") + b"".join(d.to_bytes(4, "big") for d in (60000, 28, 28)) + bytes(18))
    with pytest.raises(DataFileError, match=re.escape("expected 47040016 bytes (16-byte header + 60000 × 28 × 28), found 34")):
        load_training_samples(_mnist_dataset(tmp_path), 0)


def test_a_cifar10_batch_that_is_a_fifo_is_refused_unopened(tmp_path):
    for i in range(5):
        write_cifar(str(tmp_path), f"data_batch_{i + 1}.bin", np.zeros((1, 3, 32, 32)), np.array([i]))
    os.remove(tmp_path / "data_batch_3.bin")
    os.mkfifo(tmp_path / "data_batch_3.bin")
    dataset = resolved_dataset(name="cifar10", path=str(tmp_path), batchSize=1, shape=[32, 32, 3], classes=10, samples=1)
    with pytest.raises(DataFileError, match=r"data_batch_3\.bin: is a FIFO"):
        load_training_samples(dataset, 0)


def test_the_data_file_bound_is_the_typescript_workers():
    text = (Path(__file__).resolve().parents[1] / "data" / "data-file.ts").read_text(encoding="utf-8")
    found = re.search(r"export const MAX_DATA_FILE_BYTES = ([\d_]+);", text)
    assert found is not None
    assert int(found.group(1)) == MAX_DATA_FILE_BYTES


def test_cifar10_binary_batches_are_read_as_hwc(tmp_path):
    rng = np.random.default_rng(1)
    chw = rng.integers(0, 256, (5, 3, 3, 32, 32))
    for i in range(5):
        write_cifar(str(tmp_path), f"data_batch_{i + 1}.bin", chw[i], np.array([i, 9, 0]))
    write_cifar(str(tmp_path), "test_batch.bin", chw[0, :2], np.array([3, 4]))
    dataset = resolved_dataset(name="cifar10", path=str(tmp_path), batchSize=2, shape=[32, 32, 3], classes=10, samples=7)
    train = load_training_samples(dataset, 0)
    assert train.values.shape == (7, 32, 32, 3)
    assert train.labels.tolist() == [0, 9, 0, 1, 9, 0, 2]
    assert train.values[4, 5, 6].tolist() == chw[1, 1, :, 5, 6].tolist()  # record 4 = batch 2, record 1
    assert load_test_samples(dataset, None, train).labels.tolist() == [3, 4]
    (tmp_path / "data_batch_3.bin").write_bytes(b"\0" * 100)
    with pytest.raises(DataFileError, match=r"data_batch_3\.bin: truncated"):
        load_training_samples({**dataset, "samples": None}, 0)


def test_a_train_subset_larger_than_the_training_split_is_named_with_both_sizes():
    from harness.worker.pytorch.datasets import subset_indices

    with pytest.raises(ValueError, match=r"^dataset\.trainSubset is 11, but the training split holds 10 samples"):
        subset_indices(10, 11, 0)
