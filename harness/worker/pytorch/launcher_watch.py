"""A worker started by the launcher stops when the launcher is gone (killed with -9, crashed), as
the TF.js worker does: a daemon thread checks the launcher's pid every second. Opt-in through
SAMBENCH_LAUNCHER_PID, so a worker run by hand or by a batch system is left alone. The fallback
only: the launcher's guard (harness/launch/reaper.py) has the kernel stop the worker at once.
"""

from __future__ import annotations

import os
import sys
import threading
import time

# The pid of the launcher that started this worker (set by the launcher only).
LAUNCHER_PID_ENV = "SAMBENCH_LAUNCHER_PID"
CHECK_EVERY_S = 1.0


def process_gone(pid: int) -> bool:
    """Whether no process `pid` exists any more (signal 0 only checks)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # it exists, but belongs to someone else
        return False
    return False


def watch_launcher() -> None:
    """Exits this process (code 1) once the launcher named in the environment has exited; does nothing without one."""
    raw = os.environ.get(LAUNCHER_PID_ENV, "")
    if not raw.isdigit() or int(raw) <= 0:
        return
    pid = int(raw)

    def watch() -> None:
        while not process_gone(pid):
            time.sleep(CHECK_EVERY_S)
        print("sambench worker: the launcher that started this run is gone; stopping", file=sys.stderr, flush=True)
        os._exit(1)  # no cleanup to wait for: nobody reads the results any more

    threading.Thread(target=watch, name="sambench-launcher-watch", daemon=True).start()
