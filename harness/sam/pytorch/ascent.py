"""A SAM step's ascent w ← w + e, applied in place to the weights until it is undone."""

from __future__ import annotations

import torch


class Ascent:
    """The perturbation e of one SAM step, added to its parameters (call under torch.no_grad()).

    Undone by subtraction, (w + e) − e as Composer does, which may be off by an ulp; or, with
    `exact`, from a copy of w taken before the ascent: a skipped float16 step leaves w exactly as it was.
    """

    def __init__(self, params: list[torch.Tensor], e: list[torch.Tensor], *, exact: bool) -> None:
        self.params = params
        self.e = e
        self._copy = [p.detach().clone() for p in params] if exact else None
        for p, d in zip(params, e, strict=True):
            p.add_(d)  # w ← w + e

    def undo(self) -> None:
        """w ← (w + e) − e."""
        for p, e in zip(self.params, self.e, strict=True):
            p.sub_(e)

    def put_back_exactly(self) -> None:
        """w ← the copy taken before the ascent (needs `exact`)."""
        for p, w in zip(self.params, self._copy or [], strict=True):
            p.copy_(w)
