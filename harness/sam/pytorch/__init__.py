"""PyTorch SAM with the options and semantics of the TF.js one (`harness/sam/README.md`).

Import it as `harness.sam.torch` with the project root on sys.path. Never put `harness/sam`
itself on sys.path: this folder is named `torch` and would shadow PyTorch.
"""

from .options import SAM_DEFAULTS, SamOptions, resolve_sam_options
from .sam import SAM, SamStepStats, StepOutcome
from .scaler import DynamicLossScaler

__all__ = ["SAM", "SAM_DEFAULTS", "DynamicLossScaler", "SamOptions", "SamStepStats", "StepOutcome", "resolve_sam_options"]
