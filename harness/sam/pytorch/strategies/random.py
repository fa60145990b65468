"""The `random` variant (RST / G-RST): one draw per step decides it (random_schedule.py holds the rule)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..random_schedule import RandomSchedule, RandomScheduleOptions
from ..strategy import StrategyContext, needs_interval_one


class RandomStrategy:
    """Step t is a SAM step when its draw u_t < p_t; steps asked in order, each drawn once."""

    name = "random"
    syncs_first_gradient = False

    def __init__(self, options: RandomScheduleOptions) -> None:
        self.options = options
        self._schedule = RandomSchedule(options)

    def is_sam_step(self, step: int, squared_grad_norm: Callable[[], float] | None = None) -> bool:
        return self._schedule.is_sam_step(step)


def from_options(options: RandomScheduleOptions, interval: object) -> RandomStrategy:
    """SAM's `schedule=RandomScheduleOptions(...)`: needs interval 1."""
    needs_interval_one(interval, "a random schedule")
    return RandomStrategy(options)


def build(variant: dict[str, Any], context: StrategyContext) -> RandomStrategy:
    """`{"kind": "random", "p", "pFinal"}`: p_t over the run's steps, drawn from context.random (the seed's stream 6)."""
    options = RandomScheduleOptions(p=variant["p"], p_final=variant["pFinal"], total_steps=context.total_steps, random=context.random)
    return from_options(options, context.interval)
