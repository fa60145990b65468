"""A user's model (run spec `model.source` "python", "timm" or "torchvision"), built as the
built-ins are: seeded, on the CPU, for inputs of the dataset's shape.

- python: `factory` "module:function" is imported from `path` (the suite file's folder, put first
  on sys.path while the module is imported and the factory runs) after its module file's SHA-256
  is checked against the run spec's `sha256` (the digest harness/suite/user-model.ts `digestOf`
  computes); the function is called with `(input_shape, classes, seed, **args)`, where
  `input_shape` is one sample as the model receives it: (channels, height, width) for images (the
  worker feeds NCHW tensors, as batches.py gives the built-ins), the dataset's shape otherwise;
- timm: `timm.create_model(name, pretrained=False, num_classes=classes, **args)`;
- torchvision: `torchvision.models.get_model(name, weights=None, num_classes=classes, **args)`.

Every model is then run once, in training mode, on a zero batch of 2 (its BatchNorm statistics
and the random state restored after): its output must be logits [batch, classes].

Every problem a user can fix is a UserModelError carrying the run spec key at fault (`/model/…`),
the one classification both the probe (`main.py --probe`) and a run's `error` event use. The helpers
that import a user's module and call its function serve a user's SAM variant too (user_variants.py).
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import importlib
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import torch
from torch import nn

from harness.worker.pytorch.regular_file import UnreadableFile, open_regular

# harness/read-file.ts READ_LIMITS.model: the largest model file read.
MAX_MODEL_FILE_BYTES = 2 * 1024 * 1024 * 1024
CHECK_BATCH = 2
CLOSEST_NAMES = 5
# Keys the worker sets itself, from the run: a user's `args` may not set them again.
RESERVED_ARGS = {"timm": ("pretrained", "num_classes"), "torchvision": ("weights", "num_classes")}
SETUP_VISION = (
    "run `npm run setup:vision` and set SAMBENCH_PYTHON=.venv-vision/bin/python, or point SAMBENCH_PYTHON at a Python that has it"
)


class UserCodeError(Exception):
    """A problem a user can fix in the code or files they gave; `pointer` is the run spec key at fault."""

    def __init__(self, pointer: str, message: str) -> None:
        super().__init__(f"{pointer}: {message}")
        self.pointer = pointer
        self.message = message


class UserModelError(UserCodeError):
    """A user's model that cannot be built or does not fit the dataset (`/model/…`)."""


@dataclass
class BuiltModel:
    """A model, what the env event says of it (`model`), and its output size when it was checked."""

    module: nn.Module
    info: dict[str, Any]
    outputs: int | None = None


def first_line(error: BaseException) -> str:
    """`ValueError: bad width`: an exception's type and the first line of its message."""
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__


def _raised_at(error: BaseException, root: str) -> str:
    """` (my_models.py line 7)`: the innermost frame of the user's folder the error passed through."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if os.path.abspath(f.filename).startswith(root + os.sep)]
    return f" ({os.path.relpath(frames[-1].filename, root)} line {frames[-1].lineno})" if frames else ""


def input_shape(shape: list[int]) -> tuple[int, ...]:
    """One sample as the model receives it: [h, w, c] images become (c, h, w) (batches.py's NCHW)."""
    return (shape[2], shape[0], shape[1]) if len(shape) == 3 else tuple(shape)


# ---------------------------------------------------------------------------------------------
# python: a factory in the user's module


def module_file(root: str, module: str) -> str:
    """`a.b` is a/b.py, or the package a/b/__init__.py, in `root` (harness/suite/user-model.ts pythonModuleFile)."""
    parts = module.split(".")
    candidates = [os.path.join(root, *parts) + ".py", os.path.join(root, *parts, "__init__.py")]
    for file in candidates:
        if os.path.exists(file):
            return file
    looked = " and ".join(os.path.relpath(c, root) for c in candidates)
    raise UserModelError(
        "/model/factory",
        f'module "{module}" is not in {root} (looked for {looked}); the module is imported from the suite file\'s folder',
    )


def file_sha256(file: str, pointer: str = "/model/factory", error_type: type[UserCodeError] = UserModelError) -> str:
    """The SHA-256 of `file`, read through the guarded open (a regular file of at most 2 GiB)."""
    try:
        handle, _ = open_regular(file, MAX_MODEL_FILE_BYTES, "a Python module")
    except UnreadableFile as error:
        raise error_type(pointer, str(error)) from None
    digest = hashlib.sha256()
    with handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def files_digest(files: list[tuple[str, str]]) -> str:
    """One SHA-256 over (path, sha256) pairs: each path relative to the first file's folder (user-model.ts digestOf)."""
    base = os.path.dirname(files[0][0])
    lines = "".join(f"{os.path.relpath(path, base)}\0{sha}\n" for path, sha in files)
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


@contextlib.contextmanager
def first_on_path(folder: str) -> Iterator[None]:
    """`folder` first on sys.path while the user's module is imported and its function runs."""
    sys.path.insert(0, folder)
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            sys.path.remove(folder)


def import_user_module(root: str, module_name: str, file: str, fail: Callable[[str], UserCodeError]) -> ModuleType:
    """Module `module_name` imported (inside first_on_path(root)); it must be `file`. `fail(message)`: the error to raise."""
    try:
        module = importlib.import_module(module_name)
    except Exception as error:
        raise fail(f"importing {file} raised {first_line(error)}{_raised_at(error, root)}") from error
    loaded = os.path.realpath(getattr(module, "__file__", None) or "")
    if loaded != os.path.realpath(file):
        raise fail(f'module "{module_name}" resolves to {loaded or "a built-in module"} in the worker, not to {file}; rename your module')
    return module


def user_function(module: ModuleType, function: str, file: str, expected: str, fail: Callable[[str], UserCodeError]) -> Callable[..., Any]:
    """`module.function`, which must be callable; `expected` ends the refusal (what names the function)."""
    found = getattr(module, function, None)
    if not callable(found):
        how = "is not callable" if hasattr(module, function) else "is not defined"
        raise fail(f'{file} has no function "{function}" ({function} {how}); {expected}')
    return found


def call_user(function: Callable[..., Any], label: str, root: str, fail: Callable[[str], UserCodeError], *args: Any, **kwargs: Any) -> Any:
    """`function(*args, **kwargs)`; what it raises becomes `fail("<label> raised <first line> (<file> line <n>)")`."""
    try:
        return function(*args, **kwargs)
    except Exception as error:
        raise fail(f"{label} raised {first_line(error)}{_raised_at(error, root)}") from error


def _python_model(spec: dict[str, Any], shape: list[int], classes: int, seed: int) -> BuiltModel:
    factory, root = spec["factory"], os.path.abspath(spec["path"])
    module_name, _, function = factory.partition(":")
    if not module_name or not function:
        raise UserModelError("/model/factory", f'"{factory}" is not "module:function" (e.g. "my_models:build")')
    file = module_file(root, module_name)
    sha = file_sha256(file)
    digest = files_digest([(file, sha)])
    if digest != spec["sha256"]:
        raise UserModelError(
            "/model/factory",
            f"{file} changed after the run spec was written (its files' digest is {digest}, the spec's model.sha256 {spec['sha256']}); "
            "run the suite again so that its run specs carry the module as it is now",
        )

    def fail(message: str) -> UserModelError:
        return UserModelError("/model/factory", message)

    with first_on_path(root):
        module = import_user_module(root, module_name, file, fail)
        build = user_function(module, function, file, 'expected factory "module:function"', fail)
        torch.manual_seed(seed)
        model = call_user(build, factory, root, fail, input_shape(shape), classes, seed, **spec["args"])
    if not isinstance(model, nn.Module):
        raise UserModelError("/model/factory", f"{factory} returned {type(model).__name__}; expected a torch.nn.Module")
    info = {"source": "python", "name": spec["name"], "files": [{"path": file, "sha256": sha}]}
    return BuiltModel(model, info)


# ---------------------------------------------------------------------------------------------
# timm and torchvision: a library's model by name


def import_library(source: str) -> Any:
    """The module of `source` ("timm" or "torchvision"), or a UserModelError naming this Python."""
    try:
        return importlib.import_module(source)
    except Exception as error:
        raise UserModelError(
            "/model/source",
            f'model source "{source}" needs {source}, which does not import in {sys.executable} ({first_line(error)}); {SETUP_VISION}',
        ) from None


def _unknown_name(source: str, name: str, names: list[str]) -> UserModelError:
    close = difflib.get_close_matches(name, names, n=CLOSEST_NAMES, cutoff=0.5)
    hint = f"closest: {', '.join(close)}" if close else f"it has {len(names)} models"
    return UserModelError("/model/name", f'{source} {_version(source)} has no model "{name}" ({hint})')


def _version(source: str) -> str:
    return str(importlib.import_module(source).__version__)


def _library_model(spec: dict[str, Any], classes: int, seed: int) -> BuiltModel:
    source, name, args = spec["source"], spec["name"], spec["args"]
    library = import_library(source)
    for key in RESERVED_ARGS[source]:
        if key in args:
            why = "no pretrained weights, num_classes the dataset's classes"
            raise UserModelError(f"/model/args/{key}", f'"{key}" is set by sambench ({why}); remove it from args')
    if source == "timm":
        known = library.is_model(library.models.split_model_name_tag(name)[0])
        names = [] if known else library.list_models()
    else:
        names = library.models.list_models()
        known = name.lower() in names
    if not known:
        raise _unknown_name(source, name, names)
    torch.manual_seed(seed)
    try:
        if source == "timm":
            model = library.create_model(name, pretrained=False, num_classes=classes, **args)
        else:
            model = library.models.get_model(name, weights=None, num_classes=classes, **args)
    except Exception as error:
        pointer = "/model/args" if args and isinstance(error, TypeError) else "/model/name"
        raise UserModelError(pointer, f"{source} could not build {name}: {first_line(error)}") from error
    info = {"source": source, "name": name, "library": source, "libraryVersion": str(library.__version__)}
    return BuiltModel(model, info)


# ---------------------------------------------------------------------------------------------


def check_output(model: nn.Module, shape: list[int], classes: int, pointer: str, name: str) -> int:
    """Runs model `name` on a zero batch (training mode, no gradients) and returns its output size;
    its buffers (BatchNorm statistics) and the random state are as before. Raises unless logits [batch, classes]."""
    x = torch.zeros(CHECK_BATCH, *input_shape(shape))
    saved = {key: b.detach().clone() for key, b in model.named_buffers()}
    try:
        with torch.random.fork_rng(devices=[]), torch.no_grad():
            out = model(x)
    except Exception as error:
        raise UserModelError(
            pointer, f'model "{name}" fails on a batch of shape {list(x.shape)} (the dataset\'s shape {shape}): {first_line(error)}'
        ) from error
    finally:
        with torch.no_grad():
            for key, b in model.named_buffers():
                if key in saved:
                    b.copy_(saved[key])
    expected = f"[{CHECK_BATCH}, {classes}]"
    if not isinstance(out, torch.Tensor):
        raise UserModelError(
            pointer,
            f'model "{name}" returns {type(out).__name__} in training mode; expected a logits tensor {expected} '
            '(a model with auxiliary outputs may take an argument to leave them out, e.g. torchvision googlenet\'s "aux_logits": false)',
        )
    if tuple(out.shape) != (CHECK_BATCH, classes):
        raise UserModelError(
            pointer,
            f'model "{name}" outputs shape {list(out.shape)} for a batch of {CHECK_BATCH}; expected {expected}: '
            f"logits, one per class of the dataset's {classes}",
        )
    return int(out.shape[-1])


def build_user_model(spec: dict[str, Any], shape: list[int], classes: int, seed: int) -> BuiltModel:
    """The user's model `spec` (a run spec's UserModel), built on the CPU, seeded, its output checked."""
    source = spec["source"]
    if source == "python":
        built, pointer = _python_model(spec, list(shape), classes, seed), "/model/factory"
    elif source in RESERVED_ARGS:
        built, pointer = _library_model(spec, classes, seed), "/model/name"
    else:
        message = f'"{source}" is a model source of the TF.js worker; the PyTorch worker builds python, timm, torchvision'
        raise UserModelError("/model/source", message)
    built.outputs = check_output(built.module, list(shape), classes, pointer, spec["name"])
    return built
