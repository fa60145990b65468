"""The strategy API (strategy.py): a hand-made strategy drives SAM's steps, its plain gradient makes
"reuse" steps, its perturbation shapes the ascent, and after_sam_step sees g and g_s."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import torch

from harness.sam.pytorch import SAM, DynamicLossScaler, LookSamOptions, StrategyContext
from harness.sam.pytorch.reference import ReferenceMLP
from harness.sam.pytorch.strategies import builtin_module


class OnSteps:
    """SAM on the steps listed; the optional parts given as callables."""

    name = "on-steps"

    def __init__(self, steps: set[int]) -> None:
        self.steps = steps
        self.asked: list[int] = []

    def is_sam_step(self, step: int, squared_grad_norm: Callable[[], float] | None = None) -> bool:
        assert squared_grad_norm is None  # only for a strategy that decides from the first gradient
        self.asked.append(step)
        return step in self.steps


def quadratic() -> tuple[torch.nn.Parameter, Callable[[SAM], Callable[[], torch.Tensor]]]:
    w = torch.nn.Parameter(torch.tensor([3.75, 5.0], dtype=torch.float64))

    def closure_of(sam: SAM) -> Callable[[], torch.Tensor]:
        def closure() -> torch.Tensor:
            sam.zero_grad()
            loss = 0.5 * (w[0] ** 2 + 4 * w[1] ** 2)
            sam.scale_loss(loss).backward()
            return loss

        return closure

    return w, closure_of


def test_sam_on_steps_3_and_5() -> None:
    w, closure_of = quadratic()
    strategy = OnSteps({3, 5})
    sam = SAM(torch.optim.SGD([w], lr=0.1), rho=0.5, strategy=strategy)
    assert sam.strategy is strategy
    closure = closure_of(sam)
    kinds = []
    for _ in range(6):
        sam.step(closure)
        kinds.append(sam.last_step.kind)  # type: ignore[union-attr]
    assert kinds == ["base", "base", "sam", "base", "sam", "base"]
    assert sorted(set(strategy.asked)) == [1, 2, 3, 4, 5, 6]


def test_the_explicit_loop_and_a_scaler_follow_the_strategy() -> None:
    w, closure_of = quadratic()
    sam = SAM(torch.optim.SGD([w], lr=0.1), rho=0.5, strategy=OnSteps({2}), scaler=DynamicLossScaler(init_scale=8.0))
    closure = closure_of(sam)
    closure()
    assert not sam.is_sam_step()
    with pytest.raises(RuntimeError, match="first_step\\(\\) on step 1, which is not a SAM step"):
        sam.first_step()
    assert sam.base_step()
    closure()
    assert sam.is_sam_step()
    assert sam.first_step() is not None
    closure()
    assert sam.second_step()
    assert [sam.last_step.step, sam.last_step.kind] == [2, "sam"]  # type: ignore[union-attr]


class Reuse(OnSteps):
    """Plain steps apply 2·g."""

    def plain_gradient(self, grads: list[torch.Tensor], params: list[torch.Tensor]) -> list[torch.Tensor] | None:
        return [2 * g for g in grads]


def test_a_plain_gradient_is_applied_as_a_reuse_step() -> None:
    w, closure_of = quadratic()
    sam = SAM(torch.optim.SGD([w], lr=0.1), strategy=Reuse({2}))
    sam.step(closure_of(sam))
    assert sam.last_step.kind == "reuse"  # type: ignore[union-attr]
    assert w.detach().tolist() == pytest.approx([3.75 - 0.1 * 2 * 3.75, 5.0 - 0.1 * 2 * 20.0], abs=1e-12)
    sam.step(closure_of(sam))
    assert sam.last_step.kind == "sam"  # type: ignore[union-attr]


class Zero(OnSteps):
    """Every step a SAM step whose ascent is zero."""

    def perturbation(self, e: list[torch.Tensor], grads: list[torch.Tensor], params: list[torch.Tensor]) -> list[torch.Tensor]:
        return [torch.zeros_like(t) for t in e]


def test_a_zero_perturbation_makes_a_sam_step_a_plain_step() -> None:
    model = ReferenceMLP(torch.float32)
    plain = ReferenceMLP(torch.float32)
    sam = SAM(torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9), rho=0.5, strategy=Zero({1, 2, 3}))
    base = torch.optim.SGD(plain.parameters(), lr=0.1, momentum=0.9)

    def closure() -> torch.Tensor:
        sam.zero_grad()
        loss = model.loss()
        loss.backward()
        return loss

    for _ in range(3):
        sam.step(closure)
        assert sam.last_step.kind == "sam"  # type: ignore[union-attr]
        assert sam.last_step.stats.as_dict()["perturbationNorm"] == 0  # type: ignore[union-attr]
        base.zero_grad()
        plain.loss().backward()
        base.step()
    assert model.flat_params() == plain.flat_params()


class Watch(OnSteps):
    """Records what after_sam_step sees."""

    def __init__(self, steps: set[int]) -> None:
        super().__init__(steps)
        self.seen: list[tuple[list[float], list[float]]] = []

    def after_sam_step(self, g: list[torch.Tensor], gs: list[torch.Tensor], params: list[torch.Tensor]) -> None:
        self.seen.append((g[0].tolist(), gs[0].tolist()))


def test_after_sam_step_sees_g_and_g_s() -> None:
    # From w = (3, 1): g = (3, 4), ‖g‖ = 5; rho 0.5 gives w + e = (3.3, 1.4) and g_s = (3.3, 5.6).
    w = torch.nn.Parameter(torch.tensor([3.0, 1.0], dtype=torch.float64))
    strategy = Watch({1})
    sam = SAM(torch.optim.SGD([w], lr=0.2), rho=0.5, strategy=strategy)

    def closure() -> torch.Tensor:
        sam.zero_grad()
        loss = 0.5 * (w[0] ** 2 + 4 * w[1] ** 2)
        loss.backward()
        return loss

    sam.step(closure)
    sam.step(closure)
    assert len(strategy.seen) == 1
    (g, gs) = strategy.seen[0]
    assert g == pytest.approx([3.0, 4.0], abs=1e-12)
    assert gs == pytest.approx([3.3, 5.6], abs=1e-12)


class Synced(OnSteps):
    syncs_first_gradient = True


def test_a_strategy_that_syncs_its_first_gradient_refuses_a_rank_local_first_pass() -> None:
    w = torch.nn.Parameter(torch.zeros(2))
    with pytest.raises(ValueError, match="first_pass_context must be None with strategy 'on-steps': it syncs its first gradient"):
        SAM(torch.optim.SGD([w], lr=0.1), strategy=Synced({1}), first_pass_context=lambda: torch.no_grad())
    sam = SAM(torch.optim.SGD([w], lr=0.1), strategy=OnSteps({1}), first_pass_context=lambda: torch.no_grad())
    assert sam.first_pass_context is not None


def test_strategy_is_exclusive_with_schedule_and_look_sam_and_must_answer_is_sam_step() -> None:
    w = torch.nn.Parameter(torch.zeros(2))
    with pytest.raises(ValueError, match="either strategy= or schedule=/look_sam="):
        SAM(torch.optim.SGD([w], lr=0.1), strategy=OnSteps({1}), look_sam=LookSamOptions(alpha=0.7))
    with pytest.raises(TypeError, match="SAM's strategy must have a callable is_sam_step"):
        SAM(torch.optim.SGD([w], lr=0.1), strategy=object())  # type: ignore[arg-type]


def test_the_built_in_modules_build_what_the_keywords_give() -> None:
    context = StrategyContext(seed=0, total_steps=4, interval=2, epsilon=1e-12, random=lambda: 0.0)
    looksam = builtin_module("looksam").build({"kind": "looksam", "alpha": 0.7}, context)
    assert looksam.options == LookSamOptions(alpha=0.7, granularity="global")
    assert [builtin_module("interval").build({"kind": "interval"}, context).is_sam_step(n) for n in range(1, 5)] == [False, True] * 2
    with pytest.raises(ValueError, match="`interval` must be 1 with a random schedule"):
        builtin_module("random").build({"kind": "random", "p": 0.5, "pFinal": None}, context)
    with pytest.raises(ModuleNotFoundError):
        builtin_module("no_such_variant")
