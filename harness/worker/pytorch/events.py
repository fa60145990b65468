"""The worker's only channel to the launcher: one JSON line per event (schemas/events.schema.json).

`EventSink.claim_stdout()` moves stdout aside first: the events go to a private duplicate of
file descriptor 1, and fd 1 itself (Python's print, C libraries, torch's own messages) is
pointed at stderr, so nothing but events can ever reach the launcher's pipe.
"""

from __future__ import annotations

import json
import math
import os
import sys
from typing import Any, TextIO


def finite_or_none(value: float) -> float | None:
    """The value, or None when it is NaN or infinite (JSON has no NaN; the schema says null)."""
    return value if math.isfinite(value) else None


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
        if not self.enabled or self._stream is None:
            return
        # allow_nan=False: a NaN that slipped through is a bug here, not a line the launcher must reject.
        self._stream.write(json.dumps(event, separators=(",", ":"), allow_nan=False) + "\n")
        self._stream.flush()
