"""The `late` variant (late-phase SAM, Zhou et al. 2024, arXiv 2410.10373): plain steps, then SAM on
the last n = floor(fraction·T + 0.5) steps of the run's T steps (harness/sam/strategies/late.ts is its
twin: the same n, the same steps)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ..options import invalid_option, is_real
from ..strategy import StrategyContext, needs_interval_one


def late_sam_steps(fraction: float, total_steps: int) -> int:
    """How many of `total_steps` steps are SAM steps: floor(fraction·T + 0.5) in float64, as the TF.js
    twin computes it (Math.floor(f * T + 0.5)). Raises when `fraction` is outside (0, 1] or gives no SAM step."""
    if not is_real(fraction) or not 0 < fraction <= 1:
        raise invalid_option("fraction", "a number in (0, 1]", fraction)
    n = math.floor(float(fraction) * total_steps + 0.5)
    if n == 0:
        raise ValueError(
            f"SAM (late): fraction {fraction} of {total_steps} steps gives no SAM step (floor(fraction·steps + 0.5) = 0); "
            "give a larger fraction (fraction·steps at least 0.5) or more steps"
        )
    return n


class LateStrategy:
    """1-based step t is a SAM step when t > T − n: the run's last n steps, plain steps before them."""

    name = "late"
    syncs_first_gradient = False

    def __init__(self, fraction: float, total_steps: int) -> None:
        self.fraction = fraction
        self.total_steps = total_steps
        self.sam_steps = late_sam_steps(fraction, total_steps)

    def is_sam_step(self, step: int, squared_grad_norm: Callable[[], float] | None = None) -> bool:
        return step > self.total_steps - self.sam_steps


def build(variant: dict[str, Any], context: StrategyContext) -> LateStrategy:
    """`{"kind": "late", "fraction"}`: SAM on the last fraction of the run's steps (warm-up included), at interval 1."""
    needs_interval_one(context.interval, "the late variant")
    return LateStrategy(variant["fraction"], context.total_steps)
