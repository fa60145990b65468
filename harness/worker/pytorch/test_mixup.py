"""Label smoothing and MixUp in the PyTorch worker: the draws (pinned, the same values as
harness/worker/data/mixup.test.ts pins for the TF.js worker), the mixing, the batches, and the
training loss against the hand-computed values of harness/worker/train-loss.test.ts."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from harness.worker.pytorch.batches import TrainBatches
from harness.worker.pytorch.datasets import Samples
from harness.worker.pytorch.mixup import beta_symmetric, mix, one_hot, plan_mixup, portable_exp, portable_log
from harness.worker.pytorch.precision import Precision
from harness.worker.pytorch.stepper import PlainStepper, _per_sample_losses, train_step

PINNED = [
    (1, 1, 8, 0.2, 0.8464992772221313, [7, 5, 0, 1, 3, 2, 6, 4]),
    (1, 2, 8, 0.2, 0.04660666661439037, [5, 6, 4, 7, 3, 0, 2, 1]),
    (7, 5, 6, 1, 0.3168379962902249, [0, 1, 4, 5, 2, 3]),
    (3, 9, 4, 4, 0.8154384537150403, [1, 2, 3, 0]),
]

# Logits (2, 0, −1) of class 0 and (0, 1, 0) of class 2; see train-loss.test.ts for the formulas.
XS = np.array([[2, 0, -1], [0, 1, 0]], dtype=np.float32)
LABELS = np.array([0, 2])
PLAIN = 0.8606453667441682
SMOOTHED_ROWS = [0.3365126862229523, 1.5181113805987174]
SMOOTHED = 0.9273120334108349
MIXED_ROWS = [1.5764225670692869, 0.8931726094072241]
MIXED = 1.2347975882382554
MIXED_SMOOTHED = 1.2452142549049223
CPU = Precision("float32", torch.device("cpu"))


@pytest.mark.parametrize(("seed", "step", "rows", "alpha", "lam", "partners"), PINNED)
def test_plan_mixup_draws_what_the_tfjs_worker_draws(seed, step, rows, alpha, lam, partners):
    plan = plan_mixup(seed, step, rows, alpha)
    assert plan.lam == lam
    assert plan.partners.tolist() == partners


def test_portable_log_and_exp_agree_with_math():
    for i in range(1, 4000):
        x = i / 4000
        assert abs(portable_log(x) - math.log(x)) <= 4e-16 * max(1, abs(math.log(x)))
    for i in range(-7000, 7001):
        x = i / 10
        assert abs(portable_exp(x) - math.exp(x)) / math.exp(x) < 1e-13
    assert portable_exp(800) == math.inf
    assert portable_exp(-800) == 0


def test_beta_symmetric_takes_two_uniforms_a_try():
    draws = iter([0.9, 0.5, 0.25, 0.5])
    assert beta_symmetric(1, lambda: next(draws)) == pytest.approx(0.25 / 0.75, rel=1e-15)
    with pytest.raises(ValueError, match="alpha"):
        beta_symmetric(5, lambda: 0.5)


def test_mix_rounds_once_to_float32():
    a = np.array([[1, 2]], dtype=np.float32)
    b = np.array([[100, 200]], dtype=np.float32)
    np.testing.assert_array_equal(mix(a, b, 0.25), np.array([[75.25, 150.5]], dtype=np.float32))
    np.testing.assert_array_equal(one_hot(np.array([2, 0]), 3), [[0, 0, 1], [1, 0, 0]])


def _images() -> Samples:
    values = (np.arange(10 * 4 * 4 * 2) * 37 % 256).astype(np.uint8).reshape(10, 4, 4, 2)
    labels = np.array([0, 1, 2, 0, 1, 2, 0, 1, 2, 0])
    return Samples("cifar10", values, labels, [4, 4, 2], 3, scale=1 / 255)


def test_mixed_batches_have_soft_targets_and_shard_like_one_worker():
    single = TrainBatches(_images(), 8, seed=4, augment=True, mixup={"alpha": 0.4})
    shards = [TrainBatches(_images(), 4, seed=4, augment=True, rank=r, world_size=2, mixup={"alpha": 0.4}) for r in range(2)]
    plain = TrainBatches(_images(), 8, seed=4, augment=True)
    for step in (1, 2, 3):
        xs, ys = single.arrays(step)
        assert ys.dtype == np.float32
        assert ys.shape == (8, 3)
        np.testing.assert_allclose(ys.sum(axis=1), 1, rtol=1e-6)
        parts = [shard.arrays(step) for shard in shards]
        np.testing.assert_array_equal(xs, np.concatenate([p[0] for p in parts]))
        np.testing.assert_array_equal(ys, np.concatenate([p[1] for p in parts]))
        px, py = plain.arrays(step)
        plan = plan_mixup(4, step, 8, 0.4)
        np.testing.assert_array_equal(xs, mix(px, px[plan.partners], plan.lam))
        np.testing.assert_array_equal(ys, mix(one_hot(py, 3), one_hot(py[plan.partners], 3), plan.lam))


def _loss(x: np.ndarray, y: np.ndarray, label_smoothing: float) -> float:
    model = torch.nn.Linear(3, 3, bias=False)
    with torch.no_grad():
        model.weight.copy_(torch.eye(3))
    stepper = PlainStepper(torch.optim.SGD(model.parameters(), lr=0.0), None)
    return train_step(model, stepper, CPU, torch.from_numpy(x), torch.from_numpy(y), label_smoothing).loss.item()


def _rows(x: np.ndarray, y: np.ndarray, label_smoothing: float) -> list[float]:
    return _per_sample_losses(torch.nn.Identity(), CPU, torch.from_numpy(x), torch.from_numpy(y), label_smoothing).tolist()


def test_label_smoothing_is_cross_entropy_against_smoothed_targets():
    assert _loss(XS, LABELS, 0.0) == pytest.approx(PLAIN, rel=1e-6)
    assert _loss(XS, LABELS, 0.1) == pytest.approx(SMOOTHED, rel=1e-6)
    assert _rows(XS, LABELS, 0.1) == pytest.approx(SMOOTHED_ROWS, rel=1e-6)


def test_mixup_loss_is_the_lambda_weighted_cross_entropies():
    lam, partners = 0.25, np.array([1, 0])
    x = mix(XS, XS[partners], lam)
    y = mix(one_hot(LABELS, 3), one_hot(LABELS[partners], 3), lam)
    np.testing.assert_array_equal(x, [[0.5, 0.75, -0.25], [1.5, 0.25, -0.75]])
    assert _loss(x, y, 0.0) == pytest.approx(MIXED, rel=1e-6)
    assert _rows(x, y, 0.0) == pytest.approx(MIXED_ROWS, rel=1e-6)
    assert _loss(x, y, 0.1) == pytest.approx(MIXED_SMOOTHED, rel=1e-6)
