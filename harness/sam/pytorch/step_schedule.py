"""Which steps are SAM steps: Composer's interval, the random schedule, or AE-SAM's decision.

Composer's `interval`: 1-based step n is a SAM step when n % interval == 0 (Composer's
`(global_step + 1) % interval == 0`); every step counts, SAM, plain or skipped. The random schedule
(random_schedule.py) draws once per step instead. AE-SAM (ae_sam.py) decides from ‖g‖² of the
step's first gradient, so it answers only after the first backward of the step, and the first pass
is never rank-local: under DDP g is all-reduced before deciding, so every rank decides alike.
"""

from __future__ import annotations

from collections.abc import Callable

from .ae_sam import AeSamSchedule, AeSamScheduleOptions, AeSamState
from .options import invalid_option
from .random_schedule import RandomSchedule, RandomScheduleOptions


def check_schedule(schedule: object, interval: object, first_pass_context: object) -> None:
    """SAM's checks of `schedule` against its other arguments (`interval` as given, already checked); raises otherwise."""
    if schedule is not None and not isinstance(schedule, (RandomScheduleOptions, AeSamScheduleOptions)):
        raise TypeError(f"SAM's schedule must be a RandomScheduleOptions, an AeSamScheduleOptions or None; got {type(schedule).__name__}")
    named = "a random schedule" if isinstance(schedule, RandomScheduleOptions) else "an AE-SAM schedule"
    if schedule is not None and interval != 1:
        raise invalid_option("interval", f"1 with {named} (the schedule picks the SAM steps)", interval)
    if isinstance(schedule, AeSamScheduleOptions) and first_pass_context is not None:
        raise ValueError(
            "SAM's first_pass_context must be None with an AE-SAM schedule: it decides from the first "
            "gradient, which must be all-reduced so that every rank decides alike"
        )


class StepSchedule:
    """The SAM steps of a run, asked step after step; asking the same step again gives the same answer."""

    def __init__(self, interval: int, schedule: RandomScheduleOptions | AeSamScheduleOptions | None) -> None:
        self.interval = interval
        self._random = RandomSchedule(schedule) if isinstance(schedule, RandomScheduleOptions) else None
        self._ae_sam = AeSamSchedule(schedule) if isinstance(schedule, AeSamScheduleOptions) else None

    @property
    def from_first_gradient(self) -> bool:
        """Whether a step is decided from its first gradient (AE-SAM): its first pass runs before asking."""
        return self._ae_sam is not None

    @property
    def ae_sam_state(self) -> AeSamState | None:
        """AE-SAM's μ, σ², c and threshold after the latest decided step (None before one, and for other schedules)."""
        return self._ae_sam.state if self._ae_sam is not None else None

    def is_sam_step(self, step: int, squared_grad_norm: Callable[[], float]) -> bool:
        """Whether 1-based `step` is a SAM step: step % interval == 0, or with a random schedule that
        step's draw, or with AE-SAM the decision from `squared_grad_norm()` (‖g‖² of the step's first
        gradient), which is called once per step, the first time that step is asked."""
        if self._random is not None:
            return self._random.is_sam_step(step)
        if self._ae_sam is not None:
            decided = self._ae_sam.decision_for(step)
            return decided if decided is not None else self._ae_sam.decide(step, squared_grad_norm())
        return step % self.interval == 0
