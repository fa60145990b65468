#!/usr/bin/env python3
"""Time training steps (plain SGD vs. SAM) of a model in PyTorch on CPU.

Companion of the Node benchmark (scripts/bench-step.ts): the model is the worker's own
(harness/worker/pytorch/models.py: small-cnn or resnet20, 32x32x3 input, 10 classes), the SAM step
is the worker's (harness/sam/pytorch: `SAM.step`, BatchNorm statistics of the perturbed pass
discarded, as the TF.js side's SAM does), and the loss and optimizer mirror the TF.js ones
(cross-entropy, SGD lr=0.01 momentum=0.9).
PyTorch is NCHW, so small-cnn's flattened features are in a different order than TF.js's NHWC
flatten; that is a fixed permutation of the dense weights and does not change the cost of a step.
Run from the project root or with it on PYTHONPATH (the Node side sets it).

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

    from harness.sam.pytorch import SAM
    from harness.worker.pytorch.models import build_model
except ImportError as err:  # the Node caller reads exit code 3 as "skip"
    if (err.name or "").split(".")[0] in ("harness",):
        raise  # the project's own code failed to import: not a missing PyTorch
    print(f"bench_step_torch: PyTorch not installed ({err})", file=sys.stderr)
    sys.exit(3)

MODELS = ("small-cnn", "resnet20")
SHAPE = [32, 32, 3]  # TF.js-style [h, w, c]; batches are NCHW
CLASSES = 10


def make_model(name: str, seed: int = 0) -> nn.Module:
    """The worker's model `name` (small-cnn without BatchNorm), weights fixed by `seed`."""
    return build_model({"source": "builtin", "name": name, "hidden": [1], "batchNorm": False}, SHAPE, CLASSES, seed)


def base_step(model: nn.Module, opt: torch.optim.Optimizer, loss_fn: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    return loss.item()


def sam_step(sam: SAM, model: nn.Module, loss_fn: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    def closure() -> torch.Tensor:
        sam.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        return loss

    return sam.step(closure).item()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", choices=MODELS, default="small-cnn")
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
    model = make_model(args.model, args.seed)
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    # The same base optimizer (its momentum) under SAM; interval 1: every SAM step is a SAM step.
    sam = SAM(opt, rho=args.rho, epsilon=1e-12, module=model)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.randn(args.batch, SHAPE[2], SHAPE[0], SHAPE[1])
    y = torch.randint(0, CLASSES, (args.batch,))

    steps = {
        "base": lambda: base_step(model, opt, loss_fn, x, y),
        "sam": lambda: sam_step(sam, model, loss_fn, x, y),
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
                "model": args.model,
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
