"""AE-SAM (Jiang et al., ICLR 2023, arXiv 2304.14647), as `harness/sam/ae-sam.ts`.

Every step takes the plain gradient g_t first; with ‖g_t‖² of it

    μ_t  = δ·μ_{t−1} + (1 − δ)·‖g_t‖²
    σ²_t = δ·σ²_{t−1} + (1 − δ)·(‖g_t‖² − μ_t)²
    SAM step when ‖g_t‖² ≥ μ_t + c_t·σ_t, else the base step with g_t,

c_t moving linearly from λ2 at step 1 to λ1 at step T (linear_over_run). μ_0 = σ²_0 = 0; a
non-finite ‖g_t‖² (a float16 overflow) is a base step that leaves μ and σ² alone. The same
float64 operations in the same order as the TS code, so the same ‖g_t‖² give the same decisions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

from .options import invalid_option, is_finite_real, is_positive_int
from .random_schedule import linear_over_run


@dataclass(frozen=True)
class AeSamScheduleOptions:
    """delta in (0, 1): forgetting rate of μ and σ²; lambda1, lambda2: c at the last and the first
    step (finite); total_steps ≥ 1: the run's steps (T). All required, as in the TS options."""

    kind: ClassVar[str] = "aesam"
    """The TS schedule's `kind` (AeSamScheduleOptions in ae-sam.ts)."""
    delta: float
    lambda1: float
    lambda2: float
    total_steps: int

    def __post_init__(self) -> None:
        if not is_finite_real(self.delta) or not 0 < self.delta < 1:
            raise invalid_option("schedule.delta", "a number in (0, 1)", self.delta)
        if not is_finite_real(self.lambda1):
            raise invalid_option("schedule.lambda1", "a finite number", self.lambda1)
        if not is_finite_real(self.lambda2):
            raise invalid_option("schedule.lambda2", "a finite number", self.lambda2)
        if not is_positive_int(self.total_steps):
            raise invalid_option("schedule.totalSteps", "a positive integer", self.total_steps)


@dataclass(frozen=True)
class AeSamState:
    """μ_t, σ²_t, c_t and the threshold μ_t + c_t·σ_t after a step."""

    mean: float
    variance: float
    c: float
    threshold: float


class AeSamSchedule:
    """Decides step after step which steps are SAM steps from each step's ‖g_t‖²."""

    def __init__(self, options: AeSamScheduleOptions) -> None:
        self.options = options
        self._mean = 0.0
        self._variance = 0.0
        self._decided = 0
        self._last = False
        self.state: AeSamState | None = None
        """μ, σ², c and the threshold of the last step with a finite ‖g‖²; None before one."""

    def decide(self, step: int, squared_grad_norm: float) -> bool:
        """Whether 1-based `step` is a SAM step given ‖g_t‖²; steps in order (the same step again returns its decision)."""
        if step == self._decided:
            return self._last
        if step != self._decided + 1:
            raise ValueError(f"AeSamSchedule: asked for step {step} after step {self._decided}; ask steps in order")
        self._decided = step
        self._last = math.isfinite(squared_grad_norm) and self._update(step, float(squared_grad_norm))
        return self._last

    def decision_for(self, step: int) -> bool | None:
        """The decision already taken for `step`, or None when that step has not been decided."""
        return self._last if step == self._decided else None

    def _update(self, step: int, squared: float) -> bool:
        o = self.options
        self._mean = o.delta * self._mean + (1 - o.delta) * squared  # μ_t
        deviation = squared - self._mean
        self._variance = o.delta * self._variance + (1 - o.delta) * (deviation * deviation)  # σ²_t
        c = linear_over_run(o.lambda2, o.lambda1, o.total_steps, step)  # c_t: λ2 at step 1, λ1 at step T
        threshold = self._mean + c * math.sqrt(self._variance)
        self.state = AeSamState(self._mean, self._variance, c, threshold)
        return squared >= threshold
