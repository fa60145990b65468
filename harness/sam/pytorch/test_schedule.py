"""The step counter (interval, skipped steps), the explicit API's guards, the pass contexts, state."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
import torch

from harness.sam.pytorch import SAM, DynamicLossScaler
from harness.sam.pytorch.reference import ReferenceMLP


def reference_sam(**kwargs: object) -> tuple[ReferenceMLP, SAM]:
    model = ReferenceMLP(torch.float32)
    return model, SAM(torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9), **kwargs)  # type: ignore[arg-type]


def plain_closure(model: ReferenceMLP, sam: SAM):
    def closure() -> torch.Tensor:
        sam.zero_grad()
        loss = model.loss()
        sam.scale_loss(loss).backward()
        return loss

    return closure


def test_interval_3_runs_sam_on_steps_3_6_9() -> None:
    model, sam = reference_sam(rho=0.15, interval=3)
    closure = plain_closure(model, sam)
    scheduled, done = [], []
    for _ in range(10):
        scheduled.append(sam.is_sam_step())
        sam.step(closure)
        done.append(sam.last_step.sam)
        assert sam.last_step.step == sam.global_step == len(done)
        assert (sam.last_step.stats is not None) == sam.last_step.sam
    assert [n for n, sam_step in enumerate(done, 1) if sam_step] == [3, 6, 9]
    assert scheduled == done


def test_interval_1_runs_sam_on_every_step_including_the_first() -> None:
    model, sam = reference_sam()
    assert sam.is_sam_step()
    sam.step(plain_closure(model, sam))
    assert sam.last_step.sam
    assert sam.is_sam_step()


def test_skipped_steps_count() -> None:
    """float16 overflows on steps 2 (plain), 3 (SAM, first pass) and 6 (SAM, second pass): the
    schedule does not shift, SAM still runs on 6 and 9."""
    model = ReferenceMLP(torch.float32)
    scaler = DynamicLossScaler(init_scale=2.0**10)
    sam = SAM(torch.optim.SGD(model.parameters(), lr=0.1), rho=0.15, interval=3, scaler=scaler)
    blow_up = {(2, 1), (3, 1), (6, 2)}  # (step, pass)
    passes = [0]

    def closure() -> torch.Tensor:
        passes[0] += 1
        sam.zero_grad()
        loss = model.loss()
        factor = 1e38 if (sam.global_step + 1, passes[0]) in blow_up else 1.0
        sam.scale_loss(loss * factor).backward()
        return loss

    outcomes = []
    for _ in range(9):
        passes[0] = 0
        sam.step(closure)
        outcome = sam.last_step
        outcomes.append((outcome.step, outcome.sam, outcome.skipped, passes[0]))
    assert outcomes == [
        (1, False, False, 1),
        (2, False, True, 1),
        (3, True, True, 1),  # no perturbation, no second pass
        (4, False, False, 1),
        (5, False, False, 1),
        (6, True, True, 2),
        (7, False, False, 1),
        (8, False, False, 1),
        (9, True, False, 2),
    ]
    assert scaler.loss_scale == 2.0**7


def test_the_explicit_api_guards_the_schedule() -> None:
    model, sam = reference_sam(interval=2)
    model.loss().backward()
    with pytest.raises(RuntimeError, match=r"first_step\(\) on step 1, which is not a SAM step \(interval 2\): call base_step\(\)"):
        sam.first_step()
    with pytest.raises(RuntimeError, match="without a pending first_step"):
        sam.second_step()
    assert sam.base_step() is True
    assert sam.global_step == 1
    sam.zero_grad()
    model.loss().backward()
    with pytest.raises(RuntimeError, match=r"base_step\(\) on step 2, which is a SAM step .*first_step\(\) then second_step\(\)"):
        sam.base_step()
    sam.first_step()
    with pytest.raises(RuntimeError, match="while the weights are perturbed"):
        sam.first_step()
    assert sam.global_step == 1
    model.loss().backward()
    assert sam.second_step() is True
    assert sam.global_step == 2


def test_first_step_needs_a_gradient_and_zeroes_it() -> None:
    model, sam = reference_sam()
    with pytest.raises(RuntimeError, match="found no gradient"):
        sam.first_step()
    model.loss().backward()
    sam.first_step()
    assert all(p.grad is None for p in model.parameters())


def test_only_parameters_with_a_gradient_are_perturbed() -> None:
    model, sam = reference_sam(interval=1)
    model.fc1.weight.requires_grad_(False)
    frozen = model.fc1.weight.detach().clone()
    model.loss().backward()
    stats = sam.first_step()
    assert torch.equal(model.fc1.weight, frozen)
    assert abs(stats.as_dict()["perturbationNorm"] - 0.05) < 1e-7


def test_step_needs_a_closure_and_leaves_no_perturbation_when_the_second_pass_fails() -> None:
    model, sam = reference_sam()
    with pytest.raises(TypeError, match="needs a closure"):
        sam.step()
    before = model.flat_params()
    calls = [0]

    def failing() -> torch.Tensor:
        calls[0] += 1
        if calls[0] == 2:
            raise KeyboardInterrupt
        return plain_closure(model, sam)()

    with pytest.raises(KeyboardInterrupt):
        sam.step(failing)
    after = model.flat_params()
    assert max(abs(a - b) for a, b in zip(after, before, strict=True)) < 1e-8
    assert sam.global_step == 0
    sam.step(plain_closure(model, sam))  # and it can go on
    assert sam.last_step.step == 1


def test_the_first_pass_context_wraps_the_first_pass_of_sam_steps_only() -> None:
    model, sam = reference_sam(interval=2)
    log: list[str] = []

    @contextlib.contextmanager
    def no_sync() -> Iterator[None]:
        log.append(f"enter {sam.global_step + 1}")
        yield
        log.append("exit")

    sam.first_pass_context = no_sync

    def closure() -> torch.Tensor:
        log.append("pass")
        return plain_closure(model, sam)()

    for _ in range(4):
        sam.step(closure)
    assert log == ["pass", "enter 2", "pass", "exit", "pass", "pass", "enter 4", "pass", "exit", "pass"]


class BatchNormNet(torch.nn.Module):
    def __init__(self) -> None:
        super().__init__()
        torch.manual_seed(0)
        self.fc = torch.nn.Linear(4, 3)
        self.bn = torch.nn.BatchNorm1d(3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.bn(self.fc(x))


@pytest.mark.parametrize("state", ["discard", "keep"])
def test_second_pass_state_for_batchnorm(state: str) -> None:
    model = BatchNormNet()
    x, y = torch.randn(16, 4, generator=torch.Generator().manual_seed(1)), torch.arange(16) % 3
    first_pass_only = BatchNormNet()
    first_pass_only(x)  # the running stats after one forward at w
    sam = SAM(torch.optim.SGD(model.parameters(), lr=0.1), rho=0.5, module=model, second_pass_state=state)

    def closure() -> torch.Tensor:
        sam.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(x), y)
        loss.backward()
        return loss

    sam.step(closure)
    same = torch.equal(model.bn.running_mean, first_pass_only.bn.running_mean) and torch.equal(
        model.bn.running_var, first_pass_only.bn.running_var
    )
    if state == "discard":
        assert same
        assert model.bn.num_batches_tracked.item() == 1
    else:
        assert not same
        assert model.bn.num_batches_tracked.item() == 2


def test_state_and_param_groups_are_the_base_optimizers() -> None:
    model, sam = reference_sam(interval=1)
    base = sam.base_optimizer
    assert sam.param_groups is base.param_groups
    assert set(base.param_groups[0]) == set(torch.optim.SGD(model.parameters(), lr=0.1).param_groups[0])  # no keys added
    scheduler = torch.optim.lr_scheduler.StepLR(base, step_size=1, gamma=0.5)
    sam.step(plain_closure(model, sam))
    scheduler.step()
    assert sam.param_groups[0]["lr"] == 0.05
    assert sam.state_dict() == base.state_dict()
    assert "momentum_buffer" in next(iter(sam.state.values()))
    _, fresh = reference_sam(interval=1)
    fresh.load_state_dict(sam.state_dict())
    assert fresh.param_groups[0]["lr"] == 0.05
    assert fresh.param_groups is fresh.base_optimizer.param_groups
