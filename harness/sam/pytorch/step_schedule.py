"""Which steps are SAM steps: Composer's interval, the random schedule, or AE-SAM's decision.

Composer's `interval`: 1-based step n is a SAM step when n % interval == 0 (Composer's
`(global_step + 1) % interval == 0`); every step counts, SAM, plain or skipped. The random schedule
(random_schedule.py) draws once per step instead. AE-SAM (ae_sam.py) decides from ‖g‖² of the
step's first gradient, so it answers only after the first backward of the step, and the first pass
is never rank-local: under DDP g is all-reduced before deciding, so every rank decides alike.
LookSAM (look_sam.py) keeps g_v from a SAM step's first gradient and reuses it on later steps, so
its first pass is never rank-local either: a rank-local g would give every rank its own g_v, and
the replicas would drift apart.
"""

from __future__ import annotations

from collections.abc import Callable

from .ae_sam import AeSamSchedule, AeSamScheduleOptions, AeSamState
from .options import invalid_option
from .random_schedule import RandomSchedule, RandomScheduleOptions

# The schedules SAM takes (`schedule=`), each with the TS schedule's `kind`: the variants that pick
# their own SAM steps (schemas/registry/sam-variants.json; harness/worker/pytorch/test_registry.py checks it).
SCHEDULE_OPTIONS: tuple[type[RandomScheduleOptions], type[AeSamScheduleOptions]] = (RandomScheduleOptions, AeSamScheduleOptions)


def check_schedule(schedule: object, interval: object, first_pass_context: object, look_sam: object) -> None:
    """SAM's checks of `schedule` against its other arguments (`interval` as given, already checked); raises otherwise."""
    if schedule is not None and not isinstance(schedule, SCHEDULE_OPTIONS):
        raise TypeError(f"SAM's schedule must be a RandomScheduleOptions, an AeSamScheduleOptions or None; got {type(schedule).__name__}")
    named = "a random schedule" if isinstance(schedule, RandomScheduleOptions) else "an AE-SAM schedule"
    if schedule is not None and interval != 1:
        raise invalid_option("interval", f"1 with {named} (the schedule picks the SAM steps)", interval)
    check_first_pass_context(first_pass_context, schedule, look_sam)


def check_first_pass_context(first_pass_context: object, schedule: object, look_sam: object) -> None:
    """Refuses a rank-local first pass (DDP's no_sync) where a step's first gradient must be the same
    on every rank: AE-SAM decides from it, LookSAM keeps g_v from it for the steps after."""
    if first_pass_context is None:
        return
    if isinstance(schedule, AeSamScheduleOptions):
        raise ValueError(
            "SAM's first_pass_context must be None with an AE-SAM schedule: it decides from the first "
            "gradient, which must be all-reduced so that every rank decides alike"
        )
    if look_sam is not None:
        raise ValueError(
            "SAM's first_pass_context must be None with look_sam: LookSAM keeps g_v from a SAM step's "
            "first gradient and reuses it on the steps after, so that gradient must be all-reduced "
            "(a rank-local one gives every rank its own g_v, and the replicas drift apart)"
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
