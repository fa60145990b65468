"""The reference cases (`harness/sam/fixtures/reference/`) replayed with this package's SAM.

The tiny MLP 4 → 8 tanh → 3 with softmax cross-entropy (mean over 16 samples), built from
`inputs.json`. Kernels there are in TF.js layout [in, out]; `torch.nn.Linear` stores
weight = Kᵀ ([out, in]). The flattened parameter vector is K1 row-major (in, out), b1, K2, b2:
`fc.weight.T.flatten()` for the kernels.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F

from .ae_sam import AeSamScheduleOptions
from .look_sam import LookSamOptions
from .random_schedule import RandomScheduleOptions
from .sam import SAM

VARIANT_CASES = Path(__file__).resolve().parent.parent / "fixtures" / "variant-cases.json"

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "reference"


def reference_cases() -> list[dict[str, Any]]:
    """Every case file (all but inputs.json), sorted by name as the TS fixtures list them."""
    files = sorted(p for p in REFERENCE_DIR.glob("*.json") if p.name != "inputs.json")
    return [json.loads(p.read_text()) for p in files]


def reference_inputs() -> dict[str, Any]:
    """inputs.json: X, y, kernel1_in_out, bias1, kernel2_in_out, bias2, initial_loss, initial_grad_norm."""
    return json.loads((REFERENCE_DIR / "inputs.json").read_text())


class ReferenceMLP(torch.nn.Module):
    """logits = tanh(x·K1 + b1)·K2 + b2, with the reference initial weights, in `dtype`."""

    def __init__(self, dtype: torch.dtype) -> None:
        super().__init__()
        inputs = reference_inputs()
        self.fc1 = torch.nn.Linear(4, 8, dtype=dtype)
        self.fc2 = torch.nn.Linear(8, 3, dtype=dtype)
        with torch.no_grad():
            self.fc1.weight.copy_(torch.tensor(inputs["kernel1_in_out"], dtype=torch.float64).T)  # Linear holds K1ᵀ
            self.fc1.bias.copy_(torch.tensor(inputs["bias1"], dtype=torch.float64))
            self.fc2.weight.copy_(torch.tensor(inputs["kernel2_in_out"], dtype=torch.float64).T)
            self.fc2.bias.copy_(torch.tensor(inputs["bias2"], dtype=torch.float64))
        self.x = torch.tensor(inputs["X"], dtype=dtype)
        self.y = torch.tensor(inputs["y"], dtype=torch.long)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(torch.tanh(self.fc1(x)))

    def loss(self) -> torch.Tensor:
        """Softmax cross-entropy, mean over the 16 samples."""
        return F.cross_entropy(self(self.x), self.y)

    def flat_params(self) -> list[float]:
        """The 67 numbers in the reference layout: K1 (in, out) row-major, b1, K2, b2."""
        parts = [self.fc1.weight.T, self.fc1.bias, self.fc2.weight.T, self.fc2.bias]
        return torch.cat([t.detach().reshape(-1) for t in parts]).tolist()


def optimizer_for(case: dict[str, Any], model: torch.nn.Module) -> torch.optim.Optimizer:
    """SGD (momentum 0 or mu) alone for the baselines, wrapped in Composer SAM or davda54 ASAM otherwise."""
    config = case["config"]
    base = torch.optim.SGD(model.parameters(), lr=config["lr"], momentum=config["momentum"])
    if config["kind"] == "none":
        return base
    if config["kind"] == "composer":
        return SAM(base, rho=config["rho"], epsilon=config["epsilon"], interval=config["interval"])
    return SAM(base, rho=config["rho"], adaptive=True)  # davda54: eps 1e-12 fixed, every step


def variant_cases() -> list[dict[str, Any]]:
    """The cheap-SAM cases of `variant-cases.json` (no published trajectories: both frameworks replay them)."""
    return json.loads(VARIANT_CASES.read_text())


def replay(case: dict[str, Any], dtype: torch.dtype) -> dict[str, Any]:
    """Runs one reference case through `SAM.step(closure)`; per step: loss, sam flag, SAM stats, params after."""
    model = ReferenceMLP(dtype)
    return _trajectory(case["case"], model, optimizer_for(case, model), len(case["steps"]), dtype)


def replay_variant(case: dict[str, Any], dtype: torch.dtype, random: Callable[[], float] | None) -> dict[str, Any]:
    """Runs one variant case as `replay` does: SGD in SAM with its random schedule (drawing from
    `random`), with LookSAM at its interval, or with AE-SAM over its steps."""
    model = ReferenceMLP(dtype)
    base = torch.optim.SGD(model.parameters(), lr=case["lr"], momentum=case["momentum"])
    if "aeSam" in case:
        ae = case["aeSam"]
        options = AeSamScheduleOptions(delta=ae["delta"], lambda1=ae["lambda1"], lambda2=ae["lambda2"], total_steps=case["steps"])
        return _trajectory(case["case"], model, SAM(base, rho=case["rho"], schedule=options), case["steps"], dtype)
    schedule = case.get("schedule")
    if schedule is None:
        look = case.get("lookSam")
        look_sam = LookSamOptions(alpha=look["alpha"], granularity=look.get("granularity", "global")) if look is not None else None
        sam = SAM(base, rho=case["rho"], interval=case.get("interval", 1), look_sam=look_sam)
        return _trajectory(case["case"], model, sam, case["steps"], dtype)
    assert random is not None, "a random-schedule case needs its draws"
    options = RandomScheduleOptions(p=schedule["p"], p_final=schedule["pFinal"], total_steps=case["steps"], random=random)
    return _trajectory(case["case"], model, SAM(base, rho=case["rho"], schedule=options), case["steps"], dtype)


def _trajectory(name: str, model: ReferenceMLP, optimizer: torch.optim.Optimizer, n_steps: int, dtype: torch.dtype) -> dict[str, Any]:
    def closure() -> torch.Tensor:
        optimizer.zero_grad(set_to_none=True)
        loss = model.loss()
        loss.backward()
        return loss

    steps = []
    for _ in range(n_steps):
        loss = optimizer.step(closure)
        outcome = optimizer.last_step if isinstance(optimizer, SAM) else None
        stats = outcome.stats.as_dict() if outcome is not None and outcome.stats is not None else None
        steps.append(
            {
                "step": len(steps) + 1,
                "sam": outcome.sam if outcome is not None else False,
                "kind": outcome.kind if outcome is not None else "base",
                "skipped": outcome.skipped if outcome is not None else False,
                "loss": float(loss.item()),
                "stats": stats,
                "params": model.flat_params(),
            }
        )
    return {
        "case": name,
        "dtype": str(dtype).removeprefix("torch."),
        "initial_params": ReferenceMLP(dtype).flat_params(),
        "steps": steps,
    }
