"""ESAM (strategies/esam.py): the authors' float64 trajectories (fixtures/esam-reference.json), SDS's
selection and SWP's draws."""

from __future__ import annotations

import json
import os

import pytest
import torch
import torch.nn.functional as F

from harness.sam.pytorch import SAM, StrategyContext
from harness.sam.pytorch.strategies import esam
from harness.worker.pytorch.stepper import schedule_draws

FIXTURE = os.path.join(os.path.dirname(__file__), "..", "fixtures", "esam-reference.json")


def _fixture() -> dict:
    with open(FIXTURE, encoding="utf-8") as handle:
        return json.load(handle)


def _context(seed: int = 4, steps: int = 6, interval: int = 1, random=None) -> StrategyContext:
    return StrategyContext(seed=seed, total_steps=steps, interval=interval, epsilon=1e-7, random=random or schedule_draws(seed))


class _Mlp(torch.nn.Module):
    """h = tanh(x·W1 + b1), logits = h·W2 + b2, with the fixture's [in, out] kernels (parameter order W1, b1, W2, b2)."""

    def __init__(self, initial: dict) -> None:
        super().__init__()
        self.w1, self.b1, self.w2, self.b2 = (
            torch.nn.Parameter(torch.tensor(initial[k], dtype=torch.float64)) for k in ("W1", "b1", "W2", "b2")
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.tanh(x @ self.w1 + self.b1) @ self.w2 + self.b2


def _losses(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return F.cross_entropy(model(x), y, reduction="none")


@pytest.mark.parametrize("case", range(4), ids=lambda i: ["b1-g1", "b0.5-g1", "b1-g0.5", "b0.5-g0.5"][i])
def test_float64_trajectory_matches_the_authors_esam(case):
    fixture = _fixture()
    want = fixture["cases"][case]
    model = _Mlp(fixture["initial"])
    x, y = torch.tensor(fixture["x"], dtype=torch.float64), torch.tensor(fixture["y"])
    strategy = esam.build({"kind": "esam", "beta": want["beta"], "gamma": want["gamma"]}, _context(fixture["seed"], fixture["steps"]))
    sam = SAM(
        torch.optim.SGD(model.parameters(), lr=fixture["lr"]),
        rho=fixture["rho"],
        epsilon=fixture["epsilon"],
        strategy=strategy,
        module=model,
    )
    assert sam.selects_samples
    for n, step in enumerate(want["steps"], start=1):
        sam.zero_grad()
        assert sam.is_sam_step()
        loss_before = _losses(model, x, y)
        loss_before.mean().backward()
        assert sam.first_step() is not None
        assert strategy.taking_part == step["takesPart"], f"step {n}"
        with sam.second_pass():
            with torch.no_grad():
                loss_after = _losses(model, x, y)
            keep = sam.select_samples(loss_before.detach(), loss_after)
            _losses(model, x[keep], y[keep]).mean().backward()
        sam.second_step()
        assert sam.last_step.kind == "sam"
        assert torch.nonzero(keep).flatten().tolist() == step["selected"], f"step {n}"
        assert loss_before.mean().item() == pytest.approx(step["loss"], abs=1e-12)
        for got, name in zip(model.parameters(), ("W1", "b1", "W2", "b2"), strict=True):
            wanted = torch.tensor(step["weights"][name], dtype=torch.float64)
            assert torch.max(torch.abs(got.detach() - wanted)).item() <= 1e-12, f"step {n}, {name}"


def test_sds_keeps_the_samples_strictly_above_the_kth_largest_increase():
    before = torch.zeros(8, dtype=torch.float64)
    after = torch.tensor([0.1, 0.8, 0.3, 0.5, 0.2, 0.7, 0.4, 0.6], dtype=torch.float64)
    # k = floor(8·0.5) = 4: the 4th largest is 0.5; strictly above it: 0.8, 0.7, 0.6 (k − 1 samples).
    assert torch.nonzero(esam.select_sharpest(before, after, 0.5)).flatten().tolist() == [1, 5, 7]
    # floor(8·0.7) = 5 (int truncation): the 5th largest is 0.4.
    assert esam.select_sharpest(before, after, 0.7).sum().item() == 4


def test_sds_ties_at_the_cutoff_are_all_left_out():
    before = torch.zeros(6, dtype=torch.float64)
    after = torch.tensor([0.9, 0.5, 0.5, 0.5, 0.1, 0.0], dtype=torch.float64)
    # k = 3: the 3rd largest is 0.5, shared by three samples: only 0.9 is strictly above.
    assert torch.nonzero(esam.select_sharpest(before, after, 0.5)).flatten().tolist() == [0]


def test_sds_takes_every_sample_from_gamma_0_99():
    before, after = torch.zeros(5), torch.tensor([0.3, 0.1, 0.2, 0.2, 0.0])
    for gamma in (0.99, 1.0):
        assert esam.select_sharpest(before, after, gamma).all()
    assert esam.select_sharpest(before, after, 0.98).sum().item() == 3  # floor(4.9) = 4 → 3 above


@pytest.mark.parametrize(
    ("gamma", "after"),
    [
        (0.1, [0.1, 0.2, 0.3, 0.4]),  # floor(0.4) = 0
        (0.25, [0.1, 0.2, 0.3, 0.4]),  # floor(1) = 1: nothing is above the largest
    ],
)
def test_sds_that_selects_no_sample_is_an_error_naming_gamma_and_the_batch(gamma, after):
    with pytest.raises(ValueError, match=rf"gamma {gamma} selects no sample of a batch of 4"):
        esam.select_sharpest(torch.zeros(4), torch.tensor(after), gamma)


@pytest.mark.parametrize("after", [[0.2, 0.2, 0.2, 0.2], [0.3, 0.3, 0.3, 0.1]])
def test_sds_increases_that_all_tie_at_the_cutoff_take_the_whole_batch(after):
    # floor(4·0.5) = 2; nothing strictly above the cutoff (a perturbation that moved no loss): every sample.
    assert esam.select_sharpest(torch.zeros(4), torch.tensor(after), 0.5).tolist() == [True] * 4


def test_swp_draws_one_per_tensor_in_order_from_step_two():
    draws = iter([0.1, 0.7, 0.5, 0.9, 0.2, 0.6, 0.8, 0.3])
    taken: list[float] = []

    def random() -> float:
        taken.append(next(draws))
        return taken[-1]

    strategy = esam.build({"kind": "esam", "beta": 0.5, "gamma": 1}, _context(random=random))
    grads = [torch.ones(2), torch.ones(3), torch.ones(1), torch.ones(2)]
    strategy.is_sam_step(1)
    assert [g.sum().item() for g in strategy.ascent_gradient(grads, grads)] == [2, 3, 1, 2]
    assert taken == []  # step 1: every tensor, no draw
    strategy.is_sam_step(2)
    strategy.is_sam_step(2)  # asked twice: still one set of draws
    assert [g.sum().item() for g in strategy.ascent_gradient(grads, grads)] == [2, 0, 1, 0]  # u ≤ beta takes part
    assert taken == [0.1, 0.7, 0.5, 0.9]
    strategy.is_sam_step(3)
    strategy.ascent_gradient(grads, grads)
    assert strategy.taking_part == [True, False, False, True]
    assert [e.item() for e in strategy.perturbation([torch.ones(())], grads, grads)] == [2.0]  # e / beta


def test_swp_draws_of_a_step_without_ascent_are_still_taken():
    taken: list[float] = []

    def random() -> float:
        taken.append(0.9)
        return 0.9

    strategy = esam.build({"kind": "esam", "beta": 0.5, "gamma": 1}, _context(random=random))
    grads = [torch.ones(2), torch.ones(3)]
    strategy.is_sam_step(1)
    strategy.ascent_gradient(grads, grads)
    strategy.is_sam_step(2)  # e.g. a float16 overflow: no ascent this step
    strategy.is_sam_step(3)
    strategy.ascent_gradient(grads, grads)
    assert len(taken) == 4  # steps 2 and 3, two tensors each
    assert strategy.taking_part == [True, True]  # none drew ≤ beta: all take part


@pytest.mark.parametrize(
    ("variant", "interval", "message"),
    [
        ({"beta": 0}, 1, "beta"),
        ({"beta": 1.5}, 1, "beta"),
        ({"gamma": 0}, 1, "gamma"),
        ({"gamma": True}, 1, "gamma"),
        ({}, 2, "interval"),
    ],
)
def test_build_checks_beta_gamma_and_interval(variant, interval, message):
    with pytest.raises(ValueError, match=message):
        esam.build({"kind": "esam", **variant}, _context(interval=interval))


def test_step_with_a_closure_refuses_a_sample_selecting_strategy():
    w = torch.nn.Parameter(torch.ones(2))
    sam = SAM(torch.optim.SGD([w], lr=0.1), strategy=esam.build({"kind": "esam"}, _context()))
    with pytest.raises(TypeError, match="selects the second pass's samples"):
        sam.step(lambda: w.sum())
