"""Optimizer side: LR schedules (as schedule.test.ts), SAM wiring in a step, weight decay, float16 skips."""

from __future__ import annotations

import copy

import pytest
import torch
import torch.nn.functional as F

from harness.sam.pytorch import SAM, DynamicLossScaler
from harness.worker.pytorch.models import build_model
from harness.worker.pytorch.optim import base_optimizer, learning_rate_at, set_learning_rate
from harness.worker.pytorch.precision import Precision
from harness.worker.pytorch.stepper import PlainStepper, make_stepper, train_step
from harness.worker.pytorch.testkit import tiny_spec

CPU = torch.device("cpu")


def test_schedules_match_the_typescript_worker():
    assert [learning_rate_at({"kind": "constant"}, 0.1, s, 100) for s in (1, 50, 100)] == [0.1, 0.1, 0.1]
    step = {"kind": "step", "milestones": [10, 20], "gamma": 0.5}
    assert [learning_rate_at(step, 0.8, s, 30) for s in (1, 10, 11, 20, 21, 30)] == [0.8, 0.8, 0.4, 0.4, 0.2, 0.2]
    cosine = {"kind": "cosine", "warmupSteps": 4}
    assert [learning_rate_at(cosine, 1, s, 14) for s in (1, 2, 4)] == [0.25, 0.5, 1]
    assert learning_rate_at(cosine, 1, 5, 14) == pytest.approx(1, abs=1e-12)
    assert learning_rate_at(cosine, 1, 9.5, 14) == pytest.approx(0.5, abs=1e-12)
    assert learning_rate_at(cosine, 1, 14, 14) == pytest.approx(0, abs=1e-12)


@pytest.mark.parametrize("name", ["sgd", "momentum", "adam", "rmsprop"])
def test_set_learning_rate_scales_the_first_update(name):
    def moved(rate: float) -> float:
        w = torch.nn.Parameter(torch.ones(()))
        opt = base_optimizer({"name": name, "learningRate": 0.1, "momentum": 0.9, "nesterov": True, "weightDecay": 0}, [w])
        set_learning_rate(opt, rate)
        w.grad = torch.ones(())
        opt.step()
        return 1 - w.item()

    assert moved(0.001) == pytest.approx(moved(0.1) / 100, rel=1e-4)


def _setup(spec, precision="float32"):
    model = build_model(spec["model"], spec["dataset"]["shape"], spec["dataset"]["classes"], spec["seed"])
    prec = Precision(precision, CPU)
    stepper = make_stepper(spec, base_optimizer(spec["optimizer"], model.parameters()), model, prec, None)
    torch.manual_seed(0)
    x, y = torch.randn(8, 1, 4, 4), torch.randint(0, 3, (8,))
    return model, prec, stepper, x, y


def test_sam_step_applies_decay_at_the_unperturbed_weights_and_discards_second_pass_statistics():
    spec = tiny_spec(
        model={"batchNorm": True}, optimizer={"name": "sgd", "learningRate": 0.1, "weightDecay": 0.01}, sam={"interval": 1, "rho": 0.5}
    )
    model, prec, stepper, x, y = _setup(spec)
    assert isinstance(stepper, SAM)
    # Expected by hand: g' at w + e (e from g at w), then w ← w − lr · (g' + wd · w).
    ref = copy.deepcopy(model)
    F.cross_entropy(ref(x), y).backward()
    g = [p.grad.clone() for p in ref.parameters()]
    stats_after_first = [b.clone() for b in ref.buffers()]
    norm = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(t) for t in g]))
    w = [p.detach().clone() for p in ref.parameters()]
    probe = copy.deepcopy(ref)
    with torch.no_grad():
        for p, gi in zip(probe.parameters(), g, strict=True):
            p.add_(gi * 0.5 / (norm + 1e-12))
    probe.zero_grad()
    F.cross_entropy(probe(x), y).backward()
    expected = [wi - 0.1 * (p.grad + 0.01 * wi) for wi, p in zip(w, probe.parameters(), strict=True)]

    result = train_step(model, stepper, prec, x, y)
    assert result.kind == "sam"
    assert not result.skipped
    assert result.first_grad_norm.item() == pytest.approx(norm.item(), rel=1e-6)
    for got, want in zip(model.parameters(), expected, strict=True):
        torch.testing.assert_close(got.detach(), want, rtol=1e-5, atol=1e-6)
    for got, want in zip(model.buffers(), stats_after_first, strict=True):  # the first pass's BatchNorm statistics only
        torch.testing.assert_close(got, want)


def test_sam_interval_two_alternates_base_and_sam_steps():
    model, prec, stepper, x, y = _setup(tiny_spec())
    assert [train_step(model, stepper, prec, x, y).kind for _ in range(4)] == ["base", "sam", "base", "sam"]


def test_float16_overflow_skips_the_update_and_leaves_the_weights():
    spec = tiny_spec(sam=None)
    model, prec, stepper, x, y = _setup(spec, "mixed-float16")
    assert isinstance(stepper, PlainStepper)
    assert stepper.scaler is not None
    stepper.scaler = DynamicLossScaler(init_scale=1e38)  # float16 gradients of loss · 1e38 overflow
    before = [p.detach().clone() for p in model.parameters()]
    result = train_step(model, stepper, prec, x, y)
    assert result.skipped
    assert stepper.scaler.loss_scale == 5e37
    assert all(torch.equal(a, b) for a, b in zip(before, model.parameters(), strict=True))
    # SAM, both passes under the scaler: the overflow is found in the first pass, nothing perturbed.
    model, prec, sam, x, y = _setup(tiny_spec(sam={"interval": 1}), "mixed-float16")
    sam.scaler = DynamicLossScaler(init_scale=1e38)
    before = [p.detach().clone() for p in model.parameters()]
    result = train_step(model, sam, prec, x, y)
    assert result.kind == "sam"
    assert result.skipped
    assert all(torch.equal(a, b) for a, b in zip(before, model.parameters(), strict=True))
