"""Data parallel: two gloo processes on CPU. The first gradient of a SAM step stays on its rank
(`first_pass_context=ddp.no_sync`), the second is all-reduced, and a float16 overflow on one
rank's unsynchronised first pass makes every rank skip (no rank left waiting in an all-reduce)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel

from harness.sam.pytorch import SAM, DynamicLossScaler
from harness.sam.pytorch.ranks import gloo_group, run_ranks
from harness.sam.pytorch.reference import ReferenceMLP

pytestmark = pytest.mark.slow  # gloo ranks (mp.spawn): the full run only (npm test), not npm run test:fast

WORLD = 2
RHO, LR, EPS = 0.05, 0.1, 1e-12


def _rank_main(rank: int, init_file: str, out_dir: str) -> None:
    torch.set_num_threads(1)
    with gloo_group(rank, init_file, WORLD):
        model = ReferenceMLP(torch.float64)
        ddp = DistributedDataParallel(model)
        x, y = model.x[rank::WORLD], model.y[rank::WORLD]  # each rank its own half of the batch
        scaler = DynamicLossScaler(init_scale=16.0)
        sam = SAM(torch.optim.SGD(ddp.parameters(), lr=LR), rho=RHO, epsilon=EPS, scaler=scaler, first_pass_context=ddp.no_sync)
        record: dict[str, object] = {"initial": [p.detach().clone() for p in model.parameters()]}
        calls = [0]

        def closure() -> torch.Tensor:
            calls[0] += 1
            sam.zero_grad()
            loss = F.cross_entropy(ddp(x), y)
            # Step 1: only rank 1's first (unsynchronised) pass overflows.
            factor = math.inf if rank == 1 and calls[0] == 1 else 1.0
            sam.scale_loss(loss * factor).backward()
            return loss

        sam.step(closure)
        record["step1"] = (sam.last_step.skipped, scaler.loss_scale, [p.detach().clone() for p in model.parameters()])
        sam.step(closure)
        record["step2"] = (sam.last_step.skipped, sam.last_step.stats.as_dict(), [p.detach().clone() for p in model.parameters()])
        torch.save(record, Path(out_dir) / f"rank{rank}.pt")


def _grads(model: ReferenceMLP, params: list[torch.Tensor], rank: int) -> list[torch.Tensor]:
    with torch.no_grad():
        for p, value in zip(model.parameters(), params, strict=True):
            p.copy_(value)
    model.zero_grad()
    F.cross_entropy(model(model.x[rank::WORLD]), model.y[rank::WORLD]).backward()
    return [p.grad.clone() for p in model.parameters()]


def _norm(tensors: list[torch.Tensor]) -> float:
    return math.sqrt(sum(float((t * t).sum()) for t in tensors))


def _sam_update(w0: list[torch.Tensor], perturb_with: list[list[torch.Tensor]]) -> list[torch.Tensor]:
    """w0 − lr · mean_r ∇L_r(w0 + e_r), e_r = rho · g_r / (‖g_r‖ + eps)."""
    model = ReferenceMLP(torch.float64)
    second = []
    for rank in range(WORLD):
        g = perturb_with[rank]
        scale = RHO / (_norm(g) + EPS)
        second.append(_grads(model, [w + scale * gi for w, gi in zip(w0, g, strict=True)], rank))
    return [w - LR * (a + b) / 2 for w, a, b in zip(w0, *second, strict=True)]


def test_first_gradient_is_local_second_is_synced_and_overflow_skips_everywhere(tmp_path: Path) -> None:
    run_ranks(_rank_main, tmp_path, WORLD)
    records = [torch.load(tmp_path / f"rank{rank}.pt") for rank in range(WORLD)]
    w0 = records[0]["initial"]

    for record in records:  # step 1: rank 1 overflowed, both skipped, nothing moved
        skipped, scale, params = record["step1"]
        assert skipped is True
        assert scale == 8.0
        assert all(torch.equal(p, w) for p, w in zip(params, w0, strict=True))

    model = ReferenceMLP(torch.float64)
    local = [_grads(model, w0, rank) for rank in range(WORLD)]
    mean = [(a + b) / 2 for a, b in zip(*local, strict=True)]
    expected = _sam_update(w0, local)  # perturbed with each rank's own gradient
    synced = _sam_update(w0, [mean, mean])  # what an all-reduced first gradient would give
    assert max(float((a - b).abs().max()) for a, b in zip(expected, synced, strict=True)) > 1e-5  # the test can tell them apart
    for rank, record in enumerate(records):
        skipped, stats, params = record["step2"]
        assert skipped is False
        assert abs(stats["gradNorm"] - _norm(local[rank])) <= 1e-12  # ‖g_r‖ of the rank's own half
        assert max(float((p - e).abs().max()) for p, e in zip(params, expected, strict=True)) <= 1e-12
