"""The PyTorch builders are exactly the built-in models schemas/registry/models.json gives PyTorch."""

from harness.worker.pytorch.models import BUILDERS
from harness.worker.pytorch.registry import builtin_models, is_convolutional, registry


def test_builders_are_the_registrys_torch_models():
    assert sorted(BUILDERS) == sorted(builtin_models("torch"))


def test_convolutional_comes_from_the_registry():
    assert not is_convolutional({"source": "builtin", "name": "mlp"})
    assert is_convolutional({"source": "builtin", "name": "resnet20"})
    assert set(registry("models")["sources"]) >= {"builtin", "python", "timm", "torchvision"}
