"""Test helper: runs a function in several gloo processes on CPU, as the data-parallel tests need."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import torch.distributed as dist
import torch.multiprocessing as mp


@contextlib.contextmanager
def gloo_group(rank: int, init_file: str, world: int) -> Iterator[None]:
    """This process as `rank` of a gloo group of `world` processes (file rendezvous), torn down after."""
    dist.init_process_group("gloo", init_method=f"file://{init_file}", rank=rank, world_size=world, timeout=timedelta(seconds=60))
    try:
        yield
        # Every rank done before any closes its connections (see teardown_world in the worker).
        dist.barrier()
    finally:
        dist.destroy_process_group()


def run_ranks(target: Callable[[int, str, str], None], out_dir: Path, world: int, timeout_s: float = 180) -> None:
    """Spawns target(rank, init_file, out_dir) for each rank and waits; raises if a rank failed or they hang."""
    context = mp.start_processes(target, args=(str(out_dir / "init"), str(out_dir)), nprocs=world, join=False, start_method="spawn")
    deadline = time.monotonic() + timeout_s
    while not context.join(timeout=5):  # raises if a rank failed
        if time.monotonic() > deadline:
            for process in context.processes:
                process.kill()
            raise AssertionError(f"the ranks did not finish in {timeout_s:g} s (one waiting in an all-reduce?)")
