"""The registries of schemas/registry/ read from Python: the one list of models, model sources,
datasets and SAM variants that the schemas, the suite checks and the TF.js worker derive from too
(schemas/registry.ts).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from harness.worker.pytorch.contracts import SCHEMAS


@cache
def registry(name: str) -> dict[str, Any]:
    """schemas/registry/<name>.json: "models", "datasets" or "sam-variants"."""
    with open(SCHEMAS / "registry" / f"{name}.json", encoding="utf-8") as handle:
        return json.load(handle)


def builtin_models(framework: str = "torch") -> list[str]:
    """The built-in models `framework` builds, in the registry's order."""
    return [name for name, entry in registry("models")["builtin"].items() if framework in entry["frameworks"]]


def is_convolutional(model: dict[str, Any]) -> bool:
    """Whether a run spec's model takes [height, width, channels] inputs: a built-in conv model, or any user model."""
    if model["source"] != "builtin":
        return True
    return bool(registry("models")["builtin"][model["name"]]["convolutional"])


def datasets(framework: str = "torch") -> list[str]:
    """The datasets `framework` loads, in the registry's order."""
    return [name for name, entry in registry("datasets")["datasets"].items() if framework in entry["frameworks"]]


def dataset_entry(name: str) -> dict[str, Any]:
    """The registry's entry for dataset `name` (description, format, expectedPath, shape, classes)."""
    return registry("datasets")["datasets"][name]


def format_files(fmt: str) -> dict[str, Any]:
    """The files of format `fmt`'s splits: {"train": [...], "test": [...], "gzip": bool}."""
    return registry("datasets")["formats"][fmt]


# --- SAM variants (schemas/registry/sam-variants.json) --------------------------------------------


def sam_variants() -> list[str]:
    """Every SAM variant kind, in the registry's order."""
    return list(registry("sam-variants")["variants"])


def picks_own_sam_steps(kind: str) -> bool:
    """Whether variant `kind`'s schedule decides the SAM steps (it runs at interval 1 only)."""
    return bool(registry("sam-variants")["variants"][kind]["picksOwnSamSteps"])


def syncs_first_gradient(kind: str) -> bool:
    """Whether the worker all-reduces variant `kind`'s first gradient whatever `torch.syncFirstGradient` says."""
    return bool(registry("sam-variants")["variants"][kind]["syncsFirstGradient"])
