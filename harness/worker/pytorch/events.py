"""The worker's only channel to the launcher: one JSON line per event (schemas/events.schema.json).

Every number of every event passes `EventSink.emit`, so a NaN or an infinity anywhere (a training
or evaluation loss, an accuracy, a time) takes the one road a divergence takes: NonFiniteValueError,
which main.py reports as an `error` event with reason `nan` (exit code 3). The TF.js twin is emit.ts.

`EventSink.claim_stdout()` moves stdout aside first: the events go to a private duplicate of
file descriptor 1, and fd 1 itself (Python's print, C libraries, torch's own messages) is
pointed at stderr, so nothing but events can ever reach the launcher's pipe.
"""

from __future__ import annotations

import functools
import json
import math
import os
import sys
from typing import Any, TextIO

# Words for an event's fields in the message: "training loss is nan at step 3".
_SUBJECT = {"step": "training", "eval": "evaluation"}


class NonFiniteValueError(Exception):
    """A NaN or infinite value in an event: the run fails with reason "nan"."""

    def __init__(self, event: dict[str, Any], fields: list[tuple[str, float]]) -> None:
        step = event.get("i") if event.get("type") == "step" else event.get("step") if event.get("type") == "eval" else None
        values = ", ".join(f"{path} is {_js_number(value)}" for path, value in fields)
        subject = _SUBJECT.get(event.get("type", ""), f"{event.get('type')} event")
        super().__init__(f"{subject} {values}" + ("" if step is None else f" at step {step}"))
        self.step: int | None = step


def _js_number(value: float) -> str:
    """NaN, Infinity, -Infinity: the words the TF.js worker's messages use."""
    return "NaN" if math.isnan(value) else "Infinity" if value > 0 else "-Infinity"


def non_finite_values(value: Any, path: str = "") -> list[tuple[str, float]]:
    """Every NaN or infinite float in `value` as (path, value), nested dicts and lists included."""
    if isinstance(value, float):
        return [] if math.isfinite(value) else [(path, value)]
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list | tuple) else ()
    return [found for key, item in items for found in non_finite_values(item, f"{path}/{key}" if path else str(key))]


def _nulled(value: Any) -> Any:
    """`value` with every NaN or infinite float replaced by None (what JSON can say)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _nulled(item) for key, item in value.items()}
    return [_nulled(item) for item in value] if isinstance(value, list | tuple) else value


@functools.cache
def _event_checker() -> Any:
    from harness.worker.pytorch.contracts import load_schema, validator

    return validator(load_schema("events.schema.json"))


class EventSink:
    """Writes events as JSON lines; a sink with `enabled=False` (ranks other than 0) drops them."""

    def __init__(self, stream: TextIO | None = None, enabled: bool = True) -> None:
        self._stream = stream
        self.enabled = enabled

    @classmethod
    def claim_stdout(cls, enabled: bool = True) -> EventSink:
        """A sink on the process's real stdout, after sending every other stdout write to stderr."""
        sys.stdout.flush()
        events_fd = os.dup(1)
        os.dup2(2, 1)
        sys.stdout = sys.stderr  # Python-level prints too, whatever buffer they sit in
        return cls(os.fdopen(events_fd, "w", buffering=1, encoding="utf-8"), enabled)

    def emit(self, event: dict[str, Any]) -> None:
        """Writes one event; raises NonFiniteValueError after a NaN or an infinity, on every rank
        (a disabled sink checks too, so all ranks of a data-parallel run stop together)."""
        bad = non_finite_values(event)
        if bad:
            # JSON has no NaN. Where the schema lets the value be null (a step's loss), the event is
            # still written with null there, so the launcher keeps the step that diverged.
            nulled = _nulled(event)
            if _event_checker().is_valid(nulled):
                self._write(nulled)
            raise NonFiniteValueError(event, bad)
        self._write(event)

    def _write(self, event: dict[str, Any]) -> None:
        if not self.enabled or self._stream is None:
            return
        self._stream.write(json.dumps(event, separators=(",", ":"), allow_nan=False) + "\n")
        self._stream.flush()
