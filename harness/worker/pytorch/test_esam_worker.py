"""An `esam` run spec in the worker: make_stepper + train_step train on the selected samples, and
main.py reports every step as a SAM step."""

from __future__ import annotations

import copy

import pytest
import torch
import torch.nn.functional as F

from harness.sam.pytorch import SAM
from harness.worker.pytorch.models import build_model
from harness.worker.pytorch.optim import base_optimizer
from harness.worker.pytorch.precision import Precision
from harness.worker.pytorch.stepper import make_stepper, train_step
from harness.worker.pytorch.testkit import run_worker, tiny_spec

CPU = torch.device("cpu")


def _esam_spec(**variant):
    return tiny_spec(
        id="tiny-mlp-esam",
        model={"batchNorm": True},
        optimizer={"name": "sgd", "learningRate": 0.1, "weightDecay": 0},
        sam={"interval": 1, "rho": 0.5, "variant": {"kind": "esam", "beta": 0.5, "gamma": 0.5, **variant}},
    )


def _setup(spec):
    model = build_model(spec["model"], spec["dataset"]["shape"], spec["dataset"]["classes"], spec["seed"])
    stepper = make_stepper(spec, base_optimizer(spec["optimizer"], model.parameters()), model, Precision("float32", CPU), None)
    torch.manual_seed(0)
    x, y = torch.randn(8, 1, 4, 4), torch.randint(0, 3, (8,))
    return model, stepper, x, y


def test_esam_steps_are_sam_steps_whose_second_pass_runs_on_the_selected_samples():
    spec = _esam_spec(beta=1)
    model, stepper, x, y = _setup(spec)
    assert isinstance(stepper, SAM)
    assert stepper.selects_samples
    # By hand: e from g at w (all tensors, beta 1); sharpness at w + e; g' of the 3 sharpest (strict cutoff).
    ref = copy.deepcopy(model)
    before = F.cross_entropy(ref(x), y, reduction="none")
    before.mean().backward()
    buffers_after_first = [b.clone() for b in ref.buffers()]
    g = [p.grad.clone() for p in ref.parameters()]
    norm = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(t) for t in g]))
    w = [p.detach().clone() for p in ref.parameters()]
    with torch.no_grad():
        for p, gi in zip(ref.parameters(), g, strict=True):
            p.add_(gi * 0.5 / (norm + 1e-12))
        sharpness = F.cross_entropy(ref(x), y, reduction="none") - before
    keep = sharpness > torch.topk(sharpness, 4).values[-1]
    assert keep.sum().item() == 3
    ref.zero_grad()
    F.cross_entropy(ref(x[keep]), y[keep]).backward()
    expected = [wi - 0.1 * p.grad for wi, p in zip(w, ref.parameters(), strict=True)]

    result = train_step(model, stepper, Precision("float32", CPU), x, y)
    assert result.kind == "sam"
    assert not result.skipped
    assert result.loss.item() == pytest.approx(before.mean().item(), rel=1e-6)
    for got, want in zip(model.parameters(), expected, strict=True):
        torch.testing.assert_close(got.detach(), want, rtol=1e-5, atol=1e-6)
    for got, want in zip(model.buffers(), buffers_after_first, strict=True):  # "discard": both passes at w + e
        torch.testing.assert_close(got, want)


def test_esam_takes_sam_on_every_step():
    model, stepper, x, y = _setup(_esam_spec())
    assert [train_step(model, stepper, Precision("float32", CPU), x, y).kind for _ in range(5)] == ["sam"] * 5


def test_a_gamma_that_selects_no_sample_fails_the_step():
    model, stepper, x, y = _setup(_esam_spec(gamma=0.2))  # floor(8 · 0.2) = 1: nothing strictly above the largest
    with pytest.raises(ValueError, match=r"gamma 0.2 selects no sample of a batch of 8"):
        train_step(model, stepper, Precision("float32", CPU), x, y)


@pytest.mark.slow
def test_esam_run_reports_a_sam_step_every_step(tmp_path):
    run = run_worker(_esam_spec(), str(tmp_path))
    assert run.returncode == 0, run.stderr
    steps = [e for e in run.events if e["type"] == "step"]
    assert len(steps) == 8
    assert {s["kind"] for s in steps} == {"sam"}
    assert run.events[-1]["type"] == "done"
