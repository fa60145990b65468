"""Putting a module's buffers back after a forward pass: SAM's perturbed pass with second_pass_state "discard"."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import torch


@contextlib.contextmanager
def buffers_put_back(module: torch.nn.Module) -> Iterator[None]:
    """Every buffer the body writes (BatchNorm running mean/var, batch count) is put back on exit, even on an error."""
    saved = [(buffer, buffer.detach().clone()) for buffer in module.buffers()]
    try:
        yield
    finally:
        with torch.no_grad():
            for buffer, value in saved:
                buffer.copy_(value)
