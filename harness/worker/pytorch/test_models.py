"""Models: parameter counts against the papers / torchvision, seeded init, shapes, channels_last, errors."""

from __future__ import annotations

import math

import pytest
import torch

from harness.sam.pytorch import SAM
from harness.worker.pytorch.models import build_model, count_parameters
from harness.worker.pytorch.registry import registry


def build(name: str, shape: list[int], classes: int = 10, seed: int = 0, **extra):
    return build_model({"name": name, "hidden": [256], "batchNorm": False, **extra}, shape, classes, seed)


@pytest.mark.parametrize(
    ("name", "shape", "classes", "extra", "expected"),
    [
        ("mlp", [784], 10, {}, 784 * 256 + 256 + 256 * 10 + 10),  # 203,530
        ("mlp", [28, 28, 1], 10, {"batchNorm": True}, 203_530 + 2 * 256),
        ("small-cnn", [32, 32, 3], 10, {}, 896 + 18_496 + 2304 * 10 + 10),  # 42,442
        ("small-cnn", [28, 28, 1], 10, {"batchNorm": True}, 34_826 + 2 * 96),
        # Option A shortcuts, no conv bias: akamaster/pytorch_resnet_cifar10's resnet20.
        ("resnet20", [32, 32, 3], 10, {}, 269_722),
        ("wrn-16-4", [32, 32, 3], 10, {}, 2_748_890),
        # torchvision's resnet18 and resnet50 (v1.5) at 1000 classes.
        ("resnet18", [224, 224, 3], 1000, {}, 11_689_512),
        ("resnet50", [224, 224, 3], 1000, {}, 25_557_032),
    ],
)
def test_parameter_counts(name, shape, classes, extra, expected):
    # On the meta device: the same modules and shapes, no weights drawn (resnet50's 25 M took seconds).
    with torch.device("meta"):
        model = build(name, shape, classes, **extra)
    assert count_parameters(model) == expected


@pytest.mark.parametrize("name", list(registry("models")["builtin"]))
def test_registry_reference_parameter_count(name):
    """Every built-in model of the registry gives its reference count (the TF.js test checks the same)."""
    reference = registry("models")["builtin"][name]["reference"]
    with torch.device("meta"):
        model = build(name, reference["inputShape"], reference["classes"])
    assert count_parameters(model) == reference["parameters"]


def test_resnet20_has_only_batchnorm_buffers_and_pad_shortcuts():
    model = build("resnet20", [32, 32, 3])
    running = sum(b.numel() for n, b in model.named_buffers() if "running" in n)
    assert running == 2 * 688  # 688 BatchNorm channels, mean and variance each
    assert not any(isinstance(m, torch.nn.Conv2d) and m.kernel_size == (1, 1) for m in model.modules())


def test_same_seed_same_weights_other_seed_other_weights():
    a, b, c = build("resnet20", [32, 32, 3], seed=5), build("resnet20", [32, 32, 3], seed=5), build("resnet20", [32, 32, 3], seed=6)
    for (name, pa), pb, pc in zip(a.named_parameters(), b.parameters(), c.parameters(), strict=True):
        assert torch.equal(pa, pb), name
        if pa.ndim > 1:
            assert not torch.equal(pa, pc), name


def test_init_follows_keras_he_normal_and_glorot():
    model = build("mlp", [784], hidden=[512])
    hidden, logits = model.body[1].weight, model.logits.weight
    std = (2 / 784) ** 0.5
    assert hidden.abs().max() <= 2 * std / 0.87962566103423978 + 1e-6  # truncated at 2 sigma
    assert abs(hidden.std().item() - std) < 0.05 * std
    assert logits.abs().max() <= (6 / (512 + 10)) ** 0.5
    assert torch.count_nonzero(model.logits.bias) == 0


@pytest.mark.parametrize("name", ["small-cnn", "resnet20", "wrn-16-4", "resnet18", "resnet50", "vit-tiny"])
def test_logits_shape_and_channels_last_match(name):
    model = build(name, [32, 32, 3], classes=7, batchNorm=True).eval()
    x = torch.randn(2, 3, 32, 32)
    with torch.no_grad():
        plain = model(x)
        fast = model.to(memory_format=torch.channels_last)(x.contiguous(memory_format=torch.channels_last))
    assert plain.shape == (2, 7)
    assert torch.allclose(plain, fast, atol=1e-4, rtol=1e-4)


def test_conv_models_refuse_vectors():
    with pytest.raises(ValueError, match=r'model "resnet20" needs image inputs'):
        build("resnet20", [784])
    with pytest.raises(ValueError, match="at least 10x10"):
        build("small-cnn", [8, 8, 1])
    with pytest.raises(ValueError, match='unknown model "vgg"'):
        build("vgg", [32, 32, 3])


# vit-tiny: per block LN 128 + qkv 12,480 + proj 4,160 + LN 128 + fc1 8,320 + fc2 8,256 (harness/worker/models/vit-tiny.ts).
VIT_BLOCKS = 4 * 33_472


@pytest.mark.parametrize(
    ("shape", "classes", "expected"),
    [
        ([32, 32, 3], 10, 3136 + 64 + 65 * 64 + VIT_BLOCKS + 128 + 650),  # 142,026, the registry's reference
        ([28, 28, 1], 10, 1088 + 64 + 50 * 64 + VIT_BLOCKS + 128 + 650),  # 139,018
        ([30, 30, 1], 100, 1088 + 64 + 50 * 64 + VIT_BLOCKS + 128 + 64 * 100 + 100),  # 30 // 4 = 7 patches a side
    ],
)
def test_vit_tiny_parameter_count_and_logits_shape(shape, classes, expected):
    model = build("vit-tiny", shape, classes)
    assert count_parameters(model) == expected
    assert not list(model.buffers())
    h, w, c = shape
    with torch.no_grad():
        logits = model(torch.rand(5, c, h, w))
    assert logits.shape == (5, classes)
    assert torch.isfinite(logits).all()


def test_vit_tiny_seeded_init():
    a, b, c = (build("vit-tiny", [28, 28, 1], seed=s) for s in (4, 4, 5))
    for (name, pa), pb, pc in zip(a.named_parameters(), b.parameters(), c.parameters(), strict=True):
        assert torch.equal(pa, pb), name
        drawn = (name.endswith("weight") and pa.ndim > 1) or name == "position"
        assert torch.equal(pa, pc) != drawn, name
    assert torch.count_nonzero(a.class_token) == 0
    assert a.position.abs().max() <= 2 * 0.02 / 0.87962566103423978 + 1e-6
    # Glorot-uniform on the conv's Keras fans: 4·4·1 in, 4·4·64 out.
    assert a.patch_embed.weight.abs().max() <= (6 / (16 + 16 * 64)) ** 0.5


def test_vit_tiny_trains_with_sam_without_nan():
    model = build("vit-tiny", [28, 28, 1], seed=1)
    sam = SAM(torch.optim.SGD(model.parameters(), lr=0.05), rho=0.05)
    generator = torch.Generator().manual_seed(2)
    x, y = torch.rand(8, 1, 28, 28, generator=generator), torch.arange(8)

    def closure() -> torch.Tensor:
        sam.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(x), y)
        loss.backward()
        return loss.detach()

    losses = [sam.step(closure).item() for _ in range(5)]
    assert all(math.isfinite(v) for v in losses)
    assert losses[-1] < losses[0]
    assert all(torch.isfinite(p).all() for p in model.parameters())
