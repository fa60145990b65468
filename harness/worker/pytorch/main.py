"""sambench's PyTorch worker: runs ONE RunSpec and prints its events on stdout (JSON lines).

    python -m harness.worker.pytorch.main <run-spec.json>
    python -m torch.distributed.run --standalone --nproc_per_node=N -m harness.worker.pytorch.main <run-spec.json>
    python -m harness.worker.pytorch.main <run-spec.json> --probe

from the project root (or with it on PYTHONPATH; see command.py). The second form for
`torch.worldSize` N > 1 (only rank 0 prints events). Needs no Node: a spec exported from a suite
runs as is on a GPU node. The spec is checked against schemas/run-spec.schema.json first; it
carries every value resolved, so nothing here fills in a default. Events follow schemas/events.schema.json:
env, then step/eval events, then done or error. Exit codes: 0 done, 3 a non-finite value (events.py),
1 any other failure (also reported as an `error` event). Under torchrun, torchrun's own exit
code is 1 for any failing worker: read the `error` event's reason, not the code.

`--probe` builds the spec's model (on the CPU, for the dataset's shape and classes, no data
loaded, no process group), then a SAM run's strategy (a user's plugin imported and its factory
called with the run's context, as a run does), and prints one line:
`{"type":"probe","parameters":N,"outputs":K}` (exit 0), or, for a model or plugin the user must fix
(user_models.UserCodeError), `{"type":"probe-error","pointer":"/model/<key>","message":"<one line>"}`
(`/sam/variant/<key>` for a plugin; exit 2). Any other failure is an `error` event, exit 1. The CLI
probes a user's model and each of a suite's own variants so before any run starts.
"""

from __future__ import annotations

import gc
import os
import sys
import traceback
from typing import Any

from harness.worker.pytorch.command import shown_command
from harness.worker.pytorch.events import EventSink
from harness.worker.pytorch.launcher_watch import watch_launcher
from harness.worker.pytorch.startup import StartupClock

EXIT_OK, EXIT_ERROR, EXIT_USER_MODEL, EXIT_NAN = 0, 1, 2, 3
PROBE_FLAG = "--probe"


def run(spec: dict[str, Any], world: Any, sink: EventSink, clock: StartupClock) -> int:
    """Builds everything the spec names, emits `env`, trains, emits `done`.

    Everything it builds (the DDP wrapper above all) is local, so it is gone once this returns,
    before main() destroys the process group: a DDP reducer that outlives its gloo group can
    abort the interpreter at exit ("terminate called without an active exception").
    """
    import torch

    from harness.worker.pytorch.batches import TrainBatches
    from harness.worker.pytorch.datasets import load_test_samples, load_training_samples
    from harness.worker.pytorch.distributed import AllreduceTimer, wrap_ddp
    from harness.worker.pytorch.environment import environment_event
    from harness.worker.pytorch.models import built_model, count_parameters
    from harness.worker.pytorch.optim import base_optimizer
    from harness.worker.pytorch.precision import Precision
    from harness.worker.pytorch.registry import is_convolutional
    from harness.worker.pytorch.stepper import make_stepper
    from harness.worker.pytorch.train import RunParts, train

    seed = spec["seed"]
    torch.manual_seed(seed)
    if world.device.type == "cuda":
        # Autotuned convolution algorithms: the fastest kernels, chosen during warm-up.
        torch.backends.cudnn.benchmark = True
    dataset = spec["dataset"]
    precision = Precision(spec["precision"], world.device)
    if world.device.type == "cpu" and precision.name == "mixed-float16":
        # Measured here: a small CNN's step is 2-3x slower in float16 than in float32 on CPU.
        print(
            'sambench: precision "mixed-float16" on CPU runs without float16 hardware support on most CPUs '
            'and is slower than float32; "mixed-bfloat16" is the CPU mixed precision.',
            file=sys.stderr,
        )
    clock.lap("frameworkMs")
    samples = load_training_samples(dataset, seed)
    # Only rank 0 evaluates, so only rank 0 holds the test split.
    evaluation = spec["evaluation"]
    test = load_test_samples(dataset, evaluation["testSamples"], samples) if evaluation is not None and world.is_main else None
    clock.lap("dataMs")

    built = built_model(spec["model"], dataset["shape"], dataset["classes"], seed)
    model = built.module.to(world.device)
    channels_last = spec["torch"]["channelsLast"]
    if channels_last and not is_convolutional(spec["model"]):
        print(f'sambench: torch.channelsLast ignored for model "{spec["model"]["name"]}" (no convolutions)', file=sys.stderr)
        channels_last = False
    if channels_last:
        model = model.to(memory_format=torch.channels_last)
    batches = TrainBatches(samples, dataset["batchSize"], seed, dataset["augment"], world.rank, world.size, dataset["mixup"])
    if precision.dtype is not None:
        precision.check(model, batches.batch(1, world.device, channels_last)[0])

    timer, net, no_sync = None, model, None
    if world.distributed:
        timer = AllreduceTimer(world.device, world.size)
        net = wrap_ddp(model, world, timer)
        no_sync = net.no_sync
    base = base_optimizer(spec["optimizer"], model.parameters())
    stepper = make_stepper(spec, base, model, precision, no_sync)
    clock.lap("modelMs")

    skipped = samples.skipped["count"] + (test.skipped["count"] if test is not None else 0)
    data = {"trainSamples": samples.size, "testSamples": test.size if test is not None else 0, "skippedImages": skipped}
    if samples.label_noise is not None:
        data["labelNoise"] = samples.label_noise
    env = environment_event(spec["id"], world.device, count_parameters(model), precision.name, world.size, data, built.info)
    sink.emit({**env, "startup": clock.times()})
    parts = RunParts(spec, world, model, net, stepper, precision, batches, test, channels_last, sink, timer)
    done = train(parts)
    sink.emit({"type": "done", **done})
    return EXIT_OK


def error_event(error: BaseException) -> tuple[dict[str, Any], int]:
    """The `error` event for an exception, and the exit code that goes with it."""
    from harness.worker.pytorch.events import NonFiniteValueError

    nan = isinstance(error, NonFiniteValueError)
    event: dict[str, Any] = {"type": "error", "reason": "nan" if nan else "worker-error", "message": str(error) or type(error).__name__}
    step: int | None = getattr(error, "step", None)
    if nan and step is not None:
        event["step"] = step
    event["stack"] = "".join(traceback.format_exception(error))
    code = 130 if isinstance(error, KeyboardInterrupt) else EXIT_NAN if nan else EXIT_ERROR
    return event, code


def probe(spec_file: str) -> int:
    """`--probe`: builds the model and SAM strategy of the spec in `spec_file` on the CPU and prints one line (module docstring)."""
    sink = EventSink.claim_stdout()
    try:
        spec = load_torch_spec(spec_file)
        from harness.worker.pytorch.models import built_model, count_parameters
        from harness.worker.pytorch.stepper import build_strategy
        from harness.worker.pytorch.user_models import UserCodeError, check_output

        dataset = spec["dataset"]
        try:
            built = built_model(spec["model"], dataset["shape"], dataset["classes"], spec["seed"])
            outputs = built.outputs
            if outputs is None:  # a built-in model: its output is checked here only
                outputs = check_output(built.module, dataset["shape"], dataset["classes"], "/model/name", spec["model"]["name"])
            if spec["sam"] is not None:  # its variant's strategy, a plugin's loaded and checked (user_variants.py)
                build_strategy(spec)
        except UserCodeError as error:
            sink.emit({"type": "probe-error", "pointer": error.pointer, "message": " ".join(error.message.split())})
            return EXIT_USER_MODEL
        sink.emit({"type": "probe", "parameters": count_parameters(built.module), "outputs": outputs})
        return EXIT_OK
    except BaseException as error:  # not the model's fault: an `error` event, as a run reports it
        event, code = error_event(error)
        sink.emit(event)
        return code


def load_torch_spec(path: str) -> dict[str, Any]:
    """The run spec in `path`, checked against its schema; refused unless it is for this worker."""
    from harness.worker.pytorch.contracts import InvalidRunSpecError, load_run_spec

    spec = load_run_spec(path)
    if spec["framework"] != "torch":
        # A TF.js spec has no `torch` settings (null) for this worker to run it with.
        raise InvalidRunSpecError(
            f'run spec {path} is for framework "{spec["framework"]}"; the PyTorch worker runs framework "torch" specs '
            '(set "framework": "torch" in the suite and export its specs again)'
        )
    return spec


def main(argv: list[str]) -> int:
    """Runs the spec file argv[1] and returns the exit code; every failure is an `error` event."""
    clock = StartupClock()
    rank = int(os.environ.get("RANK", "0"))
    watch_launcher()
    if len(argv) == 3 and argv[2] == PROBE_FLAG:
        return probe(argv[1])
    sink = EventSink.claim_stdout(enabled=rank == 0)
    world = None
    try:
        if len(argv) != 2:
            raise ValueError(f"usage: {shown_command(1)} [{PROBE_FLAG}]")
        spec = load_torch_spec(argv[1])
        from harness.worker.pytorch.distributed import setup_world

        world = setup_world(spec["torch"])
        sink.enabled = world.is_main
        code = run(spec, world, sink, clock)
    except BaseException as error:  # every failure becomes an event
        event, code = error_event(error)
        sink.emit(event)
        if rank != 0:  # only rank 0 prints events; the others leave their reason on stderr
            print(f"sambench worker rank {rank}: {event['message']}\n{event['stack']}", file=sys.stderr)
    # `error` (and its traceback's frames) are gone here: free the run's objects, then the group.
    gc.collect()
    if world is not None:
        from harness.worker.pytorch.distributed import teardown_world

        teardown_world(world, ok=code == EXIT_OK)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
