"""One optimisation step of a run, SAM or plain, in any precision, single or data-parallel.

SAM runs drive `harness.sam.pytorch.SAM` explicitly (its documented loop), with the strategy of the
spec's `sam.variant` (a built-in's module harness/sam/pytorch/strategies/<kind>.py, or a user's
plugin, user_variants.py): first pass inside `sam.first_pass()` (DDP's `no_sync` on SAM steps unless
`syncFirstGradient` or the strategy syncs its first gradient, as LookSAM and AE-SAM do), `first_step()`,
the perturbed pass inside `sam.second_pass()` (which discards its BatchNorm writes when
secondPassState is "discard"), `second_step()`. A strategy that selects samples (ESAM) takes per-sample
losses: the first pass backpropagates their mean, and inside `sam.second_pass()` (so "discard" covers
both passes at w + e) a forward without gradient over the batch gives the losses at w + e, from which
`sam.select_samples` picks the second pass's samples. Baseline runs (spec.sam null) use `PlainStepper`,
the same interface around the base optimizer alone, so the training loop has one shape.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from harness.sam.pytorch import SAM, AeSamScheduleOptions, DynamicLossScaler, RandomScheduleOptions, SamStrategy, StepKind, StrategyContext
from harness.sam.pytorch.strategies import builtin_module
from harness.worker.pytorch.precision import Precision
from harness.worker.pytorch.prng import Mulberry32, mix_seed
from harness.worker.pytorch.registry import sam_variants
from harness.worker.pytorch.user_variants import PLUGIN_KIND, load_user_strategy, plugin_syncs_first_gradient

# Stream id of the random SAM schedule's draws, mix_seed(seed, stream), as SAM_SCHEDULE_STREAM in
# harness/sam/random-schedule.ts; order 1, synthetic content 2, augmentation 3, subset 4, label noise 5,
# MixUp 7 (mixup.py).
SAM_SCHEDULE_STREAM = 6


@dataclass(frozen=True)
class StepResult:
    """What a step did: its first-pass loss (a 0-d tensor still on the device) and outcome."""

    loss: torch.Tensor
    # The step event's kind: "sam", "base", or "reuse" (LookSAM: a plain step that added the kept g_v).
    kind: StepKind
    skipped: bool
    # ‖g‖ of the first pass (SAM steps that perturbed), left on the device: reading it syncs.
    first_grad_norm: torch.Tensor | None


class PlainStepper:
    """The base optimizer alone, with SAM's step interface (and the same float16 skip rule)."""

    def __init__(self, base: torch.optim.Optimizer, scaler: DynamicLossScaler | None) -> None:
        self.base_optimizer = base
        self.scaler = scaler

    def is_sam_step(self) -> bool:
        return False

    def first_pass(self) -> AbstractContextManager[object]:
        return contextlib.nullcontext()

    def scale_loss(self, loss: torch.Tensor) -> torch.Tensor:
        return self.scaler.scale(loss) if self.scaler is not None else loss

    def zero_grad(self, set_to_none: bool = True) -> None:
        self.base_optimizer.zero_grad(set_to_none=set_to_none)

    @torch.no_grad()
    def base_step(self) -> bool:
        if self.scaler is not None:
            params = [p for g in self.base_optimizer.param_groups for p in g["params"] if p.grad is not None]
            finite = self.scaler.unscale_and_check(params)
            self.scaler.update(found_inf=not finite)
            if not finite:
                return False
        self.base_optimizer.step()
        return True


def make_stepper(
    spec: dict,
    base: torch.optim.Optimizer,
    module: torch.nn.Module,
    precision: Precision,
    no_sync: Callable[[], AbstractContextManager[object]] | None,
) -> SAM | PlainStepper:
    """SAM around `base` for a SAM run, else PlainStepper. `no_sync`: DDP's, for an unsynced first gradient."""
    scaler = DynamicLossScaler() if precision.scales_loss else None
    options = spec["sam"]
    if options is None:
        return PlainStepper(base, scaler)
    strategy = build_strategy(spec)
    # LookSAM's g_v comes from the first gradient too: every rank must project onto the same one;
    # AE-SAM decides from it: every rank must decide alike. A user's plugin syncs unless it says not.
    plugin = options["variant"]["kind"] == PLUGIN_KIND
    syncs = plugin_syncs_first_gradient(strategy) if plugin else bool(getattr(strategy, "syncs_first_gradient", False))
    sync_first = spec["torch"]["syncFirstGradient"] or syncs
    return SAM(
        base,
        rho=options["rho"],
        epsilon=options["epsilon"],
        interval=options["interval"],
        adaptive=options["adaptive"],
        second_pass_state=options["secondPassState"],
        module=module,
        scaler=scaler,
        first_pass_context=None if sync_first else no_sync,
        strategy=strategy,
    )


def strategy_context(spec: dict) -> StrategyContext:
    """What a SAM run spec gives its variant's `build`: the run's steps (warm-up included), interval,
    epsilon, and the seed's schedule draws (stream 6, as the TF.js worker)."""
    steps, sam = spec["steps"], spec["sam"]
    return StrategyContext(
        seed=spec["seed"],
        total_steps=steps["warmup"] + steps["measured"],
        interval=sam["interval"],
        epsilon=sam["epsilon"],
        random=schedule_draws(spec["seed"]),
        args={},
    )


def build_strategy(spec: dict) -> SamStrategy:
    """The strategy of a SAM run spec's `sam.variant`: `build(variant, context)` of its built-in module
    (a kind of schemas/registry/sam-variants.json) or of the user's plugin file."""
    variant = spec["sam"]["variant"]
    kind = variant["kind"]
    if kind == PLUGIN_KIND:
        return load_user_strategy(variant, strategy_context(spec))
    if kind not in sam_variants():
        known = ", ".join([*sam_variants(), PLUGIN_KIND])
        raise ValueError(f'sam.variant.kind "{kind}" is not a SAM variant of the PyTorch worker ({known})')
    return builtin_module(kind).build(variant, strategy_context(spec))


def sam_schedule(spec: dict) -> RandomScheduleOptions | AeSamScheduleOptions | None:
    """The schedule options of a spec whose `sam.variant` is "random" (draws from the run seed) or "aesam", else None."""
    options = getattr(build_strategy(spec), "options", None)
    return options if isinstance(options, RandomScheduleOptions | AeSamScheduleOptions) else None


def schedule_draws(seed: int) -> Callable[[], float]:
    """The random schedule's draws of a run seed, one per call: mulberry32 of mix_seed(seed, 6), as the TF.js worker."""
    stream = Mulberry32(mix_seed(seed, SAM_SCHEDULE_STREAM))
    return lambda: float(stream.take(1)[0])


def train_step(
    model: torch.nn.Module,
    stepper: SAM | PlainStepper,
    precision: Precision,
    x: torch.Tensor,
    y: torch.Tensor,
    label_smoothing: float = 0.0,
) -> StepResult:
    """Runs one step on batch (x, y); `model` is the DDP wrapper in data-parallel runs. `y`: class
    indices, or MixUp's float targets [rows, classes]; the loss is cross-entropy against y smoothed
    to (1 − ε)·y + ε/classes (`optimizer.labelSmoothing`), in both SAM passes."""

    def forward_backward() -> torch.Tensor:
        with precision.autocast():
            logits = model(x)
        # The loss in float32 whatever the autocast dtype: a float16 softmax would lose it.
        loss = F.cross_entropy(logits.float(), y, label_smoothing=label_smoothing)
        stepper.scale_loss(loss).backward()
        return loss.detach()

    if isinstance(stepper, SAM) and stepper.selects_samples:
        return _selecting_step(model, stepper, precision, x, y, label_smoothing)
    stepper.zero_grad(set_to_none=True)
    with stepper.first_pass():
        loss = forward_backward()
    if not stepper.is_sam_step():
        applied = stepper.base_step()
        outcome = stepper.last_step if isinstance(stepper, SAM) else None  # SAM tells "base" from LookSAM's "reuse"
        return StepResult(loss, outcome.kind if outcome is not None else "base", skipped=not applied, first_grad_norm=None)
    assert isinstance(stepper, SAM)
    stats = stepper.first_step()
    if stats is None:  # float16 overflow in the first pass: nothing perturbed, step skipped
        return StepResult(loss, "sam", skipped=True, first_grad_norm=None)
    # An error here leaves the weights perturbed; it ends the run, so nothing reads them again.
    with stepper.second_pass():
        forward_backward()
    applied = stepper.second_step()
    return StepResult(loss, "sam", skipped=not applied, first_grad_norm=stats.grad_norm)


def _per_sample_losses(
    model: torch.nn.Module, precision: Precision, x: torch.Tensor, y: torch.Tensor, label_smoothing: float
) -> torch.Tensor:
    with precision.autocast():
        logits = model(x)
    return F.cross_entropy(logits.float(), y, reduction="none", label_smoothing=label_smoothing)


def _selecting_step(
    model: torch.nn.Module, sam: SAM, precision: Precision, x: torch.Tensor, y: torch.Tensor, label_smoothing: float
) -> StepResult:
    """A SAM step whose second pass runs on the samples the strategy selects (ESAM): per-sample losses
    at w, their mean backpropagated; at w + e a forward without gradient, then the selected samples."""
    sam.zero_grad(set_to_none=True)
    if not sam.is_sam_step():
        raise RuntimeError(f"SAM ({sam.strategy.name}): a strategy that selects samples must take SAM on every step")
    with sam.first_pass():
        loss_before = _per_sample_losses(model, precision, x, y, label_smoothing)
        loss = loss_before.mean()
        sam.scale_loss(loss).backward()
    loss, loss_before = loss.detach(), loss_before.detach()
    stats = sam.first_step()
    if stats is None:  # float16 overflow in the first pass: nothing perturbed, step skipped
        return StepResult(loss, "sam", skipped=True, first_grad_norm=None)
    # An error here (a gamma that selects no sample) leaves the weights perturbed; it ends the run.
    with sam.second_pass():
        with torch.no_grad():
            loss_after = _per_sample_losses(model, precision, x, y, label_smoothing)
        keep = sam.select_samples(loss_before, loss_after)
        sam.scale_loss(_per_sample_losses(model, precision, x[keep], y[keep], label_smoothing).mean()).backward()
    applied = sam.second_step()
    return StepResult(loss, "sam", skipped=not applied, first_grad_norm=stats.grad_norm)
