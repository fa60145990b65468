"""Times a worker's start, phase by phase, for the `env` event's `startup` (as harness/worker/startup.ts)."""

from __future__ import annotations

import os
import time


def seconds_since_process_start() -> float | None:
    """How long this process has run, from /proc (Linux); None where there is no /proc to ask."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            # Field 22, start time in clock ticks after boot; the command name (field 2) may hold spaces.
            start_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as uptime:
            up = float(uptime.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return max(0.0, up - start_ticks / os.sysconf("SC_CLK_TCK"))


class StartupClock:
    """Laps of one clock: each `lap` is the time since the previous one (the first: since the clock was made)."""

    def __init__(self) -> None:
        since_start = seconds_since_process_start()
        self._process_ms = None if since_start is None else since_start * 1000
        self._last = time.perf_counter()
        self._laps: dict[str, float] = {}

    def lap(self, phase: str) -> None:
        """Records the time since the last lap as `phase` (frameworkMs, dataMs or modelMs)."""
        now = time.perf_counter()
        self._laps[phase] = self._laps.get(phase, 0.0) + (now - self._last) * 1000
        self._last = now

    def times(self) -> dict[str, float | None]:
        """The `startup` object; a phase never lapped is 0."""
        return {"processMs": self._process_ms, **{p: self._laps.get(p, 0.0) for p in ("frameworkMs", "dataMs", "modelMs")}}
