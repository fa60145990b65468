"""The PyTorch builders, loaders and SAM-variant dispatch are exactly the built-in models, dataset formats
and SAM variants schemas/registry/ gives PyTorch."""

import inspect
import pkgutil

import pytest

import harness.sam.pytorch.strategies as strategies
from harness.sam.pytorch.strategies import builtin_module
from harness.worker.pytorch.datasets import SPLIT_LOADERS
from harness.worker.pytorch.models import BUILDERS
from harness.worker.pytorch.registry import (
    builtin_models,
    dataset_entry,
    datasets,
    is_convolutional,
    registry,
    sam_variants,
    syncs_first_gradient,
)
from harness.worker.pytorch.user_variants import PLUGIN_KIND


def test_builders_are_the_registrys_torch_models():
    assert sorted(BUILDERS) == sorted(builtin_models("torch"))


def test_convolutional_comes_from_the_registry():
    assert not is_convolutional({"source": "builtin", "name": "mlp"})
    assert is_convolutional({"source": "builtin", "name": "resnet20"})
    assert set(registry("models")["sources"]) >= {"builtin", "python", "timm", "torchvision"}


def test_loaders_are_the_formats_of_the_registrys_torch_datasets():
    formats = {dataset_entry(name)["format"] for name in datasets("torch")} - {None}
    assert sorted(SPLIT_LOADERS) == sorted(formats)


# --- SAM variants -------------------------------------------------------------------------------


def _strategy_classes(kind: str) -> list[type]:
    module = builtin_module(kind)
    return [c for c in vars(module).values() if inspect.isclass(c) and c.__module__ == module.__name__ and hasattr(c, "is_sam_step")]


@pytest.mark.parametrize("kind", sam_variants())
def test_every_sam_variant_of_the_registry_has_a_strategy_module_with_build(kind: str):
    module = builtin_module(kind)
    assert callable(getattr(module, "build", None)), f"harness/sam/pytorch/strategies/{kind}.py has no build(variant, context)"
    assert [c.name for c in _strategy_classes(kind)] == [kind]


def test_the_strategy_modules_are_the_registrys_variants():
    modules = {m.name for m in pkgutil.iter_modules(strategies.__path__)}
    assert sorted(modules) == sorted(sam_variants())
    assert PLUGIN_KIND not in sam_variants()


def test_the_first_gradient_is_synced_for_the_variants_the_registry_names():
    assert [k for k in sam_variants() if syncs_first_gradient(k)] == ["looksam", "aesam"]
    for kind in sam_variants():
        assert [bool(getattr(c, "syncs_first_gradient", False)) for c in _strategy_classes(kind)] == [syncs_first_gradient(kind)]
