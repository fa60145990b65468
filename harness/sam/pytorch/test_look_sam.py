"""LookSAM on the 2-parameter problem of harness/sam/look-sam.test.ts, worked out by hand there:
L(w) = ½(w₁² + 4·w₂²), SGD lr 0.2, rho 0.5, interval 2, α 0.7, from w = (3.75, 5).

step 1 base:  w ← (3, 1)
step 2 SAM:   g = (3, 4), g_s = (3.3, 5.6), g_v = g_s − 1.292·g = (−0.576, 0.432), ‖g_v‖ = 0.72; w ← (2.34, −0.12)
step 3 reuse: g = (2.34, −0.48), ‖g‖ = √5.706; w ← w − 0.2·(2.34 − 0.56·√5.706, −0.48 + 0.42·√5.706)
"""

from __future__ import annotations

import math

import pytest
import torch

from harness.sam.pytorch import SAM, LookSamOptions, RandomScheduleOptions
from harness.sam.pytorch.look_sam import add_reused_direction, orthogonal_component
from harness.worker.pytorch.precision import Precision
from harness.worker.pytorch.stepper import make_stepper, train_step
from harness.worker.pytorch.testkit import TINY_SPEC

ROOT = math.sqrt(5.706)
EXPECTED = [
    ("base", [3.0, 1.0]),
    ("sam", [2.34, -0.12]),
    ("reuse", [2.34 - 0.2 * (2.34 - 0.56 * ROOT), -0.12 - 0.2 * (-0.48 + 0.42 * ROOT)]),
]


def test_base_sam_reuse_on_the_hand_computed_problem() -> None:
    w = torch.nn.Parameter(torch.tensor([3.75, 5.0], dtype=torch.float64))
    sam = SAM(torch.optim.SGD([w], lr=0.2), rho=0.5, interval=2, look_sam=LookSamOptions(alpha=0.7))

    def closure() -> torch.Tensor:
        sam.zero_grad()
        loss = 0.5 * (w[0] ** 2 + 4 * w[1] ** 2)
        loss.backward()
        return loss

    for kind, expected in EXPECTED:
        sam.step(closure)
        assert sam.last_step is not None
        assert sam.last_step.kind == kind
        assert w.detach().tolist() == pytest.approx(expected, abs=1e-12)
    sam.step(closure)
    assert sam.last_step.kind == "sam"  # step 4 (k = 2)
    sam.step(closure)
    assert sam.last_step.kind == "reuse"


# Two tensors, the case of harness/sam/look-sam.test.ts (worked out there, in float64):
# L = ½(a₁² + 4·a₂²) + ½(b₁² + 9·b₂²), SGD lr 0.2, rho 0.5, k = 2, α 0.7, from a = (3.75, 5), b = (5, −1.25).
# At the SAM step (a = (3, 1), b = (4, 1)) per tensor g_v,a = (−0.2607429486, 0.1955572115), g_v,b = (−1.2096322358, 0.5376143270);
# globally g_v,a = (−0.7747485153, −0.4897835442), g_v,b = (−1.0329980204, 0.9350413116).
AFTER_SAM = [[2.3728392762, 0.0551428063], [3.1637857016, -1.5333395429]]
AFTER_REUSE = {
    "tensor": [[2.1651751498, -0.1891492354], [4.3423222792, 0.4216522041]],
    "global": [[2.8319967839, 0.6013147102], [3.7759957118, 0.0997617136]],
}


def _reference_reuse(granularity: str) -> list[list[float]]:
    # The same three steps as a few lines of formula, independent of look_sam.py.
    c = [torch.tensor([1.0, 4.0], dtype=torch.float64), torch.tensor([1.0, 9.0], dtype=torch.float64)]
    w = [torch.tensor([3.75, 5.0], dtype=torch.float64), torch.tensor([5.0, -1.25], dtype=torch.float64)]
    w = [x - 0.2 * ci * x for x, ci in zip(w, c, strict=True)]  # base
    g = [ci * x for x, ci in zip(w, c, strict=True)]
    norm = math.sqrt(sum(float(t @ t) for t in g))
    gs = [ci * (x + 0.5 * t / norm) for x, t, ci in zip(w, g, c, strict=True)]
    if granularity == "tensor":
        gv = [s - float(t @ s) / float(t @ t) * t for t, s in zip(g, gs, strict=True)]
    else:
        coefficient = sum(float(t @ s) for t, s in zip(g, gs, strict=True)) / norm**2
        gv = [s - coefficient * t for t, s in zip(g, gs, strict=True)]
    w = [x - 0.2 * s for x, s in zip(w, gs, strict=True)]  # SAM
    gt = [ci * x for x, ci in zip(w, c, strict=True)]
    if granularity == "tensor":
        update = [t + 0.7 * float(t.norm()) / float(v.norm()) * v for t, v in zip(gt, gv, strict=True)]
    else:
        ratio = math.sqrt(sum(float(t @ t) for t in gt)) / math.sqrt(sum(float(v @ v) for v in gv))
        update = [t + 0.7 * ratio * v for t, v in zip(gt, gv, strict=True)]
    return [(x - 0.2 * u).tolist() for x, u in zip(w, update, strict=True)]  # reuse


@pytest.mark.parametrize("granularity", ["tensor", "global"])
def test_two_tensors_per_tensor_and_global_on_the_hand_computed_case(granularity: str) -> None:
    a = torch.nn.Parameter(torch.tensor([3.75, 5.0], dtype=torch.float64))
    b = torch.nn.Parameter(torch.tensor([5.0, -1.25], dtype=torch.float64))
    look_sam = LookSamOptions(alpha=0.7, granularity=granularity)  # type: ignore[arg-type]
    sam = SAM(torch.optim.SGD([a, b], lr=0.2), rho=0.5, interval=2, look_sam=look_sam)

    def closure() -> torch.Tensor:
        sam.zero_grad()
        loss = 0.5 * (a[0] ** 2 + 4 * a[1] ** 2) + 0.5 * (b[0] ** 2 + 9 * b[1] ** 2)
        loss.backward()
        return loss

    after = []
    for _ in range(3):
        sam.step(closure)
        after.append((sam.last_step.kind, [a.detach().tolist(), b.detach().tolist()]))  # type: ignore[union-attr]
    assert [kind for kind, _ in after] == ["base", "sam", "reuse"]
    for got, want in zip(after[0][1], [[3.0, 1.0], [4.0, 1.0]], strict=True):
        assert got == pytest.approx(want, abs=1e-12)
    for got, want in zip(after[1][1], AFTER_SAM, strict=True):
        assert got == pytest.approx(want, abs=1e-9)
    for got, want, formula in zip(after[2][1], AFTER_REUSE[granularity], _reference_reuse(granularity), strict=True):
        assert got == pytest.approx(want, abs=1e-9)
        assert got == pytest.approx(formula, abs=1e-10)  # SAM adds epsilon 1e-12 to its denominators
    other = AFTER_REUSE["global" if granularity == "tensor" else "tensor"]
    assert max(abs(x - y) for row, orow in zip(after[2][1], other, strict=True) for x, y in zip(row, orow, strict=True)) > 0.5


def test_granularity_is_checked_and_the_worker_reads_it() -> None:
    with pytest.raises(ValueError, match=r'`lookSam\.granularity` must be "global" or "tensor"; got \'layer\' \(str\)'):
        LookSamOptions(alpha=0.7, granularity="layer")  # type: ignore[arg-type]
    assert LookSamOptions(alpha=0.7).granularity == "global"
    variant = {"kind": "looksam", "alpha": 0.7, "granularity": "tensor"}
    spec = {**TINY_SPEC, "sam": {**TINY_SPEC["sam"], "interval": 5, "variant": variant}}
    model = torch.nn.Linear(2, 2)
    stepper = make_stepper(spec, torch.optim.SGD(model.parameters(), lr=0.1), model, Precision("float32", torch.device("cpu")), None)
    assert isinstance(stepper, SAM)
    assert stepper.look_sam == LookSamOptions(alpha=0.7, granularity="tensor")


def test_without_look_sam_the_steps_between_are_base() -> None:
    w = torch.nn.Parameter(torch.tensor([3.75, 5.0]))
    sam = SAM(torch.optim.SGD([w], lr=0.2), rho=0.5, interval=2)

    def closure() -> torch.Tensor:
        sam.zero_grad()
        loss = 0.5 * (w[0] ** 2 + 4 * w[1] ** 2)
        loss.backward()
        return loss

    kinds = []
    for _ in range(3):
        sam.step(closure)
        kinds.append(sam.last_step.kind)
    assert kinds == ["base", "sam", "base"]


def test_float16_gradients_whose_squared_norm_overflows_float16_keep_finite_norms() -> None:
    # ‖g‖² = 300² + 400² = 250000 is above float16's largest, 65504: summed in float16 it is inf.
    g = [torch.tensor([300.0, 400.0], dtype=torch.float16)]
    gs = [torch.tensor([296.0, 403.0], dtype=torch.float16)]  # g + (−4, 3), and (−4, 3) ⟂ g
    gv, gv_norm = orthogonal_component(g, gs, epsilon=0.0)  # g·g_s / ‖g‖² = 1
    assert gv[0].dtype == torch.float16
    assert gv[0].tolist() == [-4.0, 3.0]
    assert gv_norm.item() == 5.0
    add_reused_direction(g, gv, gv_norm, alpha=0.5, epsilon=0.0)  # g + 0.5·(‖g‖ = 500)/5·g_v = g + 50·g_v
    assert g[0].dtype == torch.float16
    assert g[0].tolist() == [100.0, 550.0]


@pytest.mark.parametrize("alpha", [0, -1, float("nan"), True])
def test_alpha_must_be_a_finite_number_above_0(alpha: float) -> None:
    with pytest.raises(ValueError, match=r"`lookSam\.alpha` must be a finite number > 0"):
        LookSamOptions(alpha=alpha)


def test_look_sam_takes_the_interval_schedule() -> None:
    w = torch.nn.Parameter(torch.zeros(2))
    schedule = RandomScheduleOptions(p=0.5, total_steps=3, random=lambda: 0.0)
    with pytest.raises(ValueError, match=r"`schedule` must be absent with lookSam"):
        SAM(torch.optim.SGD([w], lr=0.1), schedule=schedule, look_sam=LookSamOptions(alpha=0.7))


def test_the_worker_builds_look_sam_from_a_looksam_spec() -> None:
    spec = {**TINY_SPEC, "sam": {**TINY_SPEC["sam"], "interval": 5, "variant": {"kind": "looksam", "alpha": 0.7}}}
    model = torch.nn.Linear(2, 2)
    stepper = make_stepper(spec, torch.optim.SGD(model.parameters(), lr=0.1), model, Precision("float32", torch.device("cpu")), None)
    assert isinstance(stepper, SAM)
    assert stepper.look_sam == LookSamOptions(alpha=0.7)
    assert stepper.options.interval == 5


def test_the_worker_steps_report_base_sam_and_reuse() -> None:
    spec = {**TINY_SPEC, "sam": {**TINY_SPEC["sam"], "interval": 2, "variant": {"kind": "looksam", "alpha": 0.7}}}
    model = torch.nn.Linear(2, 3)
    precision = Precision("float32", torch.device("cpu"))
    stepper = make_stepper(spec, torch.optim.SGD(model.parameters(), lr=0.1), model, precision, None)
    x, y = torch.randn(8, 2), torch.randint(0, 3, (8,))
    assert [train_step(model, stepper, precision, x, y).kind for _ in range(4)] == ["base", "sam", "reuse", "sam"]


def test_refuses_a_rank_local_first_pass_given_or_set_later() -> None:
    # Under DDP, no_sync on LookSAM's SAM steps gave each rank its own g_v: 4.5e-2 apart after 6 steps.
    w = torch.nn.Parameter(torch.zeros(2))
    look_sam = LookSamOptions(alpha=0.7)
    with pytest.raises(ValueError, match="first_pass_context must be None with look_sam"):
        SAM(torch.optim.SGD([w], lr=0.1), interval=2, look_sam=look_sam, first_pass_context=lambda: torch.no_grad())
    sam = SAM(torch.optim.SGD([w], lr=0.1), interval=2, look_sam=look_sam)
    with pytest.raises(ValueError, match="first_pass_context must be None with look_sam"):
        sam.first_pass_context = lambda: torch.no_grad()
    assert sam.first_pass_context is None
    sam.first_pass_context = None  # clearing it is always fine
