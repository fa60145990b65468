"""The PyTorch builders and loaders are exactly the built-in models and dataset formats schemas/registry/ gives PyTorch."""

from harness.worker.pytorch.datasets import SPLIT_LOADERS
from harness.worker.pytorch.models import BUILDERS
from harness.worker.pytorch.registry import builtin_models, dataset_entry, datasets, is_convolutional, registry


def test_builders_are_the_registrys_torch_models():
    assert sorted(BUILDERS) == sorted(builtin_models("torch"))


def test_convolutional_comes_from_the_registry():
    assert not is_convolutional({"source": "builtin", "name": "mlp"})
    assert is_convolutional({"source": "builtin", "name": "resnet20"})
    assert set(registry("models")["sources"]) >= {"builtin", "python", "timm", "torchvision"}


def test_loaders_are_the_formats_of_the_registrys_torch_datasets():
    formats = {dataset_entry(name)["format"] for name in datasets("torch")} - {None}
    assert sorted(SPLIT_LOADERS) == sorted(formats)
