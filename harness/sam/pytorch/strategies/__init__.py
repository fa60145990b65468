"""The built-in SAM variants, one module per kind of schemas/registry/sam-variants.json, each with
`build(variant, context)` (the strategy API: ../strategy.py). A new variant is one new module here.

`from_keywords` maps SAM's older keywords (`schedule=`, `look_sam=`) onto these strategies.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from ..ae_sam import AeSamScheduleOptions
from ..look_sam import LookSamOptions
from ..options import SamOptions, invalid_option
from ..random_schedule import RandomScheduleOptions
from ..strategy import SamStrategy
from . import aesam, interval, looksam, random


def builtin_module(kind: str) -> ModuleType:
    """`harness.sam.pytorch.strategies.<kind>`, the module of built-in variant `kind` (ModuleNotFoundError otherwise)."""
    if not kind.isidentifier():
        raise ModuleNotFoundError(f'no built-in SAM variant "{kind}"')
    return importlib.import_module(f"{__name__}.{kind}")


def from_keywords(schedule: object, look_sam: object, given_interval: object, options: SamOptions) -> SamStrategy:
    """The strategy of SAM's `schedule` and `look_sam` arguments, with SAM's checked `options` and its
    `interval` argument as given (the value a refusal shows)."""
    if schedule is not None and not isinstance(schedule, RandomScheduleOptions | AeSamScheduleOptions):
        raise TypeError(f"SAM's schedule must be a RandomScheduleOptions, an AeSamScheduleOptions or None; got {type(schedule).__name__}")
    if look_sam is not None and not isinstance(look_sam, LookSamOptions):
        raise TypeError(f"SAM's look_sam must be a LookSamOptions or None; got {type(look_sam).__name__}")
    if isinstance(schedule, RandomScheduleOptions):
        strategy: SamStrategy = random.from_options(schedule, given_interval)
    elif isinstance(schedule, AeSamScheduleOptions):
        strategy = aesam.from_options(schedule, given_interval)
    elif look_sam is not None:
        return looksam.from_options(look_sam, options.interval, options.epsilon)
    else:
        return interval.IntervalStrategy(options.interval)
    if look_sam is not None:
        raise invalid_option("schedule", "absent with lookSam (LookSAM takes SAM every `interval`-th step)", schedule.kind)  # type: ignore[union-attr]
    return strategy
