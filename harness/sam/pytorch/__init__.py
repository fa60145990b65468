"""PyTorch SAM with the options and semantics of the TF.js one (`harness/sam/README.md`).

Import it as `harness.sam.pytorch`; the project root is the import root (pyproject.toml).
"""

from .look_sam import LookSamOptions
from .options import SAM_DEFAULTS, SamOptions, resolve_sam_options
from .random_schedule import RandomSchedule, RandomScheduleOptions, sam_probability
from .sam import SAM, SamStepStats, StepOutcome
from .scaler import DynamicLossScaler

__all__ = [
    "SAM",
    "SAM_DEFAULTS",
    "DynamicLossScaler",
    "LookSamOptions",
    "RandomSchedule",
    "RandomScheduleOptions",
    "SamOptions",
    "SamStepStats",
    "StepOutcome",
    "resolve_sam_options",
    "sam_probability",
]
