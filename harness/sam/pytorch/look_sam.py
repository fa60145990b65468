"""LookSAM (Liu et al., CVPR 2022), as `harness/sam/look-sam.ts`.

A SAM step (every `interval`-th) keeps g_v = g_s − (g·g_s / (‖g‖² + eps))·g, the part of the SAM
gradient g_s orthogonal to the plain gradient g; each step after it applies
g_t + α·(‖g_t‖ / (‖g_v‖ + eps))·g_v instead of g_t. Norms and dot products run over every
parameter at once, in at least float32 (norms.py); eps is SAM's epsilon (a zero g or g_v gives no NaN).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from .norms import dot, global_norm, squared_global_norm
from .options import invalid_option, is_finite_real


@dataclass(frozen=True)
class LookSamOptions:
    """alpha: the weight of the reused direction, > 0 (the paper uses about 0.7)."""

    alpha: float

    def __post_init__(self) -> None:
        if not is_finite_real(self.alpha) or self.alpha <= 0:
            raise invalid_option("lookSam.alpha", "a finite number > 0", self.alpha)


@torch.no_grad()
def orthogonal_component(g: list[torch.Tensor], gs: list[torch.Tensor], epsilon: float) -> tuple[list[torch.Tensor], torch.Tensor]:
    """(g_v per tensor, ‖g_v‖) with g_v = g_s − (g·g_s / (‖g‖² + epsilon))·g; new tensors."""
    coefficient = dot(g, gs) / (squared_global_norm(g) + epsilon)
    gv = [s - coefficient * t for s, t in zip(gs, g, strict=True)]
    return gv, global_norm(gv)


@torch.no_grad()
def add_reused_direction(g: list[torch.Tensor], gv: list[torch.Tensor], gv_norm: torch.Tensor, alpha: float, epsilon: float) -> None:
    """g ← g + α·(‖g‖ / (‖g_v‖ + epsilon))·g_v, in place (the `.grad` tensors of a step between SAM steps)."""
    scale = (alpha * global_norm(g)) / (gv_norm + epsilon)
    for t, v in zip(g, gv, strict=True):
        t.add_(v * scale)
