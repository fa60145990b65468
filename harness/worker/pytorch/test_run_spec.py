"""A run spec that does not match schemas/run-spec.schema.json is refused at start, naming the field.

End to end as the launcher sees it (main.py as a subprocess: one `error` event, exit code 1), and
the wording of contracts.py on the cases a hand-edited spec runs into.
"""

from __future__ import annotations

import copy
import os
import signal

import pytest

from harness.worker.pytorch.contracts import RUN_SPEC_SCHEMA, InvalidRunSpecError, load_run_spec, load_schema, problems, validator
from harness.worker.pytorch.testkit import TINY_SPEC, event_problems, run_worker, tiny_spec

RUN_SPEC = validator(load_schema(RUN_SPEC_SCHEMA))


def _without(path: str) -> dict:
    """TINY_SPEC without the field at dotted `path`."""
    spec = copy.deepcopy(TINY_SPEC)
    *parents, last = path.split(".")
    holder = spec
    for key in parents:
        holder = holder[key]
    del holder[last]
    return spec


@pytest.mark.slow  # main.py as a subprocess
@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (_without("dataset.batchSize"), "/dataset/batchSize: missing (required)"),
        (_without("seed"), "/seed: missing (required)"),
        (tiny_spec(model={"hidden": "wide"}), '/model/hidden: expected array, found "wide" (string)'),
        (tiny_spec(steps={"measured": 6.5}), "/steps/measured: expected integer, found 6.5 (number)"),
    ],
    ids=["missing-nested", "missing-top-level", "wrong-type", "wrong-number-type"],
)
def test_bad_spec_is_refused_at_start_naming_the_field(tmp_path, spec, message):
    run = run_worker(spec, str(tmp_path))
    assert run.returncode == 1, run.stderr
    assert [e["type"] for e in run.events] == ["error"]
    error = run.events[0]
    assert event_problems(error) == []
    assert error["reason"] == "worker-error"
    assert "does not match schemas/run-spec.schema.json" in error["message"]
    assert message in error["message"]


@pytest.mark.slow  # main.py as a subprocess
def test_a_tfjs_spec_is_refused_by_the_pytorch_worker(tmp_path):
    run = run_worker(tiny_spec(framework="tfjs", torch=None), str(tmp_path))
    assert run.returncode == 1
    assert 'is for framework "tfjs"; the PyTorch worker runs framework "torch" specs' in run.events[0]["message"]


def test_the_tiny_spec_of_the_tests_is_a_valid_run_spec():
    assert problems(TINY_SPEC, RUN_SPEC) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # A discriminated union: the branch whose `kind` matches, not the first one.
        ({"optimizer": {"schedule": {"kind": "step", "milestones": [3]}}}, ["/optimizer/schedule/gamma: missing (required)"]),
        ({"optimizer": {"schedule": {"kind": "linear"}}}, ['/optimizer/schedule/kind: expected one of "constant", "step", "cosine"']),
        # Nullable: a value of the right type but out of range is about the range, not "expected null".
        ({"dataset": {"samples": 0}}, ["/dataset/samples: expected ≥ 1, found 0 (integer)"]),
        ({"sam": {"rho": 0}}, ["/sam/rho: expected > 0, found 0 (integer)"]),
        ({"torch": {"device": "tpu"}}, ['/torch/device: expected one of "cpu", "cuda", found "tpu" (string)']),
        ({"extra": 1}, ["/extra: unexpected field (not in the schema)"]),
    ],
)
def test_problems_name_the_field_what_was_expected_and_what_was_found(changes, expected):
    found = problems(tiny_spec(**changes), RUN_SPEC)
    assert len(found) == len(expected), found
    for line, start in zip(found, expected, strict=True):
        assert line.startswith(start), found


@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_a_spec_that_is_a_fifo_or_dev_zero_is_refused_unread(tmp_path, kind):
    spec = tmp_path / "run.spec.json"
    if kind == "fifo":
        os.mkfifo(spec)
    else:
        os.symlink("/dev/zero", spec)

    # A regression blocks on the FIFO (or reads /dev/zero to the end of memory): fail instead of hanging.
    def hung(*_):
        raise TimeoutError("load_run_spec did not return within 10 s")

    signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)
    try:
        with pytest.raises(InvalidRunSpecError, match="not a regular file; expected a run spec"):
            load_run_spec(str(spec))
    finally:
        signal.alarm(0)
