"""A user's SAM variant (user_variants.py): a plugin file loaded from its run spec variant, built with
the run's context and its args, run by the worker's stepper; each refusal names the file at fault,
and `--probe` reports it as one probe-error line at the run spec's `/sam/variant/…` key."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from typing import Any

import pytest
import torch

from harness.sam.pytorch import SAM
from harness.worker.pytorch.precision import Precision
from harness.worker.pytorch.stepper import make_stepper, train_step
from harness.worker.pytorch.testkit import PROJECT_ROOT, TINY_SPEC
from harness.worker.pytorch.user_variants import UserVariantError

PLUGIN = """
class EveryNth:
    name = "every-nth"

    def __init__(self, n, total_steps):
        self.n = n
        self.total_steps = total_steps

    def is_sam_step(self, step, squared_grad_norm=None):
        return step % self.n == 0


def build(variant, context):
    return EveryNth(context.args["n"], context.total_steps)


def unsynced(variant, context):
    strategy = EveryNth(2, context.total_steps)
    strategy.syncs_first_gradient = False
    return strategy


def no_decision(variant, context):
    return object()


def broken(variant, context):
    raise ValueError("n must be positive\\nsecond line")
"""
BROKEN_LINE = next(number for number, line in enumerate(PLUGIN.splitlines(), 1) if "must be positive" in line)
CPU = Precision("float32", torch.device("cpu"))


@pytest.fixture
def plugin_file(tmp_path, request) -> str:
    """The plugin in a module of this test's own name: the worker imports a user's module once per process."""
    name = "variants_" + hashlib.sha256(request.node.nodeid.encode()).hexdigest()[:12]
    file = tmp_path / f"{name}.py"
    file.write_text(PLUGIN, encoding="utf-8")
    return str(file)


def digest(file: str) -> str:
    """The file's SHA-256, as harness/suite/sam-plugins.ts writes sam.variant.sha256."""
    with open(file, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def plugin_spec(file: str, function: str = "build", **args: Any) -> dict[str, Any]:
    variant = {"kind": "python", "name": "nth", "path": file, "function": function, "sha256": digest(file), "args": args}
    return {**TINY_SPEC, "sam": {**TINY_SPEC["sam"], "interval": 1, "variant": variant}}


def stepper_for(spec: dict[str, Any], no_sync: Any = None, model: torch.nn.Module | None = None) -> SAM:
    model = model if model is not None else torch.nn.Linear(16, 3)
    stepper = make_stepper(spec, torch.optim.SGD(model.parameters(), lr=0.1), model, CPU, no_sync)
    assert isinstance(stepper, SAM)
    return stepper


def test_the_worker_runs_a_plugin_built_with_the_runs_context_and_args(plugin_file: str) -> None:
    def no_sync() -> None:
        raise AssertionError("a plugin's first pass is synced unless it says otherwise")

    model = torch.nn.Linear(16, 3)
    stepper = stepper_for(plugin_spec(plugin_file, n=3), no_sync, model)
    assert stepper.strategy.name == "every-nth"
    assert stepper.strategy.total_steps == TINY_SPEC["steps"]["warmup"] + TINY_SPEC["steps"]["measured"]  # type: ignore[attr-defined]
    assert stepper.first_pass_context is None
    x, y = torch.randn(8, 16), torch.randint(0, 3, (8,))
    assert [train_step(model, stepper, CPU, x, y).kind for _ in range(6)] == ["base", "base", "sam", "base", "base", "sam"]


def test_a_plugin_may_leave_its_first_pass_rank_local(plugin_file: str) -> None:
    def no_sync() -> Any:
        return torch.no_grad()

    assert stepper_for(plugin_spec(plugin_file, "unsynced"), no_sync).first_pass_context is no_sync


def test_a_plugin_without_is_sam_step_is_refused_naming_the_file_and_function(plugin_file: str) -> None:
    with pytest.raises(UserVariantError) as caught:
        stepper_for(plugin_spec(plugin_file, "no_decision"))
    assert caught.value.pointer == "/sam/variant/function"
    assert plugin_file in caught.value.message
    assert "no_decision()" in caught.value.message
    assert "returned object, which has no callable is_sam_step" in caught.value.message


def test_a_factory_that_raises_fails_with_its_first_line(plugin_file: str) -> None:
    with pytest.raises(UserVariantError) as caught:
        stepper_for(plugin_spec(plugin_file, "broken"))
    name = os.path.basename(plugin_file)
    assert str(caught.value) == (
        f"/sam/variant/function: {name} broken() raised ValueError: n must be positive ({name} line {BROKEN_LINE})"
    )


def test_a_missing_function_an_edited_file_and_a_missing_file_are_refused(plugin_file: str, tmp_path) -> None:
    with pytest.raises(UserVariantError, match=r'has no function "absent" \(absent is not defined\)'):
        stepper_for(plugin_spec(plugin_file, "absent"))
    spec = plugin_spec(plugin_file)
    with open(plugin_file, "a", encoding="utf-8") as handle:
        handle.write("# edited\n")
    with pytest.raises(UserVariantError, match=r"changed after the run spec was written .*sam\.variant\.sha256") as caught:
        stepper_for(spec)
    assert caught.value.pointer == "/sam/variant/sha256"
    missing = {**spec["sam"]["variant"], "path": str(tmp_path / "gone.py")}
    with pytest.raises(UserVariantError) as caught:
        stepper_for({**spec, "sam": {**spec["sam"], "variant": missing}})
    assert caught.value.pointer == "/sam/variant/path"
    assert "gone.py" in caught.value.message


def probe(spec: dict[str, Any], folder: str) -> tuple[int, list[dict[str, Any]]]:
    """`main <spec> --probe` as the CLI starts it: its exit code and stdout lines."""
    file = os.path.join(folder, "probe.json")
    with open(file, "w", encoding="utf-8") as handle:
        json.dump(spec, handle)
    done = subprocess.run(
        [sys.executable, "-m", "harness.worker.pytorch.main", file, "--probe"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=PROJECT_ROOT,
    )
    return done.returncode, [json.loads(line) for line in done.stdout.splitlines()]


@pytest.mark.slow
def test_probe_builds_the_plugin_and_reports_a_refusal_on_one_line_at_its_run_spec_key(plugin_file: str, tmp_path) -> None:
    code, lines = probe(plugin_spec(plugin_file, n=2), str(tmp_path))
    assert (code, [line["type"] for line in lines]) == (0, ["probe"])
    name = os.path.basename(plugin_file)
    code, lines = probe(plugin_spec(plugin_file, "broken"), str(tmp_path))
    assert code == 2
    assert lines == [
        {
            "type": "probe-error",
            "pointer": "/sam/variant/function",
            "message": f"{name} broken() raised ValueError: n must be positive ({name} line {BROKEN_LINE})",
        }
    ]
    code, lines = probe(plugin_spec(plugin_file, "no_decision"), str(tmp_path))
    assert (code, lines[0]["pointer"]) == (2, "/sam/variant/function")
    assert "has no callable is_sam_step" in lines[0]["message"]
