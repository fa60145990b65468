"""The random SAM schedule (RST / SS-SAM, Zhao et al. 2022), as `harness/sam/random-schedule.ts`.

Step t (1-based) is a SAM step when its uniform draw u_t < p_t, one draw per step in order;
p_t = p, or with p_final (G-RST) p + (p_final − p) · (t − 1) / (total_steps − 1) up to
total_steps and p_final after it. The same float64 operations in the same order as the TS code,
so with the same draws both pick the same steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from .options import invalid_option, is_positive_int, is_probability


def linear_over_run(first: float, last: float, total_steps: int, step: int) -> float:
    """`first` at 1-based step 1, `last` at total_steps and after, linear in between (linearOverRun
    in random-schedule.ts: G-RST's p_t, AE-SAM's c_t), with the same float64 operations in the same order."""
    if total_steps <= 1:
        return first
    if step >= total_steps:
        return last
    return first + ((last - first) * (step - 1)) / (total_steps - 1)


def sam_probability(p: float, p_final: float | None, total_steps: int, step: int) -> float:
    """p_t of 1-based `step` (samProbability in random-schedule.ts)."""
    return p if p_final is None else linear_over_run(p, p_final, total_steps, step)


@dataclass(frozen=True)
class RandomScheduleOptions:
    """p in [0, 1]; p_final None (constant p) or in [0, 1]; total_steps ≥ 1; random: draws in [0, 1), one per step."""

    kind: ClassVar[str] = "random"
    """The TS schedule's `kind` (RandomScheduleOptions in random-schedule.ts)."""
    p: float
    total_steps: int
    random: Callable[[], float]
    p_final: float | None = None

    def __post_init__(self) -> None:
        if not is_probability(self.p):
            raise invalid_option("schedule.p", "a number in [0, 1]", self.p)
        if self.p_final is not None and not is_probability(self.p_final):
            raise invalid_option("schedule.pFinal", "None or a number in [0, 1]", self.p_final)
        if not is_positive_int(self.total_steps):
            raise invalid_option("schedule.totalSteps", "a positive integer", self.total_steps)
        if not callable(self.random):
            raise invalid_option("schedule.random", "a callable returning draws in [0, 1)", self.random)


class RandomSchedule:
    """Decides step after step which steps are SAM steps; asking the same step again is free."""

    def __init__(self, options: RandomScheduleOptions) -> None:
        self.options = options
        self._drawn = 0
        self._last = False

    def is_sam_step(self, step: int) -> bool:
        if step == self._drawn:
            return self._last
        if step != self._drawn + 1:
            raise ValueError(f"RandomSchedule: asked for step {step} after step {self._drawn}; ask steps in order")
        o = self.options
        self._drawn = step
        self._last = o.random() < sam_probability(o.p, o.p_final, o.total_steps, step)
        return self._last
