"""Numeric precision of a run: float32, or mixed precision through torch.autocast.

- float32: no autocast. (On CUDA, PyTorch's defaults apply: cuDNN convolutions may use TF32,
  matmuls do not.)
- mixed-bfloat16: autocast to bfloat16 on the run's device; bfloat16 has float32's exponent
  range, so no loss scaling.
- mixed-float16: autocast to float16 plus the DynamicLossScaler of harness/sam/pytorch, which the
  SAM optimizer applies through both passes; a step whose gradients overflow is skipped.

Weights, optimizer state and the loss stay float32 (the logits are cast up before the loss).
"""

from __future__ import annotations

import contextlib
import copy

import torch

PRECISIONS = ("float32", "mixed-float16", "mixed-bfloat16")
_DTYPES = {"mixed-float16": torch.float16, "mixed-bfloat16": torch.bfloat16}


class Precision:
    """What a spec's `precision` means on a device: an autocast context and whether to scale losses."""

    def __init__(self, name: str, device: torch.device) -> None:
        if name not in PRECISIONS:
            raise ValueError(f'unknown precision "{name}"; expected one of {", ".join(PRECISIONS)}')
        self.name = name
        self.device = device
        self.dtype: torch.dtype | None = _DTYPES.get(name)
        if self.dtype is not None and not torch.amp.is_autocast_available(device.type):
            raise RuntimeError(
                f'precision "{name}" needs torch.autocast on "{device.type}", which this PyTorch ({torch.__version__}) does not offer'
            )

    @property
    def scales_loss(self) -> bool:
        """float16 only: its 5-bit exponent underflows small gradients without a loss scale."""
        return self.dtype is torch.float16

    def autocast(self) -> contextlib.AbstractContextManager:
        if self.dtype is None:
            return contextlib.nullcontext()
        return torch.autocast(device_type=self.device.type, dtype=self.dtype)

    def check(self, model: torch.nn.Module, example: torch.Tensor) -> None:
        """Runs one forward and backward of a copy of `model` under this precision, so an operator
        the device lacks in float16/bfloat16 fails before the run with a clear message, not
        mid-run (a copy: the probe must not move BatchNorm statistics or leave gradients)."""
        if self.dtype is None:
            return
        probe = copy.deepcopy(model)
        try:
            with self.autocast():
                out = probe(example[:2])
            out.float().sum().backward()
        except (RuntimeError, NotImplementedError) as error:
            hint = (
                ' (CPU float16 kernels are incomplete in some PyTorch builds: use "mixed-bfloat16" on CPU)'
                if self.device.type == "cpu"
                else ""
            )
            raise RuntimeError(f'precision "{self.name}" does not run on {self.device.type} with this model: {error}{hint}') from error
