#!/usr/bin/env python3
"""Profile PyTorch CPU training steps op by op, the twin of scripts/bench-profile.ts.

One step is forward + backward + SGD (momentum 0.9) update of the worker's model, as in
scripts/bench_step_torch.py. Each profiled step runs under its own torch.profiler session; every
op event is written with its self CPU time (children excluded, so nothing counts twice), the phase
(the record_function range "sambench::forward" / "backward" / "update" it ran in) and the autograd
node whose gradient it computes ("autograd::engine::evaluate_function: <node>"). Writes one JSON
object to --out (torch.profiler writes its own lines to the terminal); exits 3 without torch.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

try:
    import torch
    from bench_step_torch import CLASSES, MODELS, SHAPE, make_model
    from torch import nn
    from torch.autograd.profiler_util import FunctionEvent
    from torch.profiler import ProfilerActivity, profile, record_function
except ImportError as err:  # the Node caller reads exit code 3 as "skip"
    if (err.name or "").split(".")[0] in ("harness", "bench_step_torch"):
        raise  # the project's own code failed to import: not a missing PyTorch
    print(f"bench_profile_torch: PyTorch not installed ({err})", file=sys.stderr)
    sys.exit(3)

PHASE_PREFIX = "sambench::"
GRAD_PREFIX = "autograd::engine::evaluate_function: "


def step(model: nn.Module, opt: torch.optim.Optimizer, loss_fn: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    """One training step with its phases marked for the profiler."""
    with record_function(PHASE_PREFIX + "forward"):
        loss = loss_fn(model(x), y)
    with record_function(PHASE_PREFIX + "backward"):
        loss.backward()
    with record_function(PHASE_PREFIX + "update"):
        opt.step()
        opt.zero_grad()
    return loss.item()


def describe(event: FunctionEvent) -> tuple[str, str | None]:
    """The phase an event ran in and the autograd node it belongs to, from its enclosing ranges."""
    phase, grad_of = "other", None
    node: FunctionEvent | None = event
    while node is not None:
        if node.name.startswith(PHASE_PREFIX) and phase == "other":
            phase = node.name[len(PHASE_PREFIX) :]
        if node.name.startswith(GRAD_PREFIX) and grad_of is None:
            grad_of = node.name[len(GRAD_PREFIX) :]
        node = node.cpu_parent
    return phase, grad_of


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", choices=MODELS, default="small-cnn")
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--steps", type=int, default=5, help="profiled steps")
    ap.add_argument("--warmup", type=int, default=3, help="unprofiled steps first")
    ap.add_argument("--threads", type=int, default=None, help="torch.set_num_threads")
    ap.add_argument("--out", type=Path, required=True, help="JSON file to write")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.threads is not None:
        torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = make_model(args.model)
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.randn(args.batch, SHAPE[2], SHAPE[0], SHAPE[1])
    y = torch.randint(0, CLASSES, (args.batch,))
    plain_ms = []
    for _ in range(args.warmup + args.steps):
        t0 = time.perf_counter()
        step(model, opt, loss_fn, x, y)
        plain_ms.append((time.perf_counter() - t0) * 1000.0)
    rows, profiled_ms = [], []
    for i in range(args.steps):
        with profile(activities=[ProfilerActivity.CPU]) as prof:
            t0 = time.perf_counter()
            step(model, opt, loss_fn, x, y)
            profiled_ms.append((time.perf_counter() - t0) * 1000.0)
        for event in prof.events():
            if event.self_cpu_time_total <= 0:
                continue
            phase, grad_of = describe(event)
            row = {"framework": "torch", "step": i, "name": event.name, "phase": phase, "gradOf": grad_of}
            rows.append({**row, "ms": event.self_cpu_time_total / 1000.0})
    result = {
        "version": torch.__version__,
        "threads": torch.get_num_threads(),
        "plainWallMs": plain_ms[args.warmup :],
        "profiledWallMs": profiled_ms,
        "rows": rows,
    }
    args.out.write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
