"""How the PyTorch worker is started: the command lines its messages show and its tests run.

`python -m` finds the package from the project root (the import root, see pyproject.toml); the
launcher (harness/launch/worker-command.ts) builds the same lines with the root on PYTHONPATH,
so they work from any folder. torchrun's `-m` runs the module in every worker process.
"""

from __future__ import annotations

import shlex

MODULE = "harness.worker.pytorch.main"


def worker_command(world_size: int, python: str = "python") -> list[str]:
    """The command that runs one spec (the spec file goes last): torchrun when world_size > 1."""
    if world_size > 1:
        return [python, "-m", "torch.distributed.run", "--standalone", f"--nproc_per_node={world_size}", "-m", MODULE]
    return [python, "-m", MODULE]


def shown_command(world_size: int) -> str:
    """worker_command as a user types it, for messages."""
    return shlex.join([*worker_command(world_size), "<run-spec.json>"])
