"""The worker's startup clock: its process age from /proc and its laps."""

from __future__ import annotations

import sys
import time

import pytest

from harness.worker.pytorch.startup import StartupClock, seconds_since_process_start


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/stat is Linux's")
def test_the_process_age_is_positive_and_no_older_than_the_machine():
    age = seconds_since_process_start()
    assert age is not None
    with open("/proc/uptime", encoding="ascii") as uptime:
        machine = float(uptime.read().split()[0])
    # pytest imported and collected before this ran: this process is not brand new.
    assert 0 < age <= machine


def test_laps_add_up_per_phase_and_unlapped_phases_are_zero():
    clock = StartupClock()
    time.sleep(0.01)
    clock.lap("frameworkMs")
    time.sleep(0.01)
    clock.lap("dataMs")
    time.sleep(0.01)
    clock.lap("dataMs")
    times = clock.times()
    assert set(times) == {"processMs", "frameworkMs", "dataMs", "modelMs"}
    assert times["frameworkMs"] >= 10
    assert times["dataMs"] >= 20
    assert times["modelMs"] == 0
