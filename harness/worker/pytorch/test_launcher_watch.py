import os
import subprocess
import sys

import pytest

from harness.worker.pytorch.launcher_watch import LAUNCHER_PID_ENV, process_gone
from harness.worker.pytorch.testkit import run_worker, tiny_spec


def dead_pid() -> int:
    """A pid whose process has exited and been reaped."""
    child = subprocess.Popen([sys.executable, "-c", ""])
    child.wait()
    return child.pid


def test_process_gone():
    assert not process_gone(os.getpid())
    assert process_gone(dead_pid())


@pytest.mark.slow  # main.py as a subprocess
def test_a_worker_whose_launcher_is_gone_stops_instead_of_training_on(tmp_path):
    spec = tiny_spec(id="orphan", sam=None, steps={"warmup": 0, "measured": 1_000_000, "timeLimitSeconds": None})
    run = run_worker(spec, str(tmp_path), env={LAUNCHER_PID_ENV: str(dead_pid())}, timeout=60)
    assert run.returncode == 1
    assert "the launcher that started this run is gone; stopping" in run.stderr
