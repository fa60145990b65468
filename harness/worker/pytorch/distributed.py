"""Data parallelism: process group, DistributedDataParallel with a timed all-reduce, per-step gathers.

The worker is data-parallel when torchrun started it (WORLD_SIZE > 1 in the environment) and the
spec asks for `torch.worldSize` > 1; the two must agree.

allreduceMs: DDP's built-in all-reduce is kept (it overlaps communication with the backward pass,
which is what is being measured) and wrapped in a communication hook that does what DDP's default
`allreduce_hook` does (divide by the world size, all-reduce the bucket) and records when each
bucket's all-reduce started and finished. A step's allreduceMs is the length of the *union* of
those intervals: wall-clock time during which at least one gradient all-reduce was in flight on
rank 0 (overlapping buckets are not counted twice; compute that overlaps them is included).
On CPU (gloo) the times are host clocks, the finish recorded in the future's callback when gloo
completes the work. On CUDA (nccl) they are CUDA events: one recorded on the current stream as
the hook launches the bucket, one in the callback, which runs on a stream that waits for the
NCCL work, and they are read after the step's torch.cuda.synchronize().
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass
from typing import Any

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel

from harness.worker.pytorch.command import shown_command


@dataclass
class World:
    """This process's place in the run: rank, world size, device."""

    rank: int
    size: int
    local_rank: int
    device: torch.device

    @property
    def distributed(self) -> bool:
        return self.size > 1

    @property
    def is_main(self) -> bool:
        return self.rank == 0


def setup_world(spec_torch: dict[str, Any]) -> World:
    """Picks the device (the spec's `torch` settings), and joins the process group when torchrun started several workers."""
    wanted, device_type = spec_torch["worldSize"], spec_torch["device"]
    # Set by torchrun; a plain `python -m` start is one process.
    launched = int(os.environ.get("WORLD_SIZE", "1"))
    if launched != wanted:
        raise RuntimeError(
            f"the spec asks for torch.worldSize {wanted} but {launched} worker process(es) were started; "
            f"start it with `{shown_command(wanted)}`"
        )
    if device_type == "cuda" and not torch.cuda.is_available():
        raise RuntimeError(
            f'torch.device "cuda" was asked for but this PyTorch ({torch.__version__}) sees no CUDA device; '
            'use "cpu" or a CUDA build of torch on a GPU machine'
        )
    rank = int(os.environ.get("RANK", "0"))
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    if device_type == "cuda":
        if local_rank >= torch.cuda.device_count():
            raise RuntimeError(
                f"worker {local_rank} needs its own GPU but this machine has {torch.cuda.device_count()}; lower torch.worldSize"
            )
        torch.cuda.set_device(local_rank)
        device = torch.device("cuda", local_rank)
    else:
        device = torch.device("cpu")
    if wanted > 1:
        dist.init_process_group(backend="nccl" if device_type == "cuda" else "gloo", device_id=device if device_type == "cuda" else None)
    return World(rank, wanted, local_rank, device)


def teardown_world(world: World, ok: bool = True) -> None:
    """Leaves the process group. After a run that ended well, every rank first waits for the others
    (a barrier), so no rank closes its gloo connections while another still uses them: a rank
    that did abort at exit now and then ("terminate called without an active exception"). A failed
    run skips the barrier: the other ranks may never reach it."""
    if world.distributed and dist.is_initialized():
        if ok:
            # A peer that failed after all closes its connections: its own events say why.
            with contextlib.suppress(RuntimeError):
                dist.barrier()
        dist.destroy_process_group()


class AllreduceTimer:
    """A DDP communication hook that all-reduces like the default one and times every bucket."""

    def __init__(self, device: torch.device, world_size: int) -> None:
        self.cuda = device.type == "cuda"
        self.world_size = world_size
        self._host: list[list[float]] = []  # [start, end] in perf_counter seconds (gloo)
        self._events: list[list[torch.cuda.Event]] = []  # [start, end] CUDA events (nccl)

    def reset(self) -> None:
        self._host.clear()
        self._events.clear()

    # No annotations on purpose: DDP checks them, and `from __future__ import annotations` turns
    # them into strings it rejects. Signature: (state, bucket: dist.GradBucket) -> Future[Tensor].
    def hook(self, state, bucket):
        tensor = bucket.buffer()
        if self.cuda:
            start = torch.cuda.Event(enable_timing=True)
            start.record()
            record: list = [start]
            self._events.append(record)
        else:
            record = [time.perf_counter()]
            self._host.append(record)
        tensor.div_(self.world_size)
        future = dist.all_reduce(tensor, async_op=True).get_future()

        def finished(fut: torch.futures.Future) -> torch.Tensor:
            if self.cuda:
                end = torch.cuda.Event(enable_timing=True)
                end.record()  # on the callback's stream, which waits for the NCCL work
                record.append(end)
            else:
                record.append(time.perf_counter())
            return fut.value()[0]

        return future.then(finished)

    def step_ms(self) -> float:
        """Milliseconds of the union of this step's all-reduce intervals (call after synchronising)."""
        if self.cuda:
            done = [r for r in self._events if len(r) == 2]
            if not done:
                return 0.0
            origin = done[0][0]
            intervals = [(origin.elapsed_time(s), origin.elapsed_time(e)) for s, e in done]
        else:
            intervals = [(s * 1000.0, e * 1000.0) for s, e in (r for r in self._host if len(r) == 2)]
        total, reach = 0.0, float("-inf")
        for start, end in sorted(intervals):
            if end > reach:
                total += end - max(start, reach)
                reach = end
        return max(total, 0.0)


def wrap_ddp(model: torch.nn.Module, world: World, timer: AllreduceTimer) -> DistributedDataParallel:
    """DDP around `model` (its rank-0 weights are broadcast here), all-reduce timed by `timer`."""
    ids = [world.device.index] if world.device.type == "cuda" else None
    ddp = DistributedDataParallel(model, device_ids=ids)
    ddp.register_comm_hook(state=None, hook=timer.hook)
    return ddp


def gather_floats(values: list[float], world: World) -> list[list[float]]:
    """Every rank's `values` (same length on all), by rank; one small all-gather."""
    if not world.distributed:
        return [values]
    device = world.device if world.device.type == "cuda" else torch.device("cpu")
    local = torch.tensor(values, dtype=torch.float64, device=device)
    out = [torch.empty_like(local) for _ in range(world.size)]
    dist.all_gather(out, local)
    return [t.tolist() for t in out]


def barrier(world: World) -> None:
    if world.distributed:
        dist.barrier(device_ids=[world.device.index]) if world.device.type == "cuda" else dist.barrier()
