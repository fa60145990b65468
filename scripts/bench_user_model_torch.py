#!/usr/bin/env python3
"""Time a built-in model against the same architecture brought as a user's model, in PyTorch on CPU.

Companion of scripts/bench-user-model.ts (which prints the table): small-cnn built in
(harness/worker/pytorch/models.py) against small-cnn written out in plain torch.nn by a `python`
factory in a module of its own, as a user writes one, both built by the worker's `built_model`
(the factory's module checked against its SHA-256, its output checked, as in a run). Steps are
plain SGD and SAM steps (harness/sam/pytorch, rho 0.05), the four kinds interleaved so that drifts
of a noisy machine hit all alike. Prints one JSON object on stdout: milliseconds per step of each.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import torch
from torch import nn

from harness.sam.pytorch import SAM
from harness.worker.pytorch.models import built_model
from harness.worker.pytorch.user_models import file_sha256, files_digest

SHAPE = [32, 32, 3]  # TF.js-style [h, w, c]; batches are NCHW
CLASSES = 10
FACTORY = '''"""small-cnn as a user writes it: conv3x3 32 relu → pool → conv3x3 64 relu → pool → dense."""
from torch import nn


def build(input_shape, classes, seed):
    channels, height, width = input_shape
    side = lambda n: ((n - 2) // 2 - 2) // 2
    return nn.Sequential(
        nn.Conv2d(channels, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * side(height) * side(width), classes),
    )
'''


def models(folder: Path, seed: int) -> dict[str, nn.Module]:
    """The built-in small-cnn and the factory's, keyed "builtin" and "user"."""
    module = folder / "user_small_cnn.py"
    module.write_text(FACTORY, encoding="utf-8")
    user = {
        "source": "python",
        "name": "user_small_cnn:build",
        "path": str(folder),
        "export": None,
        "factory": "user_small_cnn:build",
        "args": {},
        "sha256": files_digest([(str(module), file_sha256(str(module)))]),
    }
    builtin = {"source": "builtin", "name": "small-cnn", "hidden": [1], "batchNorm": False}
    return {"builtin": built_model(builtin, SHAPE, CLASSES, seed).module, "user": built_model(user, SHAPE, CLASSES, seed).module}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--steps", type=int, default=30, help="measured steps per kind")
    ap.add_argument("--warmup", type=int, default=5, help="discarded steps per kind")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    torch.manual_seed(args.seed)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.randn(args.batch, SHAPE[2], SHAPE[0], SHAPE[1])
    y = torch.randint(0, CLASSES, (args.batch,))
    steps = {}
    with tempfile.TemporaryDirectory() as folder:
        for origin, model in models(Path(folder), args.seed).items():
            opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
            sam = SAM(opt, rho=0.05, epsilon=1e-12, module=model)

            def base(model=model, opt=opt) -> None:
                opt.zero_grad()
                loss_fn(model(x), y).backward()
                opt.step()

            def sam_step(model=model, sam=sam) -> None:
                def closure() -> torch.Tensor:
                    sam.zero_grad()
                    loss = loss_fn(model(x), y)
                    loss.backward()
                    return loss

                sam.step(closure).item()

            steps[f"{origin}-base"], steps[f"{origin}-sam"] = base, sam_step
    times: dict[str, list[float]] = {kind: [] for kind in steps}
    for i in range(args.warmup + args.steps):
        for kind, step in steps.items():
            t0 = time.perf_counter()
            step()
            if i >= args.warmup:
                times[kind].append((time.perf_counter() - t0) * 1000.0)
    print(json.dumps({"framework": "torch", "version": torch.__version__, "batch": args.batch, "ms": times}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
