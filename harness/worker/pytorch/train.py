"""The timed training loop of one run (harness/worker/train.ts, in PyTorch).

A step is timed from the moment its batch is on the device to the moment its first-pass loss has
been read back with `loss.item()`; on CUDA the device is synchronised before the clock stops, so
queued kernels cannot hide. Assembling the batch (numpy gather, augmentation, copy to the device)
is `dataMs`, outside `ms`. Warm-up steps are flagged, not dropped.

Data-parallel runs: after its clock stops each rank contributes (ms, loss, stop) to one small
all-gather, so rank 0 can report every worker's step time (`workersMs`), the loss of the global
batch (the mean of the ranks' first-pass losses), and all ranks agree on when to stop (rank 0's
time limit) and on a non-finite loss (any rank's), keeping their collectives in step.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from dataclasses import dataclass, field
from typing import Any

import torch

from harness.worker.pytorch.batches import TrainBatches
from harness.worker.pytorch.datasets import Samples
from harness.worker.pytorch.distributed import AllreduceTimer, World, barrier, gather_floats
from harness.worker.pytorch.evaluate import evaluate
from harness.worker.pytorch.events import EventSink
from harness.worker.pytorch.injected_slowdown import injected_slowdown, spin_for
from harness.worker.pytorch.optim import learning_rate_at, set_learning_rate
from harness.worker.pytorch.precision import Precision
from harness.worker.pytorch.stepper import train_step

# Test-only: a folder where each rank writes rank<r>.pt: its first-pass gradient norms (SAM steps),
# first-pass losses and final weights, to check data-parallel semantics across ranks.
DEBUG_DIR_ENV = "SAMBENCH_TORCH_DEBUG_DIR"


@dataclass
class RunParts:
    """Everything the loop needs, built by main.py."""

    spec: dict
    world: World
    model: torch.nn.Module  # the bare model (evaluation, buffers, debug dumps)
    net: torch.nn.Module  # what a training step calls: the DDP wrapper, or the model itself
    stepper: Any  # SAM or PlainStepper
    precision: Precision
    batches: TrainBatches
    test: Samples | None
    channels_last: bool
    sink: EventSink
    timer: AllreduceTimer | None = None
    debug: dict[str, list] = field(default_factory=lambda: {"firstGradNorms": [], "losses": []})


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def train(parts: RunParts) -> dict[str, Any]:
    """Runs warm-up + measured steps, emitting `step` and `eval` events; returns the `done` fields."""
    spec, world, sink = parts.spec, parts.world, parts.sink
    warmup, measured = spec["steps"]["warmup"], spec["steps"]["measured"]
    time_limit = spec["steps"]["timeLimitSeconds"]
    total = warmup + measured
    optimizer = spec["optimizer"]
    schedule = optimizer["schedule"]
    evaluation = spec["evaluation"]
    every = evaluation["everySteps"] if evaluation is not None else 0  # no evaluation: never
    slowdown = injected_slowdown()
    debug_dir = os.environ.get(DEBUG_DIR_ENV)
    base = parts.stepper.base_optimizer
    fp16 = parts.precision.scales_loss

    started = time.perf_counter()
    train_ms = 0.0  # steps and data, warm-up included, evaluations excluded (time-to-accuracy)
    measured_since: float | None = None
    step = 0
    truncated = False
    parts.net.train()
    while step < total:
        step += 1
        set_learning_rate(base, learning_rate_at(schedule, optimizer["learningRate"], step, total))
        data_start = time.perf_counter()
        x, y = parts.batches.batch(step, world.device, parts.channels_last)
        if parts.timer is not None:
            parts.timer.reset()
        step_start = time.perf_counter()
        cpu_start = time.process_time()
        result = train_step(parts.net, parts.stepper, parts.precision, x, y, optimizer["labelSmoothing"])
        _sync(world.device)
        loss = result.loss.item()
        if slowdown > 0:
            spin_for(slowdown * (time.perf_counter() - step_start))
        step_end = time.perf_counter()
        cpu_ms = (time.process_time() - cpu_start) * 1000.0
        ms = (step_end - step_start) * 1000.0
        train_ms += (step_end - data_start) * 1000.0
        is_warmup = step <= warmup
        if not is_warmup and measured_since is None:
            measured_since = step_start
        wants_stop = time_limit is not None and measured_since is not None and step_end - measured_since > time_limit and step < total

        # After the clock: gather what rank 0 reports and what every rank must agree on.
        rows = gather_floats([ms, loss, 1.0 if wants_stop else 0.0], world)
        global_loss = sum(row[1] for row in rows) / len(rows)  # not finite if any rank's is not
        event: dict[str, Any] = {
            "type": "step",
            "i": step,
            "kind": result.kind,
            "ms": ms,
            "cpuMs": cpu_ms,
            "dataMs": (step_start - data_start) * 1000.0,
            "loss": global_loss,  # not finite: the sink raises NonFiniteValueError on every rank
            "warmup": is_warmup,
        }
        if world.distributed:
            event["workersMs"] = [row[0] for row in rows]
            event["allreduceMs"] = parts.timer.step_ms() if parts.timer is not None else 0.0
        if fp16:
            event["skipped"] = result.skipped
        sink.emit(event)
        if debug_dir:
            parts.debug["losses"].append(loss)
            if result.first_grad_norm is not None:
                parts.debug["firstGradNorms"].append(float(result.first_grad_norm))

        truncated = rows[0][2] > 0.5  # rank 0's clock decides for everyone
        last = step == total or truncated
        if evaluation is not None and (last or (every > 0 and step % every == 0)):
            _evaluate(parts, step, train_ms)
        if truncated:
            break

    if debug_dir:
        _dump_debug(parts, debug_dir)
    peak_device = torch.cuda.max_memory_allocated(world.device) if world.device.type == "cuda" else None
    return {
        "steps": step,
        "wallMs": (time.perf_counter() - started) * 1000.0,
        "truncated": truncated,
        "peakRssBytes": peak_rss_bytes(),
        "peakDeviceBytes": peak_device,
    }


def peak_rss_bytes() -> int:
    """This process's peak resident set size: ru_maxrss is KiB on Linux, bytes on macOS."""
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(maxrss) if sys.platform == "darwin" else int(maxrss) * 1024


def _evaluate(parts: RunParts, step: int, train_ms: float) -> None:
    """Rank 0 (the only one holding the test set) evaluates the bare model while the other ranks
    wait at a barrier, so the wait falls in no step's time."""
    if parts.test is not None:
        start = time.perf_counter()
        result = evaluate(
            parts.model, parts.test, parts.spec["dataset"]["batchSize"], parts.world.device, parts.channels_last, parts.precision
        )
        _sync(parts.world.device)
        parts.sink.emit({"type": "eval", "step": step, **result, "trainMs": train_ms, "evalMs": (time.perf_counter() - start) * 1000.0})
    barrier(parts.world)


def _dump_debug(parts: RunParts, folder: str) -> None:
    os.makedirs(folder, exist_ok=True)
    # Parameters and buffers apart: BatchNorm's running statistics are each rank's own after its
    # last forward pass (DDP broadcasts rank 0's at the *next* forward), parameters must agree.
    params = {name: p.detach().cpu().clone() for name, p in parts.model.named_parameters()}
    buffers = {name: b.detach().cpu().clone() for name, b in parts.model.named_buffers()}
    dump = {"rank": parts.world.rank, "params": params, "buffers": buffers, **parts.debug}
    torch.save(dump, os.path.join(folder, f"rank{parts.world.rank}.pt"))
