"""A user's SAM variant (run spec `sam.variant.kind` "python"): a plugin with the strategy API of
harness/sam/pytorch/strategy.py, loaded as a user's python model is (user_models.py's helpers).

    {"kind": "python", "name": "warmup", "path": "/abs/my_variants.py", "function": "build",
     "sha256": "<hex>", "args": {...}}

`path`'s SHA-256 (of its bytes, as `sha256sum` prints it; harness/suite/sam-plugins.ts writes it)
is checked against `sha256`; the module is imported by its file stem with its
folder first on sys.path, and `function(variant, context)` is called with context.args = `args`.
What it returns must have a callable `is_sam_step`. A plugin syncs its first gradient under DDP
unless it sets `syncs_first_gradient = False`.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from harness.sam.pytorch import SamStrategy, StrategyContext
from harness.worker.pytorch.user_models import (
    UserCodeError,
    call_user,
    file_sha256,
    first_on_path,
    import_user_module,
    user_function,
)

PLUGIN_KIND = "python"
"""The `sam.variant.kind` of a user's variant in a PyTorch run spec."""


class UserVariantError(UserCodeError):
    """A user's SAM variant that cannot be loaded or built (`/sam/variant/…`)."""


def load_user_strategy(variant: dict[str, Any], context: StrategyContext) -> SamStrategy:
    """The strategy `variant` (a run spec's python variant) builds for `context` (its args put in)."""
    file, function = os.path.abspath(variant["path"]), variant["function"]
    root, module_name = os.path.dirname(file), os.path.splitext(os.path.basename(file))[0]

    def fail(message: str) -> UserVariantError:
        return UserVariantError("/sam/variant/path", message)

    def fail_function(message: str) -> UserVariantError:
        return UserVariantError("/sam/variant/function", message)

    if not file.endswith(".py") or not module_name.isidentifier():
        raise fail(f"{file} is not a Python module file (name.py, its name a Python identifier)")
    digest = file_sha256(file, "/sam/variant/path", UserVariantError)
    if digest != variant["sha256"]:
        raise UserVariantError(
            "/sam/variant/sha256",
            f"{file} changed after the run spec was written (its SHA-256 is {digest}, the spec's sam.variant.sha256 "
            f"{variant['sha256']}); run the suite again so that its run specs carry the file as it is now",
        )
    label = f"{os.path.basename(file)} {function}()"
    plugin_context = replace(context, args=dict(variant.get("args") or {}))
    with first_on_path(root):
        module = import_user_module(root, module_name, file, fail)
        build = user_function(module, function, file, "expected build(variant, context) returning a SAM strategy", fail_function)
        strategy = call_user(build, label, root, fail_function, variant, plugin_context)
    if not callable(getattr(strategy, "is_sam_step", None)):
        raise fail_function(
            f"{label} in {file} returned {type(strategy).__name__}, which has no callable is_sam_step; expected a SAM strategy "
            "with is_sam_step(step, squared_grad_norm) (harness/sam/pytorch/strategy.py)"
        )
    return strategy


def plugin_syncs_first_gradient(strategy: object) -> bool:
    """Whether the worker all-reduces a plugin's first gradient: yes unless it says otherwise."""
    return bool(getattr(strategy, "syncs_first_gradient", True))
