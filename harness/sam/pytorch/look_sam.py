"""LookSAM (Liu et al., CVPR 2022), as `harness/sam/look-sam.ts`.

A SAM step (every `interval`-th) keeps g_v = g_s − (g·g_s / (‖g‖² + eps))·g, the part of the SAM
gradient g_s orthogonal to the plain gradient g; each step after it applies
g_t + α·(‖g_t‖ / (‖g_v‖ + eps))·g_v instead of g_t. With granularity "global" (the default) norms and
dot products run over every parameter at once; with "tensor" each parameter tensor i has its own
g_v,i and ‖g_t,i‖ / ‖g_v,i‖ (as rollovd/LookSAM and pytorch_optimizer's LookSAM do). Either way they
reduce in at least float32 (norms.py); eps is SAM's epsilon (a zero g or g_v gives no NaN).
What LookSAM keeps between steps, and when it reuses it, is its strategy: strategies/looksam.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import torch

from .norms import dot, global_norm, squared_global_norm
from .options import invalid_option, is_finite_real

LookSamGranularity = Literal["global", "tensor"]
"""Where LookSAM projects and scales: over every parameter at once, or per parameter tensor."""

LOOK_SAM_GRANULARITIES: tuple[LookSamGranularity, ...] = ("global", "tensor")


@dataclass(frozen=True)
class LookSamOptions:
    """alpha: the weight of the reused direction, > 0 (the paper uses about 0.7). granularity: g_v and
    ‖g_t‖/‖g_v‖ over every parameter at once ("global", the default) or per parameter tensor ("tensor")."""

    alpha: float
    granularity: LookSamGranularity = "global"

    def __post_init__(self) -> None:
        if not is_finite_real(self.alpha) or self.alpha <= 0:
            raise invalid_option("lookSam.alpha", "a finite number > 0", self.alpha)
        if not isinstance(self.granularity, str) or self.granularity not in LOOK_SAM_GRANULARITIES:
            raise invalid_option("lookSam.granularity", '"global" or "tensor"', self.granularity)


def _tensor_norms(tensors: list[torch.Tensor]) -> torch.Tensor:
    # (‖t₁‖, …, ‖tₙ‖), each tensor's own norm.
    return torch.stack([global_norm([t]) for t in tensors])


@torch.no_grad()
def orthogonal_component(
    g: list[torch.Tensor], gs: list[torch.Tensor], epsilon: float, granularity: LookSamGranularity = "global"
) -> tuple[list[torch.Tensor], torch.Tensor]:
    """(g_v per tensor, ‖g_v‖) with g_v = g_s − (g·g_s / (‖g‖² + epsilon))·g; new tensors. With
    granularity "tensor", g_v,i = g_s,i − (g_i·g_s,i / (‖g_i‖² + epsilon))·g_i, and ‖g_v‖ holds one norm per tensor."""
    if granularity == "tensor":
        gv = [s - (dot([t], [s]) / (squared_global_norm([t]) + epsilon)) * t for s, t in zip(gs, g, strict=True)]
        return gv, _tensor_norms(gv)
    coefficient = dot(g, gs) / (squared_global_norm(g) + epsilon)
    gv = [s - coefficient * t for s, t in zip(gs, g, strict=True)]
    return gv, global_norm(gv)


@torch.no_grad()
def add_reused_direction(g: list[torch.Tensor], gv: list[torch.Tensor], gv_norm: torch.Tensor, alpha: float, epsilon: float) -> None:
    """g ← g + α·(‖g‖ / (‖g_v‖ + epsilon))·g_v, in place (the `.grad` tensors of a step between SAM steps);
    per tensor, g_i ← g_i + α·(‖g_i‖ / (‖g_v,i‖ + epsilon))·g_v,i, when gv_norm holds one norm per tensor (granularity "tensor")."""
    if gv_norm.dim() == 1:
        scales = (alpha * _tensor_norms(g)) / (gv_norm + epsilon)
        for i, (t, v) in enumerate(zip(g, gv, strict=True)):
            t.add_(v * scales[i])
        return
    scale = (alpha * global_norm(g)) / (gv_norm + epsilon)
    for t, v in zip(g, gv, strict=True):
        t.add_(v * scale)
