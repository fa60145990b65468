"""The `interval` variant: SAM every `interval`-th step (Composer), the plain gradient on the others."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..strategy import StrategyContext, every_interval


class IntervalStrategy:
    """1-based step n is a SAM step when n % interval == 0; every step counts, SAM, plain or skipped."""

    name = "interval"
    syncs_first_gradient = False

    def __init__(self, interval: int) -> None:
        self.interval = interval

    def is_sam_step(self, step: int, squared_grad_norm: Callable[[], float] | None = None) -> bool:
        return every_interval(step, self.interval)


def build(variant: dict[str, Any], context: StrategyContext) -> IntervalStrategy:
    """`{"kind": "interval"}`: SAM every context.interval-th step."""
    return IntervalStrategy(context.interval)
