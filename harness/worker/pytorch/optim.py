"""The base optimizer of a run and its learning-rate schedule (harness/worker/optimizer.ts, schedule.ts).

Weight decay is PyTorch's own `weight_decay` of the base optimizer: it adds wd · w to the
gradient inside `step()`, and SAM calls the base step only after restoring the unperturbed
weights, so w is the unperturbed weight and SAM's ascent norm is taken without the decay term —
exactly the TF.js worker's minimizeWithDecay.

TF.js' defaults are kept where PyTorch's differ, so a spec means the same in both workers:
Adam eps 1e-7; RMSProp decay 0.9, eps 1e-7 (TF.js adds eps inside the square root, PyTorch
outside; at 1e-7 the difference is immaterial).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import torch


def base_optimizer(optimizer: dict, params: Iterable[torch.nn.Parameter]) -> torch.optim.Optimizer:
    """The optimizer a spec names (`momentum` and `nesterov` only for "momentum")."""
    name = optimizer["name"]
    lr = float(optimizer["learningRate"])
    wd = optimizer["weightDecay"]
    if name == "sgd":
        return torch.optim.SGD(params, lr=lr, weight_decay=wd)
    if name == "momentum":
        return torch.optim.SGD(params, lr=lr, momentum=float(optimizer["momentum"]), nesterov=optimizer["nesterov"], weight_decay=wd)
    if name == "adam":
        return torch.optim.Adam(params, lr=lr, betas=(0.9, 0.999), eps=1e-7, weight_decay=wd)
    if name == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr, alpha=0.9, eps=1e-7, weight_decay=wd)
    raise ValueError(f'unknown optimizer "{name}"; expected one of sgd, momentum, adam, rmsprop')


def learning_rate_at(schedule: dict, base_rate: float, step: int, total_steps: int) -> float:
    """The learning rate of 1-based `step` of `total_steps` (constant, step, or cosine with linear warm-up)."""
    kind = schedule["kind"]
    if kind == "constant":
        return base_rate
    if kind == "step":
        # multiplied by gamma after each milestone step
        passed = sum(1 for m in schedule["milestones"] if step > m)
        return base_rate * schedule["gamma"] ** passed
    if kind == "cosine":
        warmup = schedule["warmupSteps"]
        if step <= warmup:
            return base_rate * step / warmup
        # lr = base · ½ (1 + cos(π · t)), t from 0 (after warm-up) to 1 (last step)
        t = (step - warmup - 1) / max(1, total_steps - warmup - 1) if total_steps > warmup else 1.0
        return 0.5 * base_rate * (1 + math.cos(math.pi * t))
    raise ValueError(f'unknown schedule kind "{kind}"; expected constant, step or cosine')


def set_learning_rate(optimizer: torch.optim.Optimizer, rate: float) -> None:
    """Sets every parameter group's rate (of the base optimizer: SAM steps through it)."""
    for group in optimizer.param_groups:
        group["lr"] = rate
