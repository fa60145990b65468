"""What a SAM step reports: its kind, whether it was skipped, and the norms of its perturbation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import torch


@dataclass(frozen=True)
class SamStepStats:
    """Norms of one SAM step; 0-d tensors left on the device until read (reading syncs)."""

    grad_norm: torch.Tensor
    """The norm in the denominator: ‖g‖ (SAM) or ‖ |w| ⊙ g ‖ (ASAM), over all parameters at once."""
    scale: torch.Tensor
    """rho / (grad_norm + epsilon)."""
    perturbation_norm: torch.Tensor
    """‖e‖, the length of the ascent step (≈ rho for plain SAM)."""

    def as_dict(self) -> dict[str, float]:
        """The three numbers under the TF.js names (`SamStepStats` in sam-optimizer.ts), one device read."""
        grad_norm, scale, perturbation_norm = torch.stack([self.grad_norm, self.scale, self.perturbation_norm]).tolist()
        return {"gradNorm": grad_norm, "scale": scale, "perturbationNorm": perturbation_norm}


StepKind = Literal["sam", "base", "reuse"]
"""What a step did (SamStepKind in sam-optimizer.ts, the step event's kind): "sam" two passes, "base" the
plain gradient, "reuse" (LookSAM, after a SAM step) the plain gradient plus the kept g_v."""


@dataclass(frozen=True)
class StepOutcome:
    """What one finished step did."""

    step: int
    """1-based number of the step (the value of `global_step` after it)."""
    kind: StepKind
    """Its StepKind: "sam" when it was scheduled as a SAM step (two passes), else "base" or, with LookSAM, "reuse"."""
    skipped: bool
    """True when no update was applied: a float16 gradient overflowed."""
    stats: SamStepStats | None
    """The perturbation's norms when one was applied, else None."""

    @property
    def sam(self) -> bool:
        """Whether it was scheduled as a SAM step (kind "sam")."""
        return self.kind == "sam"
