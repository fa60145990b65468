"""A known slowdown injected into every timed step (as the TF.js worker), so calibration and tests
can check that a regression of that size is detected. Busy-waits rather than sleeps: a real
regression costs CPU time as well as wall time, and both are measured.
"""

from __future__ import annotations

import os
import time

# The fraction by which every step is made slower (0.1 = 10 %).
INJECT_SLOWDOWN_ENV = "SAMBENCH_INJECT_SLOWDOWN"


def injected_slowdown() -> float:
    """The injected fraction, 0 when unset; a ValueError naming the variable when it is not a number ≥ 0."""
    raw = os.environ.get(INJECT_SLOWDOWN_ENV, "").strip()
    if raw == "":
        return 0.0
    try:
        fraction = float(raw)
    except ValueError:
        fraction = -1.0
    if not (fraction >= 0 and fraction != float("inf")):
        raise ValueError(f'{INJECT_SLOWDOWN_ENV} must be a number ≥ 0, the fraction by which every step is made slower (got "{raw}")')
    return fraction


def spin_for(seconds: float) -> None:
    """Keeps one core busy for `seconds`."""
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        pass
