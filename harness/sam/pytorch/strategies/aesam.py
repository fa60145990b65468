"""The `aesam` variant (AE-SAM): ‖g_t‖² of each step's first gradient decides it (ae_sam.py holds the rule).

Its first pass is never rank-local: under DDP g_t is all-reduced before deciding, so every rank
decides alike.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..ae_sam import AeSamSchedule, AeSamScheduleOptions, AeSamState
from ..strategy import StrategyContext, needs_interval_one


class AeSamStrategy:
    """SAM step when ‖g_t‖² ≥ μ_t + c_t·σ_t; SAM passes ‖g_t‖² once per step, the first time it asks."""

    name = "aesam"
    title = "AE-SAM"
    decides_from_first_gradient = True
    syncs_first_gradient = True
    first_pass_refusal = (
        "SAM's first_pass_context must be None with an AE-SAM schedule: it decides from the first "
        "gradient, which must be all-reduced so that every rank decides alike"
    )

    def __init__(self, options: AeSamScheduleOptions) -> None:
        self.options = options
        self._schedule = AeSamSchedule(options)

    @property
    def state(self) -> AeSamState | None:
        """μ, σ², c and the threshold after the latest decided step with a finite ‖g‖²; None before one."""
        return self._schedule.state

    def is_sam_step(self, step: int, squared_grad_norm: Callable[[], float] | None = None) -> bool:
        decided = self._schedule.decision_for(step)
        if decided is not None:
            return decided
        if squared_grad_norm is None:
            raise ValueError(f"AE-SAM: step {step} is decided from its first gradient; pass squared_grad_norm")
        return self._schedule.decide(step, squared_grad_norm())


def from_options(options: AeSamScheduleOptions, interval: object) -> AeSamStrategy:
    """SAM's `schedule=AeSamScheduleOptions(...)`: needs interval 1."""
    needs_interval_one(interval, "an AE-SAM schedule")
    return AeSamStrategy(options)


def build(variant: dict[str, Any], context: StrategyContext) -> AeSamStrategy:
    """`{"kind": "aesam", "delta", "lambda1", "lambda2"}`: c_t from lambda2 to lambda1 over the run's steps."""
    options = AeSamScheduleOptions(
        delta=variant["delta"], lambda1=variant["lambda1"], lambda2=variant["lambda2"], total_steps=context.total_steps
    )
    return from_options(options, context.interval)
