"""SAM settings are checked as options.ts checks them; bad values name the setting and the value."""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import numpy as np
import pytest
import torch

from harness.sam.pytorch import (
    SAM,
    SAM_DEFAULTS,
    AeSamScheduleOptions,
    DynamicLossScaler,
    LookSamOptions,
    RandomScheduleOptions,
    resolve_sam_options,
)


def sgd() -> torch.optim.SGD:
    return torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)


def test_defaults_are_the_ts_defaults() -> None:
    assert resolve_sam_options() == SAM_DEFAULTS
    assert (SAM_DEFAULTS.rho, SAM_DEFAULTS.epsilon, SAM_DEFAULTS.interval, SAM_DEFAULTS.adaptive) == (0.05, 1e-12, 1, False)
    assert SAM_DEFAULTS.second_pass_state == "discard"
    sam = SAM(sgd())
    assert sam.options == SAM_DEFAULTS
    assert sam.global_step == 0
    assert sam.last_step is None


def test_accepts_valid_settings() -> None:
    options = SAM(sgd(), rho=0.5, epsilon=0, interval=10, adaptive=True, second_pass_state="keep").options
    assert (options.rho, options.epsilon, options.interval, options.adaptive, options.second_pass_state) == (0.5, 0.0, 10, True, "keep")
    # Value-based like Number.isSafeInteger, and numpy scalars are numbers.
    assert resolve_sam_options(interval=10.0).interval == 10
    assert resolve_sam_options(rho=np.float32(0.25), interval=np.int64(3)).interval == 3


@pytest.mark.parametrize(
    ("kwargs", "name", "shown"),
    [
        ({"rho": 0}, "rho", "0 (int)"),
        ({"rho": -0.1}, "rho", "-0.1 (float)"),
        ({"rho": math.nan}, "rho", "nan (float)"),
        ({"rho": math.inf}, "rho", "inf (float)"),
        ({"rho": "0.05"}, "rho", "'0.05' (str)"),
        ({"rho": True}, "rho", "True (bool)"),
        ({"epsilon": -1e-12}, "epsilon", "-1e-12 (float)"),
        ({"epsilon": math.inf}, "epsilon", "inf (float)"),
        ({"epsilon": None}, "epsilon", "None (NoneType)"),
        ({"interval": 0}, "interval", "0 (int)"),
        ({"interval": 2.5}, "interval", "2.5 (float)"),
        ({"interval": -3}, "interval", "-3 (int)"),
        ({"interval": True}, "interval", "True (bool)"),
        ({"interval": 2**53}, "interval", f"{2**53} (int)"),
        ({"interval": "10"}, "interval", "'10' (str)"),
        ({"adaptive": "yes"}, "adaptive", "'yes' (str)"),
        ({"adaptive": 1}, "adaptive", "1 (int)"),
        ({"second_pass_state": "both"}, "second_pass_state", "'both' (str)"),
    ],
)
def test_rejects_naming_the_setting_and_the_value(kwargs: dict[str, object], name: str, shown: str) -> None:
    with pytest.raises(ValueError, match=f"SAM option `{name}` must be .*; got {re.escape(shown)}$"):
        resolve_sam_options(**kwargs)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=f"SAM option `{name}`"):
        SAM(sgd(), **kwargs)  # type: ignore[arg-type]


def test_the_messages_read_as_in_typescript() -> None:
    message = "SAM option `interval` must be a positive integer; got 0 (int)"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        SAM(sgd(), interval=0)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: RandomScheduleOptions(p=2, total_steps=3, random=lambda: 0.0), "`schedule.p` must be a number in [0, 1]; got 2 (int)"),
        (
            lambda: RandomScheduleOptions(p=0.5, total_steps=3.0, random=lambda: 0.0),
            "`schedule.totalSteps` must be a positive integer; got 3.0 (float)",
        ),
        (
            lambda: AeSamScheduleOptions(delta=1, lambda1=-1, lambda2=1, total_steps=3),
            "`schedule.delta` must be a number in (0, 1); got 1 (int)",
        ),
        (
            lambda: AeSamScheduleOptions(delta=0.9, lambda1=-1, lambda2=1, total_steps=True),
            "`schedule.totalSteps` must be a positive integer; got True (bool)",
        ),
        (lambda: LookSamOptions(alpha=math.inf), "`lookSam.alpha` must be a finite number > 0; got inf (float)"),
        (
            lambda: SAM(
                sgd(), schedule=RandomScheduleOptions(p=0.5, total_steps=3, random=lambda: 0.0), look_sam=LookSamOptions(alpha=0.7)
            ),
            "`schedule` must be absent with lookSam (LookSAM takes SAM every `interval`-th step); got 'random' (str)",
        ),
        (
            lambda: SAM(
                sgd(), schedule=AeSamScheduleOptions(delta=0.9, lambda1=-1, lambda2=1, total_steps=3), look_sam=LookSamOptions(alpha=0.7)
            ),
            "`schedule` must be absent with lookSam (LookSAM takes SAM every `interval`-th step); got 'aesam' (str)",
        ),
        (
            lambda: SAM(sgd(), interval=2, schedule=RandomScheduleOptions(p=0.5, total_steps=3, random=lambda: 0.0)),
            "`interval` must be 1 with a random schedule (the schedule picks the SAM steps); got 2 (int)",
        ),
    ],
)
def test_the_variants_options_are_worded_as_sams(build: Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError, match=f"^SAM option {re.escape(message)}$"):
        build()


@pytest.mark.parametrize("base", [None, 0.1, object(), torch.nn.Linear(2, 1)])
def test_rejects_a_base_that_is_not_an_optimizer(base: object) -> None:
    with pytest.raises(TypeError, match=r"SAM's base optimizer must be a torch\.optim\.Optimizer"):
        SAM(base)  # type: ignore[arg-type]


def test_rejects_wrapping_a_sam_and_a_foreign_scaler() -> None:
    with pytest.raises(TypeError, match="SAM cannot wrap another SAM"):
        SAM(SAM(sgd()))
    with pytest.raises(TypeError, match="DynamicLossScaler"):
        SAM(sgd(), scaler=torch.amp.GradScaler("cpu"))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"init_scale": 0.0}, "init_scale"),
        ({"init_scale": math.inf}, "init_scale"),
        ({"growth_factor": 1.0}, "growth_factor"),
        ({"backoff_factor": 1.0}, "backoff_factor"),
        ({"backoff_factor": 0}, "backoff_factor"),
        ({"growth_interval": 0}, "growth_interval"),
        ({"growth_interval": 2.0}, "growth_interval"),
    ],
)
def test_scaler_rejects_bad_settings(kwargs: dict[str, float], name: str) -> None:
    with pytest.raises(ValueError, match=f"DynamicLossScaler `{name}` must be"):
        DynamicLossScaler(**kwargs)  # type: ignore[arg-type]
