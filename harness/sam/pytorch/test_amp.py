"""float16 through SAM's two passes with the DynamicLossScaler; bfloat16 with autocast alone (CPU)."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
import torch

from harness.sam.pytorch import SAM, DynamicLossScaler
from harness.sam.pytorch.reference import ReferenceMLP


def snapshot(model: torch.nn.Module) -> list[torch.Tensor]:
    return [p.detach().clone() for p in model.parameters()]


def bit_identical(model: torch.nn.Module, before: list[torch.Tensor]) -> bool:
    # torch.equal on float bits: the same values, not merely close ones.
    return all(torch.equal(p.detach().view(torch.int32), b.view(torch.int32)) for p, b in zip(model.parameters(), before, strict=True))


def fp16_setup(
    init_scale: float, interval: int = 1, momentum: float = 0.9
) -> tuple[ReferenceMLP, SAM, DynamicLossScaler, Callable[..., Callable[[], torch.Tensor]]]:
    model = ReferenceMLP(torch.float32)
    scaler = DynamicLossScaler(init_scale=init_scale)
    sam = SAM(torch.optim.SGD(model.parameters(), lr=0.1, momentum=momentum), rho=0.05, interval=interval, scaler=scaler)

    def make_closure(blow_up_call: Callable[[int], bool] = lambda _: False) -> Callable[[], torch.Tensor]:
        calls = [0]

        def closure() -> torch.Tensor:
            calls[0] += 1
            sam.zero_grad()
            with torch.autocast("cpu", dtype=torch.float16):
                loss = model.loss()
            # An injected overflow: a float32 loss of 1e38 · scale backpropagates inf.
            factor = 1e38 if blow_up_call(calls[0]) else 1.0
            sam.scale_loss(loss * factor).backward()
            return loss

        return closure

    return model, sam, scaler, make_closure


class TestScalerPolicy:
    def test_scale_unscale_and_check(self) -> None:
        scaler = DynamicLossScaler(init_scale=8.0)
        assert scaler.loss_scale == 8.0
        assert scaler.scale(torch.tensor(1.5)).item() == 12.0
        p, q = torch.nn.Parameter(torch.zeros(3)), torch.nn.Parameter(torch.zeros(2))
        p.grad, q.grad = torch.tensor([8.0, -16.0, 4.0]), None
        assert scaler.unscale_and_check([p, q]) is True
        assert p.grad.tolist() == [1.0, -2.0, 0.5]  # g / s
        for bad in (math.inf, -math.inf, math.nan):
            p.grad = torch.tensor([1.0, bad, 0.0])
            assert scaler.unscale_and_check([p]) is False
        assert scaler.unscale_and_check([q]) is True  # no gradient, nothing overflowed

    def test_backs_off_grows_and_never_grows_into_inf(self) -> None:
        scaler = DynamicLossScaler(init_scale=1024.0, growth_interval=3)
        scaler.update(found_inf=True)
        assert scaler.loss_scale == 512.0
        scaler.update(found_inf=False)
        scaler.update(found_inf=False)
        assert scaler.loss_scale == 512.0
        scaler.update(found_inf=True)  # an overflow resets the run of finite steps
        scaler.update(found_inf=False)
        scaler.update(found_inf=False)
        assert scaler.loss_scale == 256.0
        scaler.update(found_inf=False)
        assert scaler.loss_scale == 512.0
        assert scaler.state_dict() == {"scale": 512.0, "growth_tracker": 0}
        huge = DynamicLossScaler(init_scale=2.0**1023, growth_interval=1)
        huge.update(found_inf=False)
        assert huge.loss_scale == 2.0**1023

    def test_defaults(self) -> None:
        scaler = DynamicLossScaler()
        assert (scaler.loss_scale, scaler.growth_factor, scaler.backoff_factor, scaler.growth_interval) == (65536.0, 2.0, 0.5, 2000)


class TestOverflowSkipsTheStep:
    def test_first_pass_overflow_never_perturbs_and_backs_off_until_it_fits(self) -> None:
        # 2^24 · (∂L/∂logits ≈ 0.06) > 65504 in float16: the scale halves until 2^20 fits.
        model, sam, scaler, make_closure = fp16_setup(init_scale=2.0**24)
        closure = make_closure()
        before = snapshot(model)
        outcomes, scales = [], []
        for _ in range(5):
            loss = sam.step(closure)
            assert math.isfinite(loss.item())
            outcomes.append((sam.last_step.step, sam.last_step.sam, sam.last_step.skipped, sam.last_step.stats is None))
            scales.append(scaler.loss_scale)
            if sam.last_step.skipped:
                assert bit_identical(model, before)
                assert sam.base_optimizer.state == {}  # no momentum buffer: base.step() never ran
        assert outcomes == [
            (1, True, True, True),
            (2, True, True, True),
            (3, True, True, True),
            (4, True, True, True),
            (5, True, False, False),
        ]
        assert scales == [2.0**23, 2.0**22, 2.0**21, 2.0**20, 2.0**20]
        assert not bit_identical(model, before)
        assert all(torch.isfinite(p).all() for p in model.parameters())

    def test_second_pass_overflow_restores_the_weights_bit_for_bit(self) -> None:
        model, sam, scaler, make_closure = fp16_setup(init_scale=2.0**16)
        before = snapshot(model)
        sam.step(make_closure(blow_up_call=lambda call: call == 2))  # the pass at w + e overflows
        outcome = sam.last_step
        assert (outcome.step, outcome.sam, outcome.skipped) == (1, True, True)
        assert outcome.stats is not None  # it did perturb; the perturbation is gone again
        assert abs(outcome.stats.as_dict()["perturbationNorm"] - 0.05) < 1e-6
        assert bit_identical(model, before)
        assert sam.base_optimizer.state == {}
        assert scaler.loss_scale == 2.0**15
        # The next steps proceed.
        closure = make_closure()
        for step in (2, 3):
            sam.step(closure)
            assert (sam.last_step.step, sam.last_step.skipped) == (step, False)
        assert scaler.loss_scale == 2.0**15
        assert not bit_identical(model, before)

    def test_plain_step_overflow_is_skipped(self) -> None:
        model, sam, scaler, make_closure = fp16_setup(init_scale=2.0**16, interval=2)
        before = snapshot(model)
        sam.zero_grad()
        closure = make_closure(blow_up_call=lambda call: call == 1)
        closure()
        assert sam.base_step() is False
        assert (sam.last_step.step, sam.last_step.sam, sam.last_step.skipped) == (1, False, True)
        assert bit_identical(model, before)
        assert scaler.loss_scale == 2.0**15
        assert sam.is_sam_step()  # step 2 is still the SAM step


class TestMixedPrecisionSteps:
    @staticmethod
    def one_step(dtype: torch.dtype | None, scaler: DynamicLossScaler | None) -> tuple[torch.Tensor, dict[str, float]]:
        model = ReferenceMLP(torch.float32)
        start = torch.tensor(model.flat_params())
        sam = SAM(torch.optim.SGD(model.parameters(), lr=0.1), rho=0.05, scaler=scaler)

        def closure() -> torch.Tensor:
            sam.zero_grad()
            with torch.autocast("cpu", dtype=dtype or torch.float16, enabled=dtype is not None):
                loss = model.loss()
            sam.scale_loss(loss).backward()
            return loss

        sam.step(closure)
        assert sam.last_step is not None
        assert not sam.last_step.skipped
        assert sam.last_step.stats is not None
        return torch.tensor(model.flat_params()) - start, sam.last_step.stats.as_dict()

    @pytest.mark.parametrize(("dtype", "tolerance"), [(torch.float16, 2e-5), (torch.bfloat16, 2e-4)], ids=["float16", "bfloat16"])
    def test_an_autocast_step_changes_the_weights_as_float32_does(self, dtype: torch.dtype, tolerance: float) -> None:
        reference, reference_stats = self.one_step(None, None)
        scaler = DynamicLossScaler() if dtype == torch.float16 else None
        update, stats = self.one_step(dtype, scaler)
        assert update.abs().max() > 1e-3  # it moved (the float32 step moves up to 4.2e-3)
        assert (update - reference).abs().max() < tolerance
        # The norm is taken of unscaled gradients (scale 65536 would be off by 65536).
        assert abs(stats["gradNorm"] / reference_stats["gradNorm"] - 1) < 1e-2
        if scaler is not None:
            assert scaler.loss_scale == 65536.0
