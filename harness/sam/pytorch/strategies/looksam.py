"""The `looksam` variant (LookSAM): SAM every `interval`-th step; the steps after one reuse its g_v
(look_sam.py holds the math and the options).

Its first pass is never rank-local: a rank-local g would give every rank its own g_v, and the
replicas would drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch

from ..look_sam import LookSamOptions, add_reused_direction, orthogonal_component
from ..strategy import StrategyContext, every_interval


class LookSamStrategy:
    """Keeps g_v = g_s − (g·g_s/‖g‖²)·g of the latest SAM step; each plain step after it applies
    g_t + α·(‖g_t‖/‖g_v‖)·g_v (kind "reuse")."""

    name = "looksam"
    title = "LookSAM"
    syncs_first_gradient = True
    first_pass_refusal = (
        "SAM's first_pass_context must be None with look_sam: LookSAM keeps g_v from a SAM step's "
        "first gradient and reuses it on the steps after, so that gradient must be all-reduced "
        "(a rank-local one gives every rank its own g_v, and the replicas drift apart)"
    )

    def __init__(self, options: LookSamOptions, interval: int, epsilon: float) -> None:
        self.options = options
        self.interval = interval
        self.epsilon = epsilon
        # The parameters, g_v and ‖g_v‖ of the latest SAM step.
        self._reused: tuple[list[torch.Tensor], list[torch.Tensor], torch.Tensor] | None = None

    def is_sam_step(self, step: int, squared_grad_norm: Callable[[], float] | None = None) -> bool:
        return every_interval(step, self.interval)

    def after_sam_step(self, g: list[torch.Tensor], gs: list[torch.Tensor], params: list[torch.Tensor]) -> None:
        """g_v of this SAM step replaces the kept one."""
        gv, norm = orthogonal_component(g, gs, self.epsilon, self.options.granularity)
        self._reused = (params, gv, norm)

    @torch.no_grad()
    def plain_gradient(self, grads: list[torch.Tensor], params: list[torch.Tensor]) -> list[torch.Tensor] | None:
        """g + α·(‖g‖/‖g_v‖)·g_v after a SAM step (new tensors), None before the first."""
        if self._reused is None:
            return None
        kept, gv, norm = self._reused
        if len(params) != len(kept) or any(p is not q for p, q in zip(params, kept, strict=True)):
            raise RuntimeError("SAM (LookSAM): the gradients are not those of the parameters of the last SAM step")
        reused = [g.clone() for g in grads]
        add_reused_direction(reused, gv, norm, self.options.alpha, self.epsilon)
        return reused


def from_options(options: LookSamOptions, interval: int, epsilon: float) -> LookSamStrategy:
    """SAM's `look_sam=LookSamOptions(...)`, at SAM's interval and epsilon."""
    return LookSamStrategy(options, interval, epsilon)


def build(variant: dict[str, Any], context: StrategyContext) -> LookSamStrategy:
    """`{"kind": "looksam", "alpha", "granularity"}`; specs written before `granularity` projected globally."""
    options = LookSamOptions(alpha=variant["alpha"], granularity=variant.get("granularity", "global"))
    return from_options(options, context.interval, context.epsilon)
