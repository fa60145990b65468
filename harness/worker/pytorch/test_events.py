"""Non-finite values, wherever they sit in an event, take the one road of a divergence (events.py):
the event is written only where the schema can say null there, and NonFiniteValueError follows,
which main.py reports as reason "nan" with exit code 3 (the twin of harness/worker/emit.test.ts)."""

from __future__ import annotations

import io
import json
import math

import pytest

from harness.worker.pytorch.events import EventSink, NonFiniteValueError
from harness.worker.pytorch.main import EXIT_NAN, error_event
from harness.worker.pytorch.testkit import event_problems

STEP = {"type": "step", "i": 3, "kind": "sam", "ms": 12.5, "loss": 0.7, "warmup": False}
EVAL = {"type": "eval", "step": 8, "acc": 0.5, "top5": None, "loss": 1.25, "samples": 10, "trainMs": 100.0}


def emitted(event, enabled=True):
    stream = io.StringIO()
    try:
        EventSink(stream, enabled).emit(event)
        return stream.getvalue().splitlines(), None
    except Exception as error:  # the test looks at which
        return stream.getvalue().splitlines(), error


def test_a_finite_event_is_written_as_one_json_line():
    lines, error = emitted(STEP)
    assert error is None
    assert [json.loads(line) for line in lines] == [STEP]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("loss", math.nan, "evaluation loss is NaN at step 8"),
        ("acc", math.nan, "evaluation acc is NaN at step 8"),
        ("trainMs", math.inf, "evaluation trainMs is Infinity at step 8"),
    ],
)
def test_an_evaluation_with_a_non_finite_value_is_not_written_and_fails_as_a_divergence(field, value, message):
    lines, error = emitted({**EVAL, field: value})
    assert lines == []
    assert isinstance(error, NonFiniteValueError)
    assert str(error) == message
    event, code = error_event(error)
    assert (event["reason"], event["step"], event["message"], code) == ("nan", 8, message, EXIT_NAN)
    assert event_problems(event) == []


def test_a_step_whose_loss_is_nan_is_written_with_loss_null_then_fails_at_its_step():
    lines, error = emitted({**STEP, "loss": math.nan})
    assert len(lines) == 1
    written = json.loads(lines[0])
    assert event_problems(written) == []
    assert written["loss"] is None
    assert isinstance(error, NonFiniteValueError)
    assert str(error) == "training loss is NaN at step 3"
    assert error.step == 3


def test_a_non_finite_number_nested_in_a_list_is_named_by_its_path():
    lines, error = emitted({**STEP, "workersMs": [10.0, -math.inf]})
    assert lines == []
    assert str(error) == "training workersMs/1 is -Infinity at step 3"


def test_a_rank_that_prints_nothing_still_stops_on_a_non_finite_value():
    lines, error = emitted({**STEP, "loss": math.nan}, enabled=False)
    assert lines == []
    assert isinstance(error, NonFiniteValueError)


def test_an_event_without_a_step_says_which_event():
    _, error = emitted({"type": "done", "steps": 4, "wallMs": math.nan})
    assert str(error) == "done event wallMs is NaN"
    assert error.step is None
