"""Test-set evaluation in inference mode: top-1 (and top-5 above 10 classes) accuracy and mean loss."""

from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F

from harness.worker.pytorch.batches import eval_batches
from harness.worker.pytorch.datasets import Samples
from harness.worker.pytorch.precision import Precision


@torch.no_grad()
def evaluate(
    model: torch.nn.Module, test: Samples, batch_size: int, device: torch.device, channels_last: bool, precision: Precision
) -> dict[str, Any]:
    """Runs `model` (not its DDP wrapper: no collectives) over every test sample, in the run's precision."""
    with_top5 = test.classes > 10
    correct = correct5 = 0
    loss_sum = 0.0
    samples = 0
    was_training = model.training
    model.eval()
    try:
        for x, y in eval_batches(test, batch_size, device, channels_last):
            with precision.autocast():
                logits = model(x)
            logits = logits.float()
            correct += int((logits.argmax(1) == y).sum())
            if with_top5:
                correct5 += int((logits.topk(5, dim=1).indices == y[:, None]).any(1).sum())
            loss_sum += float(F.cross_entropy(logits, y, reduction="sum"))
            samples += y.shape[0]
    finally:
        model.train(was_training)
    if samples == 0:
        raise ValueError("the test set is empty")
    return {"acc": correct / samples, "top5": correct5 / samples if with_top5 else None, "loss": loss_sum / samples, "samples": samples}
