#!/usr/bin/env python3
"""Time training steps (plain SGD vs. SAM) of a small CNN in PyTorch on CPU.

Companion of the Node benchmark: the model, loss, optimizer and SAM step mirror
the TF.js ones (32x32x3 input, conv32-pool-conv64-pool-dense10, cross-entropy,
SGD lr=0.01 momentum=0.9). PyTorch is NCHW, so the flattened features are in a
different order than TF.js's NHWC flatten; that is a fixed permutation of the
dense weights and does not change the cost of a step.

Each sample is one step, from a ready batch to the loss read back with .item().
Base and SAM steps are interleaved (base, sam, base, sam, ...) so that drifts of
a noisy machine hit both kinds alike. Prints exactly one JSON object on stdout;
exits with code 3 (message on stderr) if torch cannot be imported.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

try:
    import torch
    from torch import nn
except ImportError as err:  # the Node caller reads exit code 3 as "skip"
    print(f"bench_step_torch: PyTorch not installed ({err})", file=sys.stderr)
    sys.exit(3)


def make_model() -> nn.Module:
    return nn.Sequential(
        nn.Conv2d(3, 32, 3),
        nn.ReLU(),
        nn.MaxPool2d(2),  # 32 -> 30 -> 15
        nn.Conv2d(32, 64, 3),
        nn.ReLU(),
        nn.MaxPool2d(2),  # 15 -> 13 -> 6
        nn.Flatten(),
        nn.Linear(64 * 6 * 6, 10),
    )


def base_step(model: nn.Module, opt: torch.optim.Optimizer, loss_fn: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    return loss.item()


def sam_step(model: nn.Module, opt: torch.optim.Optimizer, loss_fn: nn.Module, x: torch.Tensor, y: torch.Tensor, rho: float) -> float:
    params = [p for p in model.parameters() if p.requires_grad]
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    with torch.no_grad():
        grads = [p.grad if p.grad is not None else torch.zeros_like(p) for p in params]
        norm = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))
        scale = rho / (norm + 1e-12)
        eps = [g * scale for g in grads]
        for p, e in zip(params, eps, strict=True):
            p.add_(e)
    opt.zero_grad()
    loss_fn(model(x), y).backward()
    with torch.no_grad():
        for p, e in zip(params, eps, strict=True):
            p.sub_(e)
    opt.step()
    return loss.item()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--steps", type=int, default=30, help="measured steps per kind")
    ap.add_argument("--warmup", type=int, default=5, help="discarded steps per kind")
    ap.add_argument("--threads", type=int, default=None, help="torch.set_num_threads")
    ap.add_argument("--rho", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=0)
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.threads is not None:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    model = make_model()
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.randn(args.batch, 3, 32, 32)
    y = torch.randint(0, 10, (args.batch,))

    steps = {
        "base": lambda: base_step(model, opt, loss_fn, x, y),
        "sam": lambda: sam_step(model, opt, loss_fn, x, y, args.rho),
    }
    times: dict[str, list[float]] = {k: [] for k in steps}
    for i in range(args.warmup + args.steps):
        for kind, step in steps.items():  # interleaved: base, sam, base, sam, ...
            t0 = time.perf_counter()
            step()
            ms = (time.perf_counter() - t0) * 1000.0
            if i >= args.warmup:
                times[kind].append(ms)

    print(
        json.dumps(
            {
                "framework": "torch",
                "version": torch.__version__,
                "threads": torch.get_num_threads(),
                "batch": args.batch,
                "rho": args.rho,
                "steps": args.steps,
                "warmup": args.warmup,
                "base_ms": times["base"],
                "sam_ms": times["sam"],
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
