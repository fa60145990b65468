"""The random SAM schedule (RST / G-RST): hand-checked draws, the run seed's stream as the worker
takes it (the same steps as harness/sam/random-schedule.test.ts), and SAM following it."""

from __future__ import annotations

import pytest
import torch

from harness.sam.pytorch import SAM, RandomSchedule, RandomScheduleOptions, sam_probability
from harness.sam.pytorch.reference import ReferenceMLP
from harness.worker.pytorch.stepper import sam_schedule, schedule_draws
from harness.worker.pytorch.testkit import TINY_SPEC


def draws(values: list[float]):
    it = iter(values)
    return lambda: next(it)


def sam_steps(options: RandomScheduleOptions, n: int) -> list[int]:
    schedule = RandomSchedule(options)
    return [t for t in range(1, n + 1) if schedule.is_sam_step(t)]


def test_constant_p_takes_sam_when_the_draw_is_below_p() -> None:
    # 0.3 is not below 0.3
    assert sam_steps(RandomScheduleOptions(p=0.3, total_steps=5, random=draws([0.5, 0.1, 0.29, 0.3, 0.95])), 5) == [2, 3]


def test_grst_grows_p_linearly_to_p_final() -> None:
    assert [sam_probability(0, 1, 5, t) for t in range(1, 7)] == [0, 0.25, 0.5, 0.75, 1, 1]
    options = RandomScheduleOptions(p=0, p_final=1, total_steps=5, random=draws([0, 0.2, 0.6, 0.7, 0.99]))
    assert sam_steps(options, 5) == [2, 4, 5]


def test_same_step_twice_draws_once_and_skipping_is_refused() -> None:
    schedule = RandomSchedule(RandomScheduleOptions(p=0.5, total_steps=3, random=draws([0.1, 0.9])))
    assert schedule.is_sam_step(1)
    assert schedule.is_sam_step(1)
    assert not schedule.is_sam_step(2)
    with pytest.raises(ValueError, match="asked for step 4 after step 2"):
        schedule.is_sam_step(4)


def spec(p: float, p_final: float | None) -> dict:
    return {
        **TINY_SPEC,
        "seed": 0,
        "steps": {"warmup": 0, "measured": 16, "timeLimitSeconds": None},
        "sam": {**TINY_SPEC["sam"], "interval": 1, "variant": {"kind": "random", "p": p, "pFinal": p_final}},
    }


@pytest.mark.parametrize(
    ("p", "p_final", "expected"),
    [(0.25, None, [1, 4, 6, 13]), (0, 1, [4, 6, 11, 12, 13, 14, 15, 16])],
)
def test_the_run_seed_picks_the_same_steps_as_the_tfjs_worker(p: float, p_final: float | None, expected: list[int]) -> None:
    options = sam_schedule(spec(p, p_final))
    assert isinstance(options, RandomScheduleOptions)
    assert options.total_steps == 16
    assert sam_steps(options, 16) == expected


def test_an_interval_spec_has_no_random_schedule() -> None:
    assert sam_schedule(TINY_SPEC) is None


def test_the_seed_stream_is_mulberry32_of_stream_6() -> None:
    first = schedule_draws(0)
    assert [round(first(), 4) for _ in range(4)] == [0.1102, 0.8652, 0.3957, 0.0208]


def test_sam_takes_two_passes_exactly_on_the_scheduled_steps() -> None:
    model = ReferenceMLP(torch.float32)
    options = RandomScheduleOptions(p=0.3, total_steps=5, random=draws([0.5, 0.1, 0.29, 0.3, 0.95]))
    sam = SAM(torch.optim.SGD(model.parameters(), lr=0.1), schedule=options)

    def closure() -> torch.Tensor:
        sam.zero_grad()
        loss = model.loss()
        loss.backward()
        return loss

    taken = []
    for _ in range(5):
        scheduled = sam.is_sam_step()
        assert sam.is_sam_step() == scheduled  # asking again draws nothing
        sam.step(closure)
        assert sam.last_step.sam == scheduled
        assert (sam.last_step.stats is not None) == scheduled
        taken.append(scheduled)
    assert [t for t, s in enumerate(taken, 1) if s] == [2, 3]


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"p": 1.5}, "schedule.p"),
        ({"p": True}, "schedule.p"),
        ({"p_final": -1}, "schedule.pFinal"),
        ({"total_steps": 0}, "schedule.totalSteps"),
    ],
)
def test_rejects_bad_schedule_options(kwargs: dict, name: str) -> None:
    with pytest.raises(ValueError, match=f"`{name}`"):
        RandomScheduleOptions(**{"p": 0.5, "total_steps": 10, "random": lambda: 0.0, **kwargs})


def test_needs_interval_1() -> None:
    model = ReferenceMLP(torch.float32)
    with pytest.raises(ValueError, match="`interval` must be 1 with a random schedule"):
        SAM(
            torch.optim.SGD(model.parameters(), lr=0.1),
            interval=2,
            schedule=RandomScheduleOptions(p=0.5, total_steps=3, random=lambda: 0.0),
        )
