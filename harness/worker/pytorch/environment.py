"""The `env` event: the machine and software a run measured on."""

from __future__ import annotations

import os
import platform
import socket
import sys
from collections.abc import Mapping
from typing import Any

import torch

from harness.worker.pytorch.injected_slowdown import injected_slowdown

# Node's os.arch() names, so TF.js and PyTorch runs of one machine report the same platform string.
_NODE_ARCH = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64", "i386": "ia32", "i686": "ia32"}


def cpu_model() -> str:
    """The CPU's model name (/proc/cpuinfo on Linux, else what `platform` knows)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as info:
            for line in info:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def slurm_ids(env: Mapping[str, str]) -> dict[str, Any] | None:
    """The Slurm job, array task and node a run ran as, from the variables Slurm sets; None outside Slurm."""
    if "SLURM_JOB_ID" not in env:
        return None
    ids: dict[str, Any] = {"jobId": env["SLURM_JOB_ID"], "nodeName": env.get("SLURMD_NODENAME", socket.gethostname())}
    if "SLURM_ARRAY_JOB_ID" in env and env.get("SLURM_ARRAY_TASK_ID", "").isdigit():
        ids["arrayJobId"] = env["SLURM_ARRAY_JOB_ID"]
        ids["arrayTaskId"] = int(env["SLURM_ARRAY_TASK_ID"])
    return ids


def environment_event(
    run_id: str,
    device: torch.device,
    parameters: int,
    precision: str,
    world_size: int,
    data: dict[str, Any],
    model: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The `env` event of a run (framework "torch"); `backend` is the device type, "cpu" or "cuda";
    `model` what user_models.BuiltModel.info says of the model trained."""
    machine = platform.machine().lower()
    gpu = torch.cuda.get_device_name(device) if device.type == "cuda" else None
    return {
        "type": "env",
        "runId": run_id,
        "framework": "torch",
        "backend": device.type,
        # PyTorch has no fallback backend the way TF.js has (pure-JS, wasm): what runs is native.
        "representative": True,
        "injectedSlowdown": injected_slowdown(),
        "torch": torch.__version__,
        "python": platform.python_version(),
        "cpu": cpu_model(),
        "cores": os.cpu_count() or 1,
        "gpu": gpu,
        "platform": f"{sys.platform}-{_NODE_ARCH.get(machine, machine)}",
        "hostname": socket.gethostname(),
        **({"visibleDevices": os.environ["CUDA_VISIBLE_DEVICES"]} if "CUDA_VISIBLE_DEVICES" in os.environ else {}),
        **({"slurm": slurm} if (slurm := slurm_ids(os.environ)) is not None else {}),
        "parameters": parameters,
        **({"model": model} if model is not None else {}),
        "precision": precision,
        "worldSize": world_size,
        "data": data,
    }
