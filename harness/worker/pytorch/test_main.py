"""main.py end to end, as the launcher runs it: a subprocess whose stdout must be schema-valid events.

Each line is checked with jsonschema against schemas/events.schema.json; the TypeScript side
validates the same lines with ajv.
"""

from __future__ import annotations

import numpy as np
import pytest

from harness.worker.pytorch.testkit import event_problems, run_worker, tiny_spec, write_idx

pytestmark = pytest.mark.slow  # main.py as a subprocess: the full run only (npm test), not npm run test:fast


def assert_valid(run) -> None:
    """Every stdout line is one schema-valid event, in the order env, (step|eval)*, done|error."""
    assert run.lines, f"no events; stderr:\n{run.stderr}"
    for line, event in zip(run.lines, run.events, strict=True):
        assert event_problems(event) == [], line
    types = [e["type"] for e in run.events]
    assert types[-1] in ("done", "error"), types
    if types[-1] == "done":
        assert types[0] == "env", types
        assert set(types[1:-1]) <= {"step", "eval"}, types
    steps = [e["i"] for e in run.events if e["type"] == "step"]
    assert steps == list(range(1, len(steps) + 1))


def test_tiny_sam_run_prints_valid_events_in_order(tmp_path):
    run = run_worker(tiny_spec(), str(tmp_path))
    assert run.returncode == 0, run.stderr
    assert_valid(run)
    env, *steps, done = run.events
    assert env["framework"] == "torch"
    assert env["backend"] == "cpu"
    assert env["representative"] is True
    assert env["parameters"] == 16 * 16 + 16 + 16 * 3 + 3
    assert env["precision"] == "float32"
    assert env["worldSize"] == 1
    assert env["gpu"] is None
    assert env["torch"]
    assert env["python"]
    # torch was imported and a model built before the env event: those phases took time.
    assert env["startup"]["frameworkMs"] > 0
    assert env["startup"]["modelMs"] > 0
    # interval 2: steps 2, 4, 6, 8 are SAM steps; the first two are warm-up.
    assert [s["kind"] for s in steps] == ["base", "sam"] * 4
    assert [s["warmup"] for s in steps] == [True, True] + [False] * 6
    assert all(isinstance(s["loss"], float) and s["ms"] > 0 and s["dataMs"] >= 0 for s in steps)
    assert all("workersMs" not in s and "allreduceMs" not in s and "skipped" not in s for s in steps)
    assert done == {
        "type": "done",
        "steps": 8,
        "wallMs": done["wallMs"],
        "truncated": False,
        "peakRssBytes": done["peakRssBytes"],
        "peakDeviceBytes": None,  # CPU
    }
    # The process's own peak RSS in bytes (ru_maxrss is KiB on Linux): torch alone is well over 10 MiB.
    assert isinstance(done["peakRssBytes"], int)
    assert done["peakRssBytes"] > 10 * 2**20

    # The no-SAM baseline of the same spec: same first step (same weights, same batch), no SAM
    # steps; and a time limit stops its measured steps early (truncated).
    baseline = run_worker(
        tiny_spec(id="tiny-mlp-base", sam=None, steps={"measured": 40, "timeLimitSeconds": 0.1}),
        str(tmp_path),
        env={"SAMBENCH_INJECT_SLOWDOWN": "20"},
    )
    assert baseline.returncode == 0, baseline.stderr
    assert_valid(baseline)
    base_steps = [e for e in baseline.events if e["type"] == "step"]
    assert base_steps[0]["loss"] == steps[0]["loss"]
    assert {s["kind"] for s in base_steps} == {"base"}
    assert baseline.events[-1]["truncated"] is True
    assert 2 < baseline.events[-1]["steps"] < 42


def test_file_dataset_with_evaluation_augmentation_and_top5(tmp_path):
    rng = np.random.default_rng(0)
    data = tmp_path / "mnist"
    data.mkdir()
    write_idx(str(data), "train", rng.integers(0, 256, (40, 12, 12)), rng.integers(0, 12, 40), gz=True)
    write_idx(str(data), "t10k", rng.integers(0, 256, (9, 12, 12)), rng.integers(0, 12, 9))
    spec = tiny_spec(
        id="tiny-cnn-mnist",
        model={"name": "small-cnn", "batchNorm": True},
        dataset={
            "name": "mnist",
            "path": str(data),
            "shape": [12, 12, 1],
            "classes": 12,
            "samples": None,
            "augment": True,
            "normalize": True,
        },
        evaluation={"everySteps": 3, "testSamples": 5, "targetAccuracy": None},
        steps={"warmup": 1, "measured": 5},
    )
    run = run_worker(spec, str(tmp_path))
    assert run.returncode == 0, run.stderr
    assert_valid(run)
    assert run.events[0]["data"] == {"trainSamples": 40, "testSamples": 5, "skippedImages": 0}
    evals = [e for e in run.events if e["type"] == "eval"]
    assert [e["step"] for e in evals] == [3, 6]
    assert all(e["samples"] == 5 and e["top5"] is not None and e["trainMs"] > 0 for e in evals)
    # Each eval follows the step it evaluates.
    types = [(e["type"], e.get("i", e.get("step"))) for e in run.events[1:-1]]
    assert types.index(("eval", 3)) == types.index(("step", 3)) + 1


@pytest.mark.parametrize("precision", ["mixed-float16", "mixed-bfloat16"])
def test_mixed_precision_runs_finish_on_cpu(tmp_path, precision):
    spec = tiny_spec(
        id=f"tiny-{precision}",
        precision=precision,
        model={"name": "small-cnn", "batchNorm": True},
        dataset={"shape": [12, 12, 3]},
        steps={"warmup": 1, "measured": 4},
        torch={"channelsLast": True},
    )
    run = run_worker(spec, str(tmp_path))
    assert run.returncode == 0, run.stderr
    assert_valid(run)
    env, steps = run.events[0], [e for e in run.events if e["type"] == "step"]
    assert env["precision"] == precision
    assert len(steps) == 5
    if precision == "mixed-float16":
        # The loss scaler's verdict on every step (the default scale 2^16 often overflows at first).
        assert all(isinstance(s["skipped"], bool) for s in steps)
        assert '"mixed-bfloat16" is the CPU mixed precision' in run.stderr
    else:
        assert all("skipped" not in s for s in steps)


def test_non_finite_loss_is_reason_nan_and_exit_code_3(tmp_path):
    spec = tiny_spec(id="tiny-nan", sam=None, optimizer={"name": "sgd", "learningRate": 1e12, "weightDecay": 0})
    run = run_worker(spec, str(tmp_path))
    assert run.returncode == 3, run.stderr
    assert_valid(run)
    error, last_step = run.events[-1], run.events[-2]
    assert error["reason"] == "nan"
    assert error["step"] == last_step["i"]
    assert last_step["loss"] is None
    assert "training loss is" in error["message"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"model": {"name": "resnet20"}, "dataset": {"shape": [16]}}, 'model "resnet20" needs image inputs'),
        (
            {"torch": {"worldSize": 2}},
            "torch.worldSize 2 but 1 worker process(es) were started; start it with `python -m torch.distributed.run",
        ),
    ],
)
def test_other_failures_are_worker_errors_with_exit_code_1(tmp_path, changes, message):
    run = run_worker(tiny_spec(id="tiny-bad", **changes), str(tmp_path))
    assert run.returncode == 1
    assert_valid(run)
    assert [e["type"] for e in run.events] == ["error"]
    assert run.events[0]["reason"] == "worker-error"
    assert message in run.events[0]["message"]
    assert "Traceback" in run.events[0]["stack"]
