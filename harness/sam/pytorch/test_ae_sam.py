"""AE-SAM: the rule on the ‖g‖² sequences and the 2-parameter problem that harness/sam/ae-sam.test.ts
works out by hand, its option checks, the worker's stepper, and two gloo ranks deciding alike.

Sequence (δ 0.5, c = 1, .5, 0, −.5, −1 over T = 5, μ_0 = σ²_0 = 0), ‖g‖² = 4, 2, 2, 1, 1:
    μ = 2, 2, 2, 1.5, 1.25;  σ² = 2, 1, .5, .375, .21875;  thresholds 3.414, 2.5, 2, 1.194, .782
    → SAM at steps 1, 3 (a tie) and 5.
Problem L(w) = ½(w₁² + 4·w₂²), SGD lr 0.2, rho 0.5, δ 0.5, T = 3 (c = 1, 0, −1), from w = (3, 1):
    step 1 ‖g‖² = 25 ≥ 12.5 + 8.839 → SAM, w ← (2.34, −0.12)
    step 2 ‖g‖² = 5.706 < 9.103 → base, w ← (1.872, −0.024)
    step 3 ‖g‖² = 3.5136 ≥ 6.3083 − 5.1304 → SAM, w ← w − 0.2·∇L(w + 0.5·g/√3.5136)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel

import harness.sam.pytorch.sam as sam_module
from harness.sam.pytorch import SAM, AeSamSchedule, AeSamScheduleOptions, AeSamState, DynamicLossScaler, LookSamOptions, linear_over_run
from harness.sam.pytorch.ranks import gloo_group, run_ranks
from harness.sam.pytorch.reference import ReferenceMLP
from harness.worker.pytorch.precision import Precision
from harness.worker.pytorch.stepper import make_stepper, train_step
from harness.worker.pytorch.testkit import TINY_SPEC


def _options(**over: float) -> AeSamScheduleOptions:
    values = {"delta": 0.5, "lambda1": -1.0, "lambda2": 1.0, "total_steps": 5} | over
    return AeSamScheduleOptions(**values)  # type: ignore[arg-type]


def test_c_runs_from_lambda2_to_lambda1() -> None:
    assert [linear_over_run(1, -1, 5, t) for t in range(1, 7)] == [1, 0.5, 0, -0.5, -1, -1]


def test_the_hand_checked_sequence_is_sam_at_steps_1_3_5() -> None:
    schedule = AeSamSchedule(_options())
    taken, states = [], []
    for step, squared in enumerate([4, 2, 2, 1, 1], start=1):
        if schedule.decide(step, squared):
            taken.append(step)
        states.append(schedule.state)
    assert taken == [1, 3, 5]
    assert states == [
        AeSamState(2, 2, 1, 2 + math.sqrt(2)),
        AeSamState(2, 1, 0.5, 2.5),
        AeSamState(2, 0.5, 0, 2),
        AeSamState(1.5, 0.375, -0.5, 1.5 - 0.5 * math.sqrt(0.375)),
        AeSamState(1.25, 0.21875, -1, 1.25 - math.sqrt(0.21875)),
    ]


def test_a_non_finite_squared_norm_is_a_base_step_that_leaves_the_moments() -> None:
    schedule = AeSamSchedule(_options())
    assert schedule.decide(1, 4)
    after1 = schedule.state
    assert not schedule.decide(2, math.inf)
    assert not schedule.decide(3, math.nan)
    assert schedule.state is after1
    with pytest.raises(ValueError, match="asked for step 5 after step 3"):
        schedule.decide(5, 1)


ROOT = math.sqrt(3.5136)
W2 = (1.872, -0.024)
EXPECTED = [
    ("sam", [2.34, -0.12]),
    ("base", list(W2)),
    ("sam", [W2[0] - 0.2 * (W2[0] + 0.5 * 1.872 / ROOT), W2[1] - 0.2 * 4 * (W2[1] + 0.5 * -0.096 / ROOT)]),
]


# With a loss scaler `.grad` holds s·g when AE-SAM decides: it divides ‖s·g‖² by s² (s = 1024 exactly).
@pytest.mark.parametrize("scaler", [None, DynamicLossScaler(init_scale=1024.0)], ids=["unscaled", "loss-scaled"])
def test_sam_base_sam_on_the_hand_computed_problem(scaler: DynamicLossScaler | None) -> None:
    w = torch.nn.Parameter(torch.tensor([3.0, 1.0], dtype=torch.float64))
    sam = SAM(torch.optim.SGD([w], lr=0.2), rho=0.5, schedule=_options(total_steps=3), scaler=scaler)

    def closure() -> torch.Tensor:
        sam.zero_grad()
        loss = 0.5 * (w[0] ** 2 + 4 * w[1] ** 2)
        sam.scale_loss(loss).backward()
        return loss

    with pytest.raises(RuntimeError, match="step 1 is decided from its first gradient"):
        sam.is_sam_step()
    for kind, expected in EXPECTED:
        sam.step(closure)
        assert sam.last_step is not None
        assert sam.last_step.kind == kind
        assert (sam.last_step.stats is not None) == (kind == "sam")
        assert w.detach().tolist() == pytest.approx(expected, abs=1e-12)
    assert sam.ae_sam_state is not None
    assert sam.ae_sam_state.mean == pytest.approx(6.3083, abs=1e-4)


def test_a_sam_step_takes_its_norm_from_the_deciding_squared_norm(monkeypatch: pytest.MonkeyPatch) -> None:
    reduced: list[str] = []

    def counted(name: str) -> Callable[[list[torch.Tensor]], torch.Tensor]:
        original = getattr(sam_module, name)

        def reduce(tensors: list[torch.Tensor]) -> torch.Tensor:
            reduced.append(name)
            return original(tensors)

        return reduce

    for name in ("squared_global_norm", "norm_of_norms"):
        monkeypatch.setattr(sam_module, name, counted(name))
    w = torch.nn.Parameter(torch.tensor([3.0, 1.0], dtype=torch.float64))
    sam = SAM(torch.optim.SGD([w], lr=0.2), rho=0.5, schedule=_options(total_steps=3), scaler=DynamicLossScaler(init_scale=1024.0))

    def closure() -> torch.Tensor:
        sam.zero_grad()
        loss = 0.5 * (w[0] ** 2 + 4 * w[1] ** 2)
        sam.scale_loss(loss).backward()
        return loss

    sam.step(closure)  # step 1 is a SAM step, g = (3, 4)
    assert reduced == ["squared_global_norm", "norm_of_norms"]  # ‖g‖² to decide, then ‖e‖ only
    assert sam.last_step is not None
    assert sam.last_step.stats is not None
    assert sam.last_step.stats.grad_norm.item() == 5.0  # √‖s·g‖² / s


@pytest.mark.parametrize(
    ("over", "name"),
    [({"delta": 0}, "delta"), ({"delta": 1}, "delta"), ({"lambda1": math.nan}, "lambda1"), ({"lambda2": math.inf}, "lambda2")],
)
def test_options_are_checked(over: dict[str, float], name: str) -> None:
    with pytest.raises(ValueError, match=rf"`schedule\.{name}`"):
        _options(**over)
    with pytest.raises(ValueError, match=r"`schedule\.totalSteps` must be a positive integer"):
        _options(total_steps=0)


def test_needs_interval_1_no_look_sam_and_a_synced_first_pass() -> None:
    w = torch.nn.Parameter(torch.zeros(2))
    with pytest.raises(ValueError, match="`interval` must be 1 with an AE-SAM schedule"):
        SAM(torch.optim.SGD([w], lr=0.1), interval=2, schedule=_options())
    with pytest.raises(ValueError, match="`schedule` must be absent with lookSam"):
        SAM(torch.optim.SGD([w], lr=0.1), schedule=_options(), look_sam=LookSamOptions(alpha=0.7))
    with pytest.raises(ValueError, match="first_pass_context must be None with an AE-SAM schedule"):
        SAM(torch.optim.SGD([w], lr=0.1), schedule=_options(), first_pass_context=lambda: torch.no_grad())


def test_the_worker_builds_ae_sam_and_syncs_its_first_gradient() -> None:
    variant = {"kind": "aesam", "delta": 0.9, "lambda1": -1, "lambda2": 1}
    spec = {**TINY_SPEC, "sam": {**TINY_SPEC["sam"], "interval": 1, "variant": variant}}
    model = torch.nn.Linear(2, 3)

    def no_sync() -> None:
        raise AssertionError("an AE-SAM run must not take the first pass rank-local")

    stepper = make_stepper(spec, torch.optim.SGD(model.parameters(), lr=0.1), model, Precision("float32", torch.device("cpu")), no_sync)  # type: ignore[arg-type]
    assert isinstance(stepper, SAM)
    assert stepper.first_pass_context is None
    x, y = torch.randn(8, 2), torch.randint(0, 3, (8,))
    for step in range(1, 5):
        result = train_step(model, stepper, Precision("float32", torch.device("cpu")), x, y)
        assert stepper.last_step is not None
        assert result.kind == stepper.last_step.kind
        # Step 1 is SAM: μ_1 = 0.1·‖g‖², σ_1 = √0.081·‖g‖², so the threshold is 0.385·‖g‖² at c = 1.
        assert result.kind == "sam" or step > 1


# --- two gloo ranks, each with its own half of the batch --------------------------------------

WORLD = 2


def _rank_main(rank: int, init_file: str, out_dir: str) -> None:
    torch.set_num_threads(1)
    with gloo_group(rank, init_file, WORLD):
        model = ReferenceMLP(torch.float64)
        ddp = DistributedDataParallel(model)
        x, y = model.x[rank::WORLD], model.y[rank::WORLD]
        sam = SAM(torch.optim.SGD(ddp.parameters(), lr=0.5), rho=0.1, schedule=_options(delta=0.5, total_steps=8))
        kinds, means, local = [], [], []

        def closure() -> torch.Tensor:
            sam.zero_grad()
            loss = F.cross_entropy(ddp(x), y)
            loss.backward()
            return loss

        for _ in range(8):
            probe = ReferenceMLP(torch.float64)  # this rank's own ‖g‖², which the decision must not use
            probe.load_state_dict(model.state_dict())
            F.cross_entropy(probe(x), y).backward()
            local.append(sum(float((p.grad * p.grad).sum()) for p in probe.parameters()))
            sam.step(closure)
            kinds.append(sam.last_step.kind)
            means.append(sam.ae_sam_state.mean)
        torch.save({"kinds": kinds, "means": means, "local": local, "params": model.flat_params()}, Path(out_dir) / f"rank{rank}.pt")


@pytest.mark.slow  # two gloo ranks
def test_every_rank_decides_from_the_all_reduced_gradient(tmp_path: Path) -> None:
    run_ranks(_rank_main, tmp_path, WORLD)
    a, b = (torch.load(tmp_path / f"rank{rank}.pt") for rank in range(WORLD))
    assert a["local"] != b["local"]  # the halves differ, so rank-local decisions could differ
    assert a["kinds"] == b["kinds"]
    assert set(a["kinds"]) == {"sam", "base"}
    assert a["means"] == b["means"]  # both saw the same (all-reduced) ‖g‖²
    assert a["params"] == b["params"]
