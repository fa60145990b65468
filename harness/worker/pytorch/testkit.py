"""Helpers for the worker's tests: RunSpec builders, tiny dataset files, running main.py as a subprocess."""

from __future__ import annotations

import copy
import gzip
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

import numpy as np

from harness.worker.pytorch.command import worker_command
from harness.worker.pytorch.contracts import load_schema, problems, validator

PROJECT_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
EVENTS = validator(load_schema("events.schema.json"))

TINY_SPEC: dict[str, Any] = {
    "id": "tiny-mlp-sam",
    "suite": "torch-tests",
    "framework": "torch",
    "backend": "tensorflow",
    "precision": "float32",
    "model": {"source": "builtin", "name": "mlp", "batchNorm": False, "hidden": [16]},
    "dataset": {
        "name": "synthetic",
        "path": None,
        "batchSize": 8,
        "shape": [4, 4, 1],
        "classes": 3,
        "samples": 64,
        "trainSubset": None,
        "labelNoise": 0,
        "mixup": None,
        "augment": False,
        "normalize": False,
        "imageSize": None,
        "onBadImage": "skip",
    },
    "optimizer": {
        "name": "momentum",
        "learningRate": 0.05,
        "momentum": 0.9,
        "nesterov": False,
        "weightDecay": 0.0005,
        "labelSmoothing": 0,
        "schedule": {"kind": "constant"},
    },
    "sam": {
        "rho": 0.05,
        "epsilon": 1e-12,
        "interval": 2,
        "adaptive": False,
        "secondPassState": "discard",
        "rhoPerInterval": None,
        "variant": {"kind": "interval"},
    },
    "steps": {"warmup": 2, "measured": 6, "timeLimitSeconds": None},
    "evaluation": None,
    "seed": 3,
    "repeat": 0,
    "baselineId": None,
    "torch": {"device": "cpu", "worldSize": 1, "channelsLast": False, "syncFirstGradient": False},
    "timeoutSeconds": 120,
}


def tiny_spec(**changes: Any) -> dict[str, Any]:
    """TINY_SPEC with top-level keys replaced and nested dicts merged (`dataset={"batchSize": 4}`)."""
    spec = copy.deepcopy(TINY_SPEC)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(spec.get(key), dict):
            spec[key].update(value)
        else:
            spec[key] = value
    return spec


@dataclass
class WorkerRun:
    events: list[dict[str, Any]]
    lines: list[str]
    returncode: int
    stderr: str


def resolved_dataset(**changes: Any) -> dict[str, Any]:
    """TINY_SPEC's dataset (every field, as a resolved spec has it) with `changes`."""
    return {**TINY_SPEC["dataset"], **changes}


def run_worker(spec: dict, folder: str, *, nproc: int = 1, env: dict[str, str] | None = None, timeout: float = 120) -> WorkerRun:
    """Writes `spec` to `folder` and runs main.py on it (through torchrun when nproc > 1)."""
    spec_file = os.path.join(folder, f"{spec['id']}.spec.json")
    with open(spec_file, "w", encoding="utf-8") as handle:
        json.dump(spec, handle)
    # From the project root, as the launcher starts it (there with the root on PYTHONPATH).
    command = [*worker_command(nproc, sys.executable), spec_file]
    full_env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=PROJECT_ROOT, env=full_env)
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    return WorkerRun([json.loads(line) for line in lines], lines, done.returncode, done.stderr)


def event_problems(event: Any) -> list[str]:
    """Every way one parsed event line breaks schemas/events.schema.json (empty when it is valid)."""
    return problems(event, EVENTS)


def write_idx(folder: str, split: str, images: np.ndarray, labels: np.ndarray, gz: bool = False) -> None:
    """Writes MNIST-format `<split>-images-idx3-ubyte` and labels (gzip-compressed when `gz`)."""
    n, rows, cols = images.shape
    image_bytes = (0x803).to_bytes(4, "big") + b"".join(d.to_bytes(4, "big") for d in (n, rows, cols)) + images.astype(np.uint8).tobytes()
    label_bytes = (0x801).to_bytes(4, "big") + n.to_bytes(4, "big") + labels.astype(np.uint8).tobytes()
    for name, data in ((f"{split}-images-idx3-ubyte", image_bytes), (f"{split}-labels-idx1-ubyte", label_bytes)):
        path = os.path.join(folder, name + (".gz" if gz else ""))
        with open(path, "wb") as handle:
            handle.write(gzip.compress(data) if gz else data)


def write_cifar(folder: str, name: str, chw_images: np.ndarray, labels: np.ndarray) -> None:
    """Writes one CIFAR-10 binary batch: per record a label byte, then the R, G and B 32x32 planes."""
    records = np.concatenate([labels.astype(np.uint8)[:, None], chw_images.reshape(len(labels), -1).astype(np.uint8)], axis=1)
    records.tofile(os.path.join(folder, name))
