"""PyTorch SAM with the options and semantics of the TF.js one (`harness/sam/README.md`).

Import it as `harness.sam.pytorch`; the project root is the import root (pyproject.toml).
"""

from .ae_sam import AeSamSchedule, AeSamScheduleOptions, AeSamState
from .look_sam import LookSamGranularity, LookSamOptions
from .options import SAM_DEFAULTS, SamOptions, resolve_sam_options
from .random_schedule import RandomSchedule, RandomScheduleOptions, linear_over_run, sam_probability
from .sam import SAM
from .scaler import DynamicLossScaler
from .step_outcome import SamStepStats, StepKind, StepOutcome
from .strategy import SamStrategy, StrategyContext, StrategyFactory

__all__ = [
    "SAM",
    "SAM_DEFAULTS",
    "AeSamSchedule",
    "AeSamScheduleOptions",
    "AeSamState",
    "DynamicLossScaler",
    "LookSamGranularity",
    "LookSamOptions",
    "RandomSchedule",
    "RandomScheduleOptions",
    "SamOptions",
    "SamStepStats",
    "SamStrategy",
    "StepKind",
    "StepOutcome",
    "StrategyContext",
    "StrategyFactory",
    "linear_over_run",
    "resolve_sam_options",
    "sam_probability",
]
