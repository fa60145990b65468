"""A small dynamic loss scaler for float16 training that SAM can unscale once per pass.

Why not `torch.amp.GradScaler`: it allows one `unscale_` per optimizer step, while a SAM step
unscales twice (the gradient at w, then the gradient at w + e). Composer works around that with
its `ClosureGradScaler`; this class is the explicit equivalent. Same policy as GradScaler:
multiply the loss by `loss_scale` before backward; on a non-finite gradient skip the step and
back the scale off; after `growth_interval` finite steps in a row grow it.

bfloat16 has float32's exponent range and needs no scaler (autocast alone).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from typing import Any

import torch
import torch.distributed as dist


def _check(name: str, ok: bool, rule: str, value: Any) -> None:
    if not ok:
        raise ValueError(f"DynamicLossScaler `{name}` must be {rule}; got {value!r} ({type(value).__name__})")


class DynamicLossScaler:
    """Loss scale for float16: `scale(loss)`, `unscale_and_check(params)`, `update(found_inf)`.

    One training step is: `scale(loss).backward()`, `unscale_and_check(params)` (once per
    backward pass; SAM calls it for you), then `update(found_inf)` once (SAM calls it too).

    sync_across_ranks: when torch.distributed is initialised, every rank adopts the worst verdict
    (any rank's overflow is everyone's), as Composer's ClosureGradScaler does. SAM needs this: its
    first gradient is not all-reduced, so one rank alone may overflow, and a rank that skipped
    the second pass while the others run it would leave their all-reduce waiting forever.
    """

    def __init__(
        self,
        init_scale: float = 2.0**16,
        growth_factor: float = 2.0,
        backoff_factor: float = 0.5,
        growth_interval: int = 2000,
        *,
        sync_across_ranks: bool = True,
    ) -> None:
        real = lambda v: isinstance(v, numbers.Real) and not isinstance(v, bool) and math.isfinite(v)  # noqa: E731
        _check("init_scale", real(init_scale) and init_scale > 0, "a finite number > 0", init_scale)
        _check("growth_factor", real(growth_factor) and growth_factor > 1, "a finite number > 1", growth_factor)
        _check("backoff_factor", real(backoff_factor) and 0 < backoff_factor < 1, "a number in (0, 1)", backoff_factor)
        _check(
            "growth_interval",
            isinstance(growth_interval, numbers.Integral) and not isinstance(growth_interval, bool) and growth_interval >= 1,
            "a positive integer",
            growth_interval,
        )
        self._scale = float(init_scale)
        self.growth_factor = float(growth_factor)
        self.backoff_factor = float(backoff_factor)
        self.growth_interval = int(growth_interval)
        self.sync_across_ranks = sync_across_ranks
        # Finite steps in a row since the scale last changed (GradScaler's growth tracker).
        self._growth_tracker = 0

    @property
    def loss_scale(self) -> float:
        """The factor the loss is multiplied by now (a host float: no device sync to read it)."""
        return self._scale

    def scale(self, loss: torch.Tensor) -> torch.Tensor:
        """loss · loss_scale, to call `.backward()` on; its float16 gradients then stay above underflow."""
        return loss * self._scale

    @torch.no_grad()
    def unscale_and_check(self, params: Iterable[torch.nn.Parameter]) -> bool:
        """Divides every `.grad` by loss_scale in place (g ← g / s); True when all are finite.

        Call once per backward pass. The answer is read back from the device (one sync).
        """
        grads = [p.grad for p in params if p.grad is not None]
        for g in grads:
            g.div_(self._scale)
        # Checked after dividing: with a scale below 1 the division itself may overflow.
        flags = [torch.isfinite(g).all().to(grads[0].device) for g in grads]
        finite = torch.stack(flags).all() if flags else torch.tensor(True)
        if self.sync_across_ranks and dist.is_available() and dist.is_initialized():
            # MIN over ranks of 0/1: one overflowing rank makes every rank skip.
            verdict = finite.to(torch.int32)
            if dist.get_backend() == "nccl":
                verdict = verdict.cuda()
            dist.all_reduce(verdict, op=dist.ReduceOp.MIN)
            finite = verdict.bool()
        return bool(finite.item())

    def update(self, found_inf: bool) -> None:
        """Once per training step: back off (s ← s · backoff) after an overflow, else count the
        step and grow (s ← s · growth) after growth_interval finite steps in a row."""
        if found_inf:
            self._scale *= self.backoff_factor
            self._growth_tracker = 0
            return
        self._growth_tracker += 1
        if self._growth_tracker == self.growth_interval:
            grown = self._scale * self.growth_factor
            # As GradScaler: never grow into inf.
            if math.isfinite(grown):
                self._scale = grown
            self._growth_tracker = 0

    def state_dict(self) -> dict[str, float | int]:
        """The scale and growth tracker, for checkpoints."""
        return {"scale": self._scale, "growth_tracker": self._growth_tracker}

    def load_state_dict(self, state: dict[str, float | int]) -> None:
        """Restores what `state_dict()` returned."""
        self._scale = float(state["scale"])
        self._growth_tracker = int(state["growth_tracker"])
