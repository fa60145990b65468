"""SAM settings: the defaults and checks of `harness/sam/options.ts`, for the PyTorch SAM.

Defaults are Composer's (its `SAMOptimizer`). Every setting is checked before an optimizer
is built; an invalid one raises a ValueError that names the setting and the value it got, worded
as the TypeScript RangeError is. The checks and that error are shared with the options of the
variants (random_schedule.py, ae_sam.py, look_sam.py).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any, Literal

SecondPassState = Literal["discard", "keep"]

# Number.isSafeInteger's bound: the TS side accepts no larger interval.
_MAX_SAFE_INTEGER = 2**53 - 1


@dataclass(frozen=True)
class SamOptions:
    """SAM settings with every default filled in and every value checked.

    rho: radius of the ascent step, > 0. epsilon: added to the norm in rho / (‖g‖ + epsilon), ≥ 0.
    interval: SAM on 1-based steps interval, 2·interval, …; the base optimizer alone on the others.
    adaptive: ASAM (davda54), scale the ascent by |w|. second_pass_state: "discard" undoes the
    buffer writes (BatchNorm running stats) of the perturbed pass, "keep" lets them stay.
    """

    rho: float = 0.05
    epsilon: float = 1e-12
    interval: int = 1
    adaptive: bool = False
    second_pass_state: SecondPassState = "discard"


SAM_DEFAULTS = SamOptions()


def invalid_option(name: str, rule: str, value: Any) -> ValueError:
    """The error for SAM option `name` (its TS name, dotted: `schedule.p`) that breaks `rule`, naming the value received."""
    return ValueError(f"SAM option `{name}` must be {rule}; got {value!r} ({type(value).__name__})")


def is_real(value: Any) -> bool:
    """A number as the TS checks take one: any real (numpy scalars too) but not a bool, which is an int in Python only."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def is_finite_real(value: Any) -> bool:
    """A finite number (is_real, neither NaN nor ±inf)."""
    return is_real(value) and math.isfinite(value)


def is_probability(value: Any) -> bool:
    """A number in [0, 1]."""
    return is_finite_real(value) and 0 <= value <= 1


def is_positive_int(value: Any) -> bool:
    """An int ≥ 1, by type (a schedule's totalSteps); `interval` is checked by value, as Number.isSafeInteger."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def resolve_sam_options(
    rho: Any = SAM_DEFAULTS.rho,
    epsilon: Any = SAM_DEFAULTS.epsilon,
    interval: Any = SAM_DEFAULTS.interval,
    adaptive: Any = SAM_DEFAULTS.adaptive,
    second_pass_state: Any = SAM_DEFAULTS.second_pass_state,
) -> SamOptions:
    """Checks every setting as options.ts does and returns them; raises ValueError otherwise."""
    if not is_finite_real(rho) or rho <= 0:
        raise invalid_option("rho", "a finite number > 0", rho)
    if not is_finite_real(epsilon) or epsilon < 0:
        raise invalid_option("epsilon", "a finite number ≥ 0", epsilon)
    # Value-based like Number.isSafeInteger: 10 and 10.0 are the same number in TS.
    if not is_finite_real(interval) or interval != int(interval) or not 1 <= interval <= _MAX_SAFE_INTEGER:
        raise invalid_option("interval", "a positive integer", interval)
    if not isinstance(adaptive, bool):
        raise invalid_option("adaptive", "True or False", adaptive)
    if not isinstance(second_pass_state, str) or second_pass_state not in ("discard", "keep"):
        raise invalid_option("second_pass_state", '"discard" or "keep"', second_pass_state)
    return SamOptions(float(rho), float(epsilon), int(interval), adaptive, second_pass_state)
