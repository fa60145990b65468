"""The models a suite can name, written out in plain PyTorch (torchvision does not import beside
this torch build). Each returns logits; the weights are fixed by the run seed.

Architectures and parameter counts follow harness/worker/models/ (the TF.js builders):
- mlp: flatten → [linear → relu → optional BatchNorm] per hidden layer → linear;
- small-cnn: conv3x3 32 relu valid → [BN] → maxpool2 → conv3x3 64 relu valid → [BN] → maxpool2 → flatten → linear;
- resnet20: He et al. 2016 CIFAR ResNet, option-A (parameter-free) shortcuts: 269,722 at 10 classes;
- wrn-16-4: pre-activation Wide ResNet (2,748,890 at 10 classes);
- resnet18 (11,689,512 at 1000 classes) and resnet50 v1.5 (25,557,032), torchvision's layouts;
- vit-tiny: a small pre-norm Vision Transformer (142,026 at 32x32x3 and 10 classes; the sum is in
  harness/worker/models/vit-tiny.ts), initialised as its TF.js twin (VisionTransformer.initialise).
Initialisation mirrors the TF.js side: truncated He-normal (Keras' heNormal) for convs and relu
layers, Glorot-uniform for the logits layer, zero biases, BatchNorm γ = 1, β = 0. mlp and
small-cnn use Keras' BatchNorm defaults (momentum 0.99 = PyTorch 0.01, eps 1e-3) as TF.js does;
the ResNets PyTorch's (0.1, 1e-5), as their TF.js builders do too.
A user's model (run spec `model.source` "python", "timm", "torchvision") is built by user_models.py.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch
import torch.nn.functional as F
from torch import nn

from harness.worker.pytorch.user_models import BuiltModel, build_user_model

# Keras' truncated normal is cut at ±2σ, which shrinks its spread: σ is divided by this to compensate.
TRUNCATED_STD_CORRECTION = 0.87962566103423978
KERAS_BN = {"momentum": 0.01, "eps": 1e-3}


def _fan_in(weight: torch.Tensor) -> int:
    return weight.shape[1] * (weight[0][0].numel() if weight.ndim > 2 else 1)


def _he_normal(weight: torch.Tensor, generator: torch.Generator) -> None:
    std = math.sqrt(2.0 / _fan_in(weight)) / TRUNCATED_STD_CORRECTION
    nn.init.trunc_normal_(weight, 0.0, std, -2 * std, 2 * std, generator=generator)


def _glorot_uniform(weight: torch.Tensor, generator: torch.Generator) -> None:
    # Keras' fans: a conv kernel's (in, out) channels times its receptive field; a linear layer's are its sides.
    receptive = weight[0][0].numel() if weight.ndim > 2 else 1
    limit = math.sqrt(6.0 / ((weight.shape[0] + weight.shape[1]) * receptive))
    nn.init.uniform_(weight, -limit, limit, generator=generator)


def init_weights(model: nn.Module, logits: nn.Linear, seed: int) -> None:
    """Seeded initialisation in module order: equal seeds give bit-identical weights (on every rank too)."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, (nn.Conv2d, nn.Linear)):
                if module is logits:
                    _glorot_uniform(module.weight, generator)
                else:
                    _he_normal(module.weight, generator)
                if module.bias is not None:
                    module.bias.zero_()
            elif isinstance(module, (nn.BatchNorm1d, nn.BatchNorm2d)):
                module.weight.fill_(1.0)
                module.bias.zero_()


# ---------------------------------------------------------------------------------------------
# mlp and small-cnn


class Mlp(nn.Module):
    """Multilayer perceptron; any input rank is flattened."""

    def __init__(self, inputs: int, hidden: list[int], classes: int, batch_norm: bool) -> None:
        super().__init__()
        layers: list[nn.Module] = [nn.Flatten()]
        width = inputs
        for units in hidden:
            layers += [nn.Linear(width, units), nn.ReLU(inplace=True)]
            if batch_norm:
                layers.append(nn.BatchNorm1d(units, **KERAS_BN))
            width = units
        self.body = nn.Sequential(*layers)
        self.logits = nn.Linear(width, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.logits(self.body(x))


class SmallCnn(nn.Module):
    """Two valid 3x3 convs with bias and relu, each followed by a 2x2 max pool, then a linear layer."""

    def __init__(self, shape: list[int], classes: int, batch_norm: bool) -> None:
        super().__init__()
        h, w, c = shape
        layers: list[nn.Module] = []
        for filters in (32, 64):
            layers += [nn.Conv2d(c, filters, 3), nn.ReLU(inplace=True)]
            if batch_norm:
                layers.append(nn.BatchNorm2d(filters, **KERAS_BN))
            layers.append(nn.MaxPool2d(2))
            c, h, w = filters, (h - 2) // 2, (w - 2) // 2
        self.body = nn.Sequential(*layers, nn.Flatten())
        self.logits = nn.Linear(c * h * w, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.logits(self.body(x))


# ---------------------------------------------------------------------------------------------
# ResNets


def conv_bn(cin: int, cout: int, kernel: int, stride: int = 1, relu: bool = True) -> nn.Sequential:
    """conv (no bias: the BatchNorm's β replaces it) → BatchNorm [→ relu]."""
    layers: list[nn.Module] = [nn.Conv2d(cin, cout, kernel, stride, padding=kernel // 2, bias=False), nn.BatchNorm2d(cout)]
    if relu:
        layers.append(nn.ReLU(inplace=True))
    return nn.Sequential(*layers)


class PadShortcut(nn.Module):
    """Option A shortcut (He et al. 2016 §4.2): subsample by the stride, zero-pad the new channels evenly."""

    def __init__(self, cin: int, cout: int, stride: int) -> None:
        super().__init__()
        self.stride, self.before, self.after = stride, (cout - cin) // 2, cout - cin - (cout - cin) // 2

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x[:, :, :: self.stride, :: self.stride]
        return F.pad(x, (0, 0, 0, 0, self.before, self.after))


class BasicBlock(nn.Module):
    """Post-activation basic block: relu(BN(conv(relu(BN(conv(x))))) + shortcut(x))."""

    def __init__(self, cin: int, cout: int, stride: int, shortcut: str) -> None:
        super().__init__()
        self.residual = nn.Sequential(conv_bn(cin, cout, 3, stride), conv_bn(cout, cout, 3, relu=False))
        if stride == 1 and cin == cout:
            self.shortcut: nn.Module = nn.Identity()
        elif shortcut == "pad":
            self.shortcut = PadShortcut(cin, cout, stride)
        else:  # projection (option B), torchvision's `downsample`
            self.shortcut = conv_bn(cin, cout, 1, stride, relu=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu(self.residual(x) + self.shortcut(x))


class Bottleneck(nn.Module):
    """ResNet v1.5 bottleneck: 1x1 → 3x3 (carries the stride) → 1x1 (×4), projection where the shape changes."""

    def __init__(self, cin: int, width: int, stride: int) -> None:
        super().__init__()
        cout = width * 4
        self.residual = nn.Sequential(conv_bn(cin, width, 1), conv_bn(width, width, 3, stride), conv_bn(width, cout, 1, relu=False))
        self.shortcut = conv_bn(cin, cout, 1, stride, relu=False) if stride != 1 or cin != cout else nn.Identity()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu(self.residual(x) + self.shortcut(x))


class PreActBlock(nn.Module):
    """Wide ResNet block: BN → relu → conv3x3 → BN → relu → conv3x3, plus a shortcut (1x1 on the pre-activation)."""

    def __init__(self, cin: int, cout: int, stride: int) -> None:
        super().__init__()
        self.pre = nn.Sequential(nn.BatchNorm2d(cin), nn.ReLU(inplace=False))
        self.residual = nn.Sequential(
            nn.Conv2d(cin, cout, 3, stride, 1, bias=False),
            nn.BatchNorm2d(cout),
            nn.ReLU(inplace=True),
            nn.Conv2d(cout, cout, 3, 1, 1, bias=False),
        )
        self.projection = nn.Conv2d(cin, cout, 1, stride, bias=False) if stride != 1 or cin != cout else None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        pre = self.pre(x)
        # The projection reads the pre-activated input; the identity carries the raw sum (no relu after an add).
        return self.residual(pre) + (self.projection(pre) if self.projection is not None else x)


class ResNet(nn.Module):
    """stem → stages → global average pool → linear logits."""

    def __init__(self, stem: nn.Module, stages: nn.Module, features: nn.Module, channels: int, classes: int) -> None:
        super().__init__()
        self.stem, self.stages, self.features = stem, stages, features
        self.logits = nn.Linear(channels, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.features(self.stages(self.stem(x)))
        return self.logits(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


def _imagenet_stem(cin: int) -> nn.Sequential:
    return nn.Sequential(conv_bn(cin, 64, 7, 2), nn.MaxPool2d(3, 2, padding=1))


def cifar_resnet(channels: int, classes: int, blocks_per_stage: int = 3) -> ResNet:
    """He et al. 2016's CIFAR ResNet of depth 6n + 2 (n = blocks_per_stage), option-A shortcuts: resnet20 is n = 3."""
    blocks, cin = [], 16
    for stage, width in enumerate((16, 32, 64)):
        for block in range(blocks_per_stage):
            blocks.append(BasicBlock(cin, width, 2 if stage > 0 and block == 0 else 1, shortcut="pad"))
            cin = width
    return ResNet(conv_bn(channels, 16, 3), nn.Sequential(*blocks), nn.Identity(), 64, classes)


def resnet18(channels: int, classes: int) -> ResNet:
    blocks, cin = [], 64
    for stage, width in enumerate((64, 128, 256, 512)):
        for block in range(2):
            blocks.append(BasicBlock(cin, width, 2 if stage > 0 and block == 0 else 1, shortcut="project"))
            cin = width
    return ResNet(_imagenet_stem(channels), nn.Sequential(*blocks), nn.Identity(), 512, classes)


def resnet50(channels: int, classes: int) -> ResNet:
    blocks, cin = [], 64
    for stage, (width, count) in enumerate(((64, 3), (128, 4), (256, 6), (512, 3))):
        for block in range(count):
            blocks.append(Bottleneck(cin, width, 2 if stage > 0 and block == 0 else 1))
            cin = width * 4
    return ResNet(_imagenet_stem(channels), nn.Sequential(*blocks), nn.Identity(), 2048, classes)


def wrn_16_4(channels: int, classes: int) -> ResNet:
    blocks, cin = [], 16
    for width, stride in ((64, 1), (128, 2), (256, 2)):
        for block in range(2):  # (16 − 4) / 6 blocks per group
            blocks.append(PreActBlock(cin, width, stride if block == 0 else 1))
            cin = width
    stem = nn.Conv2d(channels, 16, 3, 1, 1, bias=False)
    return ResNet(stem, nn.Sequential(*blocks), nn.Sequential(nn.BatchNorm2d(cin), nn.ReLU(inplace=True)), cin, classes)


# ---------------------------------------------------------------------------------------------
# vit-tiny (Dosovitskiy et al. 2021), as harness/worker/models/vit-tiny.ts builds it

VIT_TINY = {"patch_size": 4, "dim": 64, "depth": 4, "heads": 4, "mlp_ratio": 2, "eps": 1e-6}


class SelfAttention(nn.Module):
    """Multi-head self-attention: one linear for q, k, v side by side, split as (3, heads, dim/heads), then a projection."""

    def __init__(self, dim: int, heads: int) -> None:
        super().__init__()
        self.heads = heads
        self.qkv, self.proj = nn.Linear(dim, 3 * dim), nn.Linear(dim, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        batch, tokens, dim = x.shape
        q, k, v = self.qkv(x).reshape(batch, tokens, 3, self.heads, dim // self.heads).permute(2, 0, 3, 1, 4)
        attended = F.scaled_dot_product_attention(q, k, v)  # softmax(q·kᵀ/√(dim/heads))·v
        return self.proj(attended.transpose(1, 2).reshape(batch, tokens, dim))


class EncoderBlock(nn.Module):
    """Pre-norm block: x + attention(LN(x)), then x + fc2(GELU(fc1(LN(x))))."""

    def __init__(self, dim: int, heads: int, hidden: int, eps: float) -> None:
        super().__init__()
        self.norm1, self.attention = nn.LayerNorm(dim, eps=eps), SelfAttention(dim, heads)
        self.norm2 = nn.LayerNorm(dim, eps=eps)
        self.mlp = nn.Sequential(nn.Linear(dim, hidden), nn.GELU(), nn.Linear(hidden, dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.attention(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class VisionTransformer(nn.Module):
    """Patch conv (kernel = stride = patch, no padding) → class token + position embedding → blocks → LN → head on token 0."""

    def __init__(
        self, shape: list[int], classes: int, patch_size: int, dim: int, depth: int, heads: int, mlp_ratio: int, eps: float
    ) -> None:
        super().__init__()
        h, w, c = shape
        tokens = (h // patch_size) * (w // patch_size)
        self.patch_embed = nn.Conv2d(c, dim, patch_size, patch_size)
        self.class_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.position = nn.Parameter(torch.zeros(1, tokens + 1, dim))
        self.blocks = nn.Sequential(*(EncoderBlock(dim, heads, mlp_ratio * dim, eps) for _ in range(depth)))
        self.norm = nn.LayerNorm(dim, eps=eps)
        self.logits = nn.Linear(dim, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Row-major patches, as the TF.js reshape of its NHWC conv output orders them.
        patches = self.patch_embed(x).flatten(2).transpose(1, 2)
        x = torch.cat([self.class_token.expand(x.shape[0], -1, -1), patches], dim=1) + self.position
        return self.logits(self.norm(self.blocks(x))[:, 0])

    def initialise(self, seed: int) -> None:
        """The TF.js twin's scheme: Glorot-uniform kernels (the original ViT's), zero biases and class token,
        LayerNorm γ = 1, β = 0, position embedding truncated normal σ = 0.02 at ±2σ; seeded, in module order."""
        generator = torch.Generator().manual_seed(seed)
        with torch.no_grad():
            for module in self.modules():
                if isinstance(module, (nn.Conv2d, nn.Linear)):
                    _glorot_uniform(module.weight, generator)
                    module.bias.zero_()
                elif isinstance(module, nn.LayerNorm):
                    module.weight.fill_(1.0)
                    module.bias.zero_()
            self.class_token.zero_()
            std = 0.02 / TRUNCATED_STD_CORRECTION
            nn.init.trunc_normal_(self.position, 0.0, std, -2 * std, 2 * std, generator=generator)


def _vit_tiny(spec: dict, shape: list[int], classes: int) -> nn.Module:
    h, w, _ = _image_shape("vit-tiny", shape)
    patch = VIT_TINY["patch_size"]
    if h < patch or w < patch:
        raise ValueError(f'model "vit-tiny" needs inputs of at least {patch}x{patch} (got {h}x{w})')
    return VisionTransformer(shape, classes, **VIT_TINY)


# ---------------------------------------------------------------------------------------------


def _image_shape(name: str, shape: list[int]) -> list[int]:
    if len(shape) != 3:
        raise ValueError(
            f'model "{name}" needs image inputs of shape [height, width, channels] (got {shape}, rank {len(shape)}); '
            'give the dataset a 3-D shape such as [28, 28, 1], or use model "mlp"'
        )
    return shape


def _small_cnn(spec: dict, shape: list[int], classes: int) -> nn.Module:
    h, w, _ = _image_shape("small-cnn", shape)
    if h < 10 or w < 10:
        raise ValueError(f'model "small-cnn" needs inputs of at least 10x10 (got {h}x{w})')
    return SmallCnn(shape, classes, spec["batchNorm"])


BUILDERS: dict[str, Callable[[dict, list[int], int], nn.Module]] = {
    "mlp": lambda spec, shape, classes: Mlp(math.prod(shape), spec["hidden"], classes, spec["batchNorm"]),
    "small-cnn": _small_cnn,
    "resnet20": lambda spec, shape, classes: cifar_resnet(_image_shape("resnet20", shape)[2], classes),
    "resnet56": lambda spec, shape, classes: cifar_resnet(_image_shape("resnet56", shape)[2], classes, blocks_per_stage=9),
    "wrn-16-4": lambda spec, shape, classes: wrn_16_4(_image_shape("wrn-16-4", shape)[2], classes),
    "resnet18": lambda spec, shape, classes: resnet18(_image_shape("resnet18", shape)[2], classes),
    "resnet50": lambda spec, shape, classes: resnet50(_image_shape("resnet50", shape)[2], classes),
    "vit-tiny": _vit_tiny,
}


def build_model(spec: dict, shape: list[int], classes: int, seed: int) -> nn.Module:
    """The model a run spec's `model` names, for inputs of TF.js-style `shape` ([h, w, c] or a vector), seeded."""
    return built_model(spec, shape, classes, seed).module


def built_model(spec: dict, shape: list[int], classes: int, seed: int) -> BuiltModel:
    """build_model's model with what the env event says of it; a user's model (`source` other than
    "builtin") is built by user_models.py, its output checked (UserModelError where it does not fit)."""
    source = spec.get("source", "builtin")
    if source != "builtin":
        return build_user_model(spec, shape, classes, seed)
    name = spec["name"]
    if name not in BUILDERS:
        raise ValueError(f'unknown model "{name}"; expected one of {", ".join(BUILDERS)}')
    model = BUILDERS[name](spec, list(shape), classes)
    if isinstance(model, VisionTransformer):
        model.initialise(seed)
    else:
        init_weights(model, model.logits, seed)
    return BuiltModel(model, {"source": "builtin", "name": name})


def count_parameters(model: nn.Module) -> int:
    """Trainable scalars: weights, biases, BatchNorm γ/β (not its running statistics)."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
