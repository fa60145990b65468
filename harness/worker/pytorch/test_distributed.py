"""Data-parallel runs through torchrun (2 gloo workers on CPU): Composer's unsynced first SAM gradient.

The worker's test hook SAMBENCH_TORCH_DEBUG_DIR makes every rank write rank<r>.pt: its first-pass
gradient norms (‖g‖ of each SAM step, before the ascent), local first-pass losses and final
parameters. Without syncFirstGradient each rank perturbs with its own g, so the norms differ;
with it they are the all-reduced g and equal. The second gradient is always all-reduced, so the
weights agree: bit for bit when e is shared, to rounding otherwise (each rank restores
w ← (w + e_r) − e_r with its own e_r; nothing re-synchronises the parameters afterwards).
"""

from __future__ import annotations

import os

import pytest
import torch

from harness.worker.pytorch.testkit import event_problems, run_worker, tiny_spec

pytestmark = pytest.mark.slow  # torchrun with gloo ranks: the full run only (npm test), not npm run test:fast


def _dumps(folder: str) -> list[dict]:
    return [torch.load(os.path.join(folder, f"rank{r}.pt")) for r in range(2)]


def _ddp_run(tmp_path, sync: bool):
    folder = str(tmp_path / ("sync" if sync else "local"))
    spec = tiny_spec(id=f"ddp-{'sync' if sync else 'local'}", torch={"worldSize": 2, "syncFirstGradient": sync})
    run = run_worker(spec, str(tmp_path), nproc=2, env={"SAMBENCH_TORCH_DEBUG_DIR": folder})
    assert run.returncode == 0, run.stderr
    for line, event in zip(run.lines, run.events, strict=True):
        assert event_problems(event) == [], line
    return run, _dumps(folder)


@pytest.mark.parametrize("sync", [False, True])
def test_two_gloo_workers_first_gradient_sync(tmp_path, sync):
    run, (rank0, rank1) = _ddp_run(tmp_path, sync)
    env, *steps, done = run.events
    assert env["type"] == "env"
    assert env["worldSize"] == 2
    assert done["type"] == "done"
    assert done["steps"] == 8
    assert [s["kind"] for s in steps] == ["base", "sam"] * 4
    for s in steps:
        assert len(s["workersMs"]) == 2
        assert s["workersMs"][0] == s["ms"]
        assert s["allreduceMs"] > 0  # every step has one synced backward (plain, or SAM's second pass)
    # The reported loss is the global batch's: the mean of the ranks' first-pass losses.
    for s, l0, l1 in zip(steps, rank0["losses"], rank1["losses"], strict=True):
        assert s["loss"] == pytest.approx((l0 + l1) / 2, rel=1e-6)

    norms0, norms1 = rank0["firstGradNorms"], rank1["firstGradNorms"]
    assert len(norms0) == len(norms1) == 4  # steps 2, 4, 6, 8
    if sync:
        assert norms0 == norms1
    else:
        assert all(abs(a - b) > 1e-4 * max(a, b) for a, b in zip(norms0, norms1, strict=True))
    for name, p0 in rank0["params"].items():
        p1 = rank1["params"][name]
        if sync:
            assert torch.equal(p0, p1), name
        else:
            torch.testing.assert_close(p0, p1, rtol=0, atol=1e-6, msg=f"{name} drifted apart across ranks")

    if sync:
        # 2 workers x batch 8 with a synced first gradient = 1 worker x batch 16 (no BatchNorm here).
        single = run_worker(
            tiny_spec(id="single-16", dataset={"batchSize": 16}), str(tmp_path), env={"SAMBENCH_TORCH_DEBUG_DIR": str(tmp_path / "single")}
        )
        assert single.returncode == 0, single.stderr
        single_losses = [e["loss"] for e in single.events if e["type"] == "step"]
        assert single_losses == pytest.approx([s["loss"] for s in steps], rel=1e-5)
        single_params = torch.load(str(tmp_path / "single" / "rank0.pt"))["params"]
        for name, p in single_params.items():
            torch.testing.assert_close(rank0["params"][name], p, rtol=1e-4, atol=1e-5)
