"""Every reference trajectory (fixtures/reference) replayed by the PyTorch SAM, float64 and float32."""

from __future__ import annotations

from typing import Any

import pytest
import torch

from harness.sam.pytorch import SAM
from harness.sam.pytorch.reference import ReferenceMLP, optimizer_for, reference_cases, reference_inputs, replay

CASES = reference_cases()

# float64: the files hold 10 significant digits (and so do the inputs the model starts from);
# observed max deviations are 1.1e-10 (param), 5.0e-10 (loss), 6.5e-10 relative (norms).
# float32: the reference README's tolerances for a float32 implementation.
TOLERANCES = {
    torch.float64: {"param": 1e-9, "loss": 1e-9, "relative": 2e-9},
    torch.float32: {"param": 2e-6, "loss": 1e-6, "relative": 1e-5},
}


def relative(actual: float, expected: float) -> float:
    return abs(actual - expected) / abs(expected)


def max_abs_diff(a: list[float], b: list[float]) -> float:
    assert len(a) == len(b)
    return max(abs(x - y) for x, y in zip(a, b, strict=True))


def test_all_nine_cases_are_there() -> None:
    names = [case["case"] for case in CASES]
    assert len(names) == 9
    assert {"baseline_sgd", "composer_sam_sgd_momentum_rho0.5_int10", "davda54_asam_sgd_rho0.5"} <= set(names)


def test_the_model_starts_at_the_reference_point() -> None:
    model = ReferenceMLP(torch.float64)
    inputs = reference_inputs()
    assert max_abs_diff(model.flat_params(), CASES[0]["initial_params"]) <= 1e-12
    loss = model.loss()
    loss.backward()
    grad_norm = torch.linalg.vector_norm(torch.cat([p.grad.reshape(-1) for p in model.parameters()])).item()
    assert abs(loss.item() - inputs["initial_loss"]) <= 1e-9
    assert relative(grad_norm, inputs["initial_grad_norm"]) <= 2e-9


@pytest.mark.parametrize("dtype", [torch.float64, torch.float32], ids=["float64", "float32"])
@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_replays_the_reference_trajectory(case: dict[str, Any], dtype: torch.dtype) -> None:
    tol = TOLERANCES[dtype]
    result = replay(case, dtype)
    assert len(result["steps"]) == len(case["steps"]) == case["config"]["steps"]
    for ours, ref in zip(result["steps"], case["steps"], strict=True):
        where = f"step {ref['step']}"
        assert ours["sam"] is ref["sam"], where
        assert ours["skipped"] is False, where
        assert abs(ours["loss"] - ref["loss"]) <= tol["loss"], where
        if ref["sam"]:
            stats = ours["stats"]
            assert relative(stats["gradNorm"], ref["sam_norm"]) <= tol["relative"], where
            assert relative(stats["scale"], ref["scale"]) <= tol["relative"], where
            assert relative(stats["perturbationNorm"], ref["e_w_norm"]) <= tol["relative"], where
        else:
            assert ours["stats"] is None, where
        assert max_abs_diff(ours["params"], ref["params"]) <= tol["param"], where


@pytest.mark.parametrize("case", [c for c in CASES if c["config"]["kind"] != "none"], ids=lambda c: c["case"])
def test_the_explicit_api_is_the_closure_step_bit_for_bit(case: dict[str, Any]) -> None:
    """first_step / second_step / base_step, driven by hand, give what step(closure) gives."""
    model = ReferenceMLP(torch.float32)
    sam = optimizer_for(case, model)
    assert isinstance(sam, SAM)
    params = []
    for _ in case["steps"]:
        sam.zero_grad()
        with sam.first_pass():
            model.loss().backward()
        if sam.is_sam_step():
            assert sam.first_step() is not None
            model.loss().backward()
            assert sam.second_step() is True
        else:
            assert sam.base_step() is True
        params.append(model.flat_params())
    expected = replay(case, torch.float32)
    assert params == [step["params"] for step in expected["steps"]]
