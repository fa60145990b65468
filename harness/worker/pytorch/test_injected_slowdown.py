import time

import pytest

from harness.worker.pytorch.injected_slowdown import INJECT_SLOWDOWN_ENV, injected_slowdown, spin_for


@pytest.mark.parametrize(("raw", "expected"), [(None, 0.0), ("", 0.0), ("0", 0.0), ("0.1", 0.1), (" 2 ", 2.0)])
def test_the_fraction_is_read_from_the_environment(monkeypatch, raw, expected):
    if raw is None:
        monkeypatch.delenv(INJECT_SLOWDOWN_ENV, raising=False)
    else:
        monkeypatch.setenv(INJECT_SLOWDOWN_ENV, raw)
    assert injected_slowdown() == expected


@pytest.mark.parametrize("raw", ["-0.1", "ten", "inf", "nan"])
def test_a_bad_value_is_refused_with_the_variable_named(monkeypatch, raw):
    monkeypatch.setenv(INJECT_SLOWDOWN_ENV, raw)
    with pytest.raises(ValueError, match=f'{INJECT_SLOWDOWN_ENV} must be a number ≥ 0.*got "{raw}"'):
        injected_slowdown()


def test_spin_for_returns_no_earlier_than_asked():
    start = time.perf_counter()
    spin_for(0.005)
    assert time.perf_counter() - start >= 0.005
