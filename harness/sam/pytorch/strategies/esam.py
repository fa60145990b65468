"""The `esam` variant (ESAM, Du et al., ICLR 2022): SAM on every step, made cheaper two ways
(harness/sam/strategies/esam.ts is its twin; README.md's ESAM card has the equations).

SWP (beta): at the start of each step s ≥ 2, one draw u ~ U[0, 1) per parameter tensor, in parameter
order, from the run's stream 6 (context.random); the tensor takes part in the step's ascent when
u ≤ beta (all do in step 1). ‖g‖ and e = rho·g/(‖g‖ + epsilon)/beta cover the taking-part tensors
only; the others are not perturbed (every tensor is updated). If no tensor would take part, all do
(the authors' code would have no gradient to take). Steps that never reached the ascent (a float16
overflow in the first pass) still use up their draws, so the stream stays aligned with the steps.

SDS (gamma): from the per-sample losses at w and at w + e, sharpness s = l_after − l_before; with
gamma ≥ 0.99 every sample is selected, else those with s strictly above the k-th largest s,
k = floor(gamma·n): k − 1 samples without ties, as the authors' code selects them (the paper says
"the top gamma fraction"). A batch where that selects nothing is an error naming gamma and n.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import torch

from ..options import invalid_option, is_real
from ..strategy import StrategyContext, needs_interval_one

ALL_SAMPLES_FROM = 0.99
"""A gamma from which SDS keeps every sample (the authors' code)."""


def check_fraction(name: str, value: object) -> float:
    """beta or gamma: a number in (0, 1]."""
    if not is_real(value) or not 0 < value <= 1:  # type: ignore[operator]
        raise invalid_option(name, "a number in (0, 1]", value)
    return float(value)  # type: ignore[arg-type]


def select_sharpest(loss_before: torch.Tensor, loss_after: torch.Tensor, gamma: float) -> torch.Tensor:
    """SDS: a torch.bool mask of the samples whose loss increase is strictly above the floor(gamma·n)-th
    largest (gamma ≥ 0.99: all). Raises when floor(gamma·n) < 2, which never selects a sample; when every
    increase ties at the cutoff (a perturbation that moved no loss, e.g. a network whose units all died),
    the whole batch, where the authors' code would take an empty one and give NaN."""
    n = loss_before.numel()
    if gamma >= ALL_SAMPLES_FROM:
        return torch.ones(n, dtype=torch.bool, device=loss_before.device)
    k = math.floor(n * gamma)
    if k < 2:
        raise ValueError(
            f"ESAM: gamma {gamma} selects no sample of a batch of {n}: the second pass takes the samples whose loss "
            f"increase is strictly above the floor(gamma·n) = {k}-th largest, which needs floor(gamma·n) ≥ 2 "
            f"(gamma ≥ {2 / n:.6g}); give a larger gamma or batch"
        )
    sharpness = loss_after - loss_before
    keep = sharpness > torch.topk(sharpness, k).values[-1]
    return keep if bool(keep.any()) else torch.ones(n, dtype=torch.bool, device=loss_before.device)


class EsamStrategy:
    """Every step a SAM step; SWP shapes the ascent, SDS picks the second pass's samples."""

    name = "esam"
    title = "ESAM"
    syncs_first_gradient = False

    def __init__(self, beta: float, gamma: float, random: Callable[[], float]) -> None:
        self.beta = check_fraction("beta", beta)
        self.gamma = check_fraction("gamma", gamma)
        self._random = random
        self._step = 0  # the latest step asked
        self._drawn_for = 1  # steps up to this one have had their draws (step 1 has none)
        self.taking_part: list[bool] | None = None
        """Which of the latest SAM step's tensors took part in its ascent (for tests)."""

    def is_sam_step(self, step: int, squared_grad_norm: Callable[[], float] | None = None) -> bool:
        self._step = max(self._step, step)
        return True

    def _draw(self, count: int) -> list[bool]:
        # Draws of the steps since the last ascent (one per tensor each, in order); the last set decides.
        taking = [True] * count
        for _ in range(self._drawn_for, self._step):
            taking = [self._random() <= self.beta for _ in range(count)]
        self._drawn_for = max(self._drawn_for, self._step)
        return taking if any(taking) else [True] * count

    def ascent_gradient(self, grads: list[torch.Tensor], params: list[torch.Tensor]) -> list[torch.Tensor]:
        """g for the tensors that take part this step, zeros for the others."""
        self.taking_part = self._draw(len(params))
        return [g if take else torch.zeros_like(g) for g, take in zip(grads, self.taking_part, strict=True)]

    def perturbation(self, e: list[torch.Tensor], grads: list[torch.Tensor], params: list[torch.Tensor]) -> list[torch.Tensor]:
        """e / beta."""
        return [t / self.beta for t in e]

    def select_samples(self, loss_before: torch.Tensor, loss_after: torch.Tensor) -> torch.Tensor:
        return select_sharpest(loss_before, loss_after, self.gamma)


def build(variant: dict[str, Any], context: StrategyContext) -> EsamStrategy:
    """`{"kind": "esam", "beta", "gamma"}` (defaults 0.5, the authors' run.sh): at interval 1, SWP draws from context.random."""
    needs_interval_one(context.interval, "ESAM (SAM on every step)")
    return EsamStrategy(variant.get("beta", 0.5), variant.get("gamma", 0.5), context.random)
