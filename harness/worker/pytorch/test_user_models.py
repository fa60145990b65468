"""User models (user_models.py): a python factory built, seeded and trained; each error a user can
fix, with the run spec key it names; `--probe`'s one line. The timm and torchvision tests need a
Python that imports them (.venv-vision, `npm run setup:vision`) and skip, saying so, elsewhere."""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import subprocess
import sys
from typing import Any

import pytest
import torch

from harness.worker.pytorch.models import built_model, count_parameters
from harness.worker.pytorch.testkit import PROJECT_ROOT, event_problems, run_worker, tiny_spec
from harness.worker.pytorch.user_models import UserModelError, build_user_model

FACTORIES = """
import torch
from torch import nn

print("a factory module that prints")


def build(input_shape, classes, seed, width=8):
    c, h, w = input_shape
    body = [nn.Conv2d(c, width, 3, padding=1), nn.BatchNorm2d(width), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten()]
    return nn.Sequential(*body, nn.Linear(width, classes))


def shape_of(input_shape, classes, seed):
    return nn.Sequential(nn.Flatten(), nn.Linear(int(torch.tensor(input_shape).prod()), classes))


def bad(input_shape, classes, seed):
    raise ValueError("bad width\\nsecond line")


def too_many(input_shape, classes, seed):
    return shape_of(input_shape, classes + 1, seed)


def fixed(input_shape, classes, seed):
    return nn.Linear(10, classes)


def not_a_module(input_shape, classes, seed):
    return "a string"


not_callable = 3
"""
SHAPE = [8, 8, 3]
BAD_LINE = next(number for number, line in enumerate(FACTORIES.splitlines(), 1) if "bad width" in line)


def digest(file: str) -> str:
    """harness/suite/user-model.ts digestOf for one file: sha256 of "<name>\\0<sha256>\\n"."""
    with open(file, "rb") as handle:
        sha = hashlib.sha256(handle.read()).hexdigest()
    return hashlib.sha256(f"{os.path.basename(file)}\0{sha}\n".encode()).hexdigest()


def python_model(folder: str, factory: str, source: str = FACTORIES, **args: Any) -> dict[str, Any]:
    """Writes `source` as the factory's module in `folder`; the run spec's UserModel for it."""
    module = factory.split(":")[0]
    file = os.path.join(folder, *module.split(".")) + ".py"
    os.makedirs(os.path.dirname(file), exist_ok=True)
    with open(file, "w", encoding="utf-8") as handle:
        handle.write(source)
    return {"source": "python", "name": factory, "path": folder, "export": None, "factory": factory, "args": args, "sha256": digest(file)}


def library_model(source: str, name: str, **args: Any) -> dict[str, Any]:
    return {"source": source, "name": name, "path": None, "export": None, "factory": None, "args": args, "sha256": None}


@pytest.fixture
def module_name(request) -> str:
    """A module name of this test's own: the worker imports a user's module once per process."""
    return "factories_" + hashlib.sha256(request.node.nodeid.encode()).hexdigest()[:12]


def raises(spec: dict[str, Any], pointer: str, *fragments: str, shape: list[int] = SHAPE, classes: int = 3) -> str:
    with pytest.raises(UserModelError) as caught:
        built_model(spec, shape, classes, 0)
    assert caught.value.pointer == pointer
    for fragment in fragments:
        assert fragment in caught.value.message
    assert str(caught.value).startswith(f"{pointer}: ")
    return caught.value.message


# ---------------------------------------------------------------------------------------------
# python


def test_a_python_factory_gets_the_nchw_shape_and_is_seeded(tmp_path, module_name):
    spec = python_model(str(tmp_path), f"{module_name}:build", width=4)
    built = built_model(spec, SHAPE, 3, seed=7)
    again, other = built_model(spec, SHAPE, 3, seed=7).module, built_model(spec, SHAPE, 3, seed=8).module
    assert built.outputs == 3
    assert count_parameters(built.module) == (3 * 9 * 4 + 4) + 2 * 4 + (4 * 3 + 3)
    assert built.info == {
        "source": "python",
        "name": f"{module_name}:build",
        "files": [{"path": str(tmp_path / f"{module_name}.py"), "sha256": hashlib.sha256(FACTORIES.encode()).hexdigest()}],
    }
    for a, b, c in zip(built.module.parameters(), again.parameters(), other.parameters(), strict=True):
        assert torch.equal(a, b)
        if a.ndim > 1:
            assert not torch.equal(a, c)
    # The output check left the BatchNorm statistics as they were built.
    assert torch.equal(built.module[1].running_mean, torch.zeros(4))
    assert built.module[1].num_batches_tracked.item() == 0


def test_the_factory_gets_channels_first_for_images_and_the_shape_as_is_otherwise(tmp_path, module_name):
    spec = python_model(str(tmp_path), f"{module_name}:shape_of")
    assert built_model(spec, [6, 5, 2], 4, 0).module(torch.zeros(1, 2, 6, 5)).shape == (1, 4)
    assert count_parameters(built_model(spec, [10], 4, 0).module) == 10 * 4 + 4


def test_a_package_module_is_its_init_file(tmp_path, module_name):
    init = tmp_path / module_name / "__init__.py"
    init.parent.mkdir()
    init.write_text(FACTORIES, encoding="utf-8")
    spec = {**library_model("python", f"{module_name}:build"), "path": str(tmp_path), "factory": f"{module_name}:build"}
    assert built_model({**spec, "sha256": digest(str(init))}, SHAPE, 3, 0).info["files"][0]["path"] == str(init)


def test_a_factory_that_raises_gives_its_first_error_line_and_where(tmp_path, module_name):
    message = raises(python_model(str(tmp_path), f"{module_name}:bad"), "/model/factory", "ValueError: bad width")
    assert message == f"{module_name}:bad raised ValueError: bad width ({module_name}.py line {BAD_LINE})"


@pytest.mark.parametrize(
    ("function", "found"),
    [("missing", 'has no function "missing" (missing is not defined)'), ("not_callable", "(not_callable is not callable)")],
)
def test_a_module_without_the_function(tmp_path, module_name, function, found):
    raises(python_model(str(tmp_path), f"{module_name}:{function}"), "/model/factory", f"{module_name}.py has no function", found)


def test_a_missing_module_names_the_folder_and_the_files_looked_for(tmp_path, module_name):
    spec = {**python_model(str(tmp_path), f"{module_name}:build"), "factory": "absent.mod:build"}
    raises(spec, "/model/factory", f'module "absent.mod" is not in {tmp_path}', "absent/mod.py and absent/mod/__init__.py")


def test_a_module_that_fails_to_import(tmp_path, module_name):
    spec = python_model(str(tmp_path), f"{module_name}:build", source="import not_a_package_anywhere\n")
    raises(spec, "/model/factory", "raised ModuleNotFoundError: No module named 'not_a_package_anywhere'", f"({module_name}.py line 1)")


def test_a_module_the_worker_already_has_by_that_name_is_refused(tmp_path):
    spec = python_model(str(tmp_path), "json:build")
    raises(spec, "/model/factory", 'module "json" resolves to', "rename your module")


def test_an_edited_module_no_longer_matches_the_run_spec(tmp_path, module_name):
    spec = python_model(str(tmp_path), f"{module_name}:build")
    (tmp_path / f"{module_name}.py").write_text(FACTORIES + "\n# edited\n", encoding="utf-8")
    raises(spec, "/model/factory", "changed after the run spec was written", spec["sha256"], "run the suite again")


def test_a_factory_that_returns_no_module(tmp_path, module_name):
    raises(python_model(str(tmp_path), f"{module_name}:not_a_module"), "/model/factory", "returned str; expected a torch.nn.Module")


def test_an_output_size_other_than_the_class_count(tmp_path, module_name):
    spec = python_model(str(tmp_path), f"{module_name}:too_many")
    raises(spec, "/model/factory", f'model "{module_name}:too_many" outputs shape [2, 4] for a batch of 2; expected [2, 3]')


def test_a_model_that_fails_on_the_dataset_shape(tmp_path, module_name):
    spec = python_model(str(tmp_path), f"{module_name}:fixed")
    raises(spec, "/model/factory", "fails on a batch of shape [2, 64] (the dataset's shape [64]): RuntimeError: mat1 and mat2", shape=[64])


# ---------------------------------------------------------------------------------------------
# timm and torchvision


def importable(name: str) -> bool:
    try:
        importlib.import_module(name)
    except Exception:
        return False
    return True


def needs(library: str):
    return pytest.mark.skipif(not importable(library), reason=f"{library} not importable in {sys.executable}; run npm run setup:vision")


@pytest.mark.parametrize("library", ["timm", "torchvision"])
def test_a_library_that_does_not_import_names_this_python_and_sambench_python(library):
    if importable(library):
        pytest.skip(f"{library} imports in {sys.executable}: nothing to refuse")
    raises(library_model(library, "resnet18"), "/model/source", f"does not import in {sys.executable}", "SAMBENCH_PYTHON", "setup:vision")


@needs("timm")
def test_timm_builds_by_name_with_args_seeded_and_checked():
    import timm

    spec = library_model("timm", "vit_tiny_patch16_224", img_size=16, patch_size=4)
    built = build_user_model(spec, [16, 16, 3], 5, 0)
    reference = timm.create_model("vit_tiny_patch16_224", pretrained=False, num_classes=5, img_size=16, patch_size=4)
    assert count_parameters(built.module) == count_parameters(reference)
    assert built.info == {"source": "timm", "name": "vit_tiny_patch16_224", "library": "timm", "libraryVersion": timm.__version__}
    assert built.outputs == 5
    again = build_user_model(spec, [16, 16, 3], 5, 0).module
    assert all(torch.equal(a, b) for a, b in zip(built.module.parameters(), again.parameters(), strict=True))


@needs("timm")
def test_timm_unknown_name_lists_the_closest():
    raises(library_model("timm", "vit_tiny_patch16"), "/model/name", 'has no model "vit_tiny_patch16" (closest: ', "vit_tiny_patch16_224")


@needs("timm")
def test_timm_args_it_does_not_take_and_a_shape_it_does_not_fit():
    raises(library_model("timm", "resnet10t", bogus=1), "/model/args", "timm could not build resnet10t: TypeError:", "bogus")
    raises(library_model("timm", "vit_tiny_patch16_224"), "/model/name", "fails on a batch of shape [2, 3, 16, 16]", shape=[16, 16, 3])


@needs("torchvision")
def test_torchvision_builds_by_name():
    import torchvision

    built = build_user_model(library_model("torchvision", "resnet18"), [16, 16, 3], 7, 0)
    reference = torchvision.models.resnet18(weights=None, num_classes=7)
    assert count_parameters(built.module) == count_parameters(reference)
    assert built.info["libraryVersion"] == torchvision.__version__


@needs("torchvision")
def test_torchvision_unknown_name_reserved_args_and_auxiliary_outputs():
    raises(library_model("torchvision", "resnt18"), "/model/name", 'has no model "resnt18" (closest: resnet18')
    raises(library_model("torchvision", "resnet18", num_classes=3), "/model/args/num_classes", '"num_classes" is set by sambench')
    googlenet = library_model("torchvision", "googlenet", init_weights=True)
    raises(googlenet, "/model/name", "returns GoogLeNetOutputs in training mode", '"aux_logits": false', shape=[32, 32, 3])


# ---------------------------------------------------------------------------------------------
# as a process: a run, and --probe


def python_spec(tmp_path, module_name: str, function: str, **changes: Any) -> dict[str, Any]:
    spec = tiny_spec(id=f"user-{function}", dataset={"shape": SHAPE}, **changes)
    spec["model"] = python_model(str(tmp_path), f"{module_name}:{function}")
    return spec


def probe(spec: dict[str, Any], folder: str, python: str = sys.executable) -> tuple[int, list[str]]:
    file = os.path.join(folder, f"{spec['id']}.probe.json")
    with open(file, "w", encoding="utf-8") as handle:
        json.dump(spec, handle)
    done = subprocess.run(
        [python, "-m", "harness.worker.pytorch.main", file, "--probe"], capture_output=True, text=True, timeout=120, cwd=PROJECT_ROOT
    )
    return done.returncode, done.stdout.splitlines()


@pytest.mark.slow
def test_a_python_factory_trains_base_and_sam_steps(tmp_path, module_name):
    spec = python_spec(tmp_path, module_name, "build", torch={"channelsLast": True})
    run = run_worker(spec, str(tmp_path))
    assert run.returncode == 0, run.stderr
    assert all(event_problems(e) == [] for e in run.events)
    env, *steps, done = run.events
    assert env["model"] == {
        "source": "python",
        "name": f"{module_name}:build",
        "files": [{"path": str(tmp_path / f"{module_name}.py"), "sha256": hashlib.sha256(FACTORIES.encode()).hexdigest()}],
    }
    assert env["parameters"] == (3 * 9 * 8 + 8) + 2 * 8 + (8 * 3 + 3)
    assert [s["kind"] for s in steps] == ["base", "sam"] * 4
    assert done["type"] == "done"
    assert "a factory module that prints" in run.stderr  # the module's print went to stderr, not among the events


@pytest.mark.slow
def test_a_run_reports_a_user_model_error_with_its_pointer(tmp_path, module_name):
    run = run_worker(python_spec(tmp_path, module_name, "bad"), str(tmp_path))
    assert run.returncode == 1
    assert [e["type"] for e in run.events] == ["error"]
    assert run.events[0]["message"] == f"/model/factory: {module_name}:bad raised ValueError: bad width ({module_name}.py line {BAD_LINE})"


@pytest.mark.slow
def test_probe_prints_one_line_parameters_and_outputs(tmp_path, module_name):
    code, lines = probe(python_spec(tmp_path, module_name, "build"), str(tmp_path))
    assert code == 0
    assert [json.loads(line) for line in lines] == [{"type": "probe", "parameters": (3 * 9 * 8 + 8) + 2 * 8 + (8 * 3 + 3), "outputs": 3}]
    code, lines = probe(tiny_spec(id="builtin-probe"), str(tmp_path))
    assert (code, [json.loads(line) for line in lines]) == (0, [{"type": "probe", "parameters": 16 * 16 + 16 + 16 * 3 + 3, "outputs": 3}])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("function", "pointer", "message"),
    [
        ("bad", "/model/factory", f"{{m}}:bad raised ValueError: bad width ({{m}}.py line {BAD_LINE})"),
        ("too_many", "/model/factory", 'model "{m}:too_many" outputs shape [2, 4] for a batch of 2; expected [2, 3]'),
    ],
)
def test_probe_error_is_one_line_with_the_pointer_and_exit_code_2(tmp_path, module_name, function, pointer, message):
    code, lines = probe(python_spec(tmp_path, module_name, function), str(tmp_path))
    assert code == 2
    assert len(lines) == 1
    event = json.loads(lines[0])
    assert event["type"] == "probe-error"
    assert event["pointer"] == pointer
    assert event["message"].startswith(message.format(m=module_name))


@pytest.mark.slow
def test_probe_of_a_spec_that_is_no_run_spec_is_an_error_event(tmp_path):
    code, lines = probe(tiny_spec(id="broken", seed="x"), str(tmp_path))
    assert code == 1
    assert [json.loads(line)["type"] for line in lines] == ["error"]
    assert "/seed: expected integer" in json.loads(lines[0])["message"]
