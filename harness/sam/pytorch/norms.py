"""Global norms and dot products over several tensors at once (every parameter of a model), for SAM and its variants.

Each reduces in at least float32: float16 gradients of a .half() model would overflow a sum of
squares (a float16 above 65504 is inf). float32 and float64 tensors are reduced in their own dtype.
The result lies on the first tensor's device. Two norms, which differ in float rounding only:
Composer's norm of per-tensor norms (SAM's perturbation), and the square root of the summed squares
(the TS side's globalNorm, which LookSAM uses in both frameworks).
"""

from __future__ import annotations

import functools

import torch


def _reduction_dtype(tensors: list[torch.Tensor]) -> torch.dtype:
    return functools.reduce(torch.promote_types, (t.dtype for t in tensors), torch.float32)


def norm_of_norms(tensors: list[torch.Tensor]) -> torch.Tensor:
    """‖(t₁, …, tₙ)‖₂ = ‖(‖t₁‖₂, …, ‖tₙ‖₂)‖₂, the norm of the per-tensor norms as Composer computes it (SAM's ‖g‖ and ‖e‖)."""
    dtype, device = _reduction_dtype(tensors), tensors[0].device
    return torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(t, dtype=dtype).to(device) for t in tensors]))


def dot(a: list[torch.Tensor], b: list[torch.Tensor]) -> torch.Tensor:
    """a·b = Σᵢ sum(aᵢ ⊙ bᵢ) over pairs of tensors (LookSAM's g·g_s)."""
    dtype, device = _reduction_dtype(a + b), a[0].device
    return torch.stack([torch.sum(x.to(dtype) * y.to(dtype)).to(device) for x, y in zip(a, b, strict=True)]).sum()


def squared_global_norm(tensors: list[torch.Tensor]) -> torch.Tensor:
    """‖(t₁, …, tₙ)‖², the sum of every tensor's sum of squares (squaredGlobalNorm in look-sam.ts; AE-SAM's ‖g‖²)."""
    return dot(tensors, tensors)


def global_norm(tensors: list[torch.Tensor]) -> torch.Tensor:
    """‖(t₁, …, tₙ)‖ = √(squared_global_norm) (globalNorm in look-sam.ts: LookSAM's ‖g‖ and ‖g_v‖)."""
    return torch.sqrt(squared_global_norm(tensors))
