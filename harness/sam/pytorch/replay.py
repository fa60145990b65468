"""Prints one JSON object: every reference case replayed in float32 by the PyTorch SAM.

    .venv/bin/python -m harness.sam.pytorch.replay    (from the project root)

{"torch": version, "dtype": "float32", "cases": [{"case", "dtype", "initial_params", "steps":
[{"step", "sam", "kind", "skipped", "loss", "stats": {gradNorm, scale, perturbationNorm} | null,
"params": [67 numbers after the step]}]}], "variants": [the same, for each case of
fixtures/variant-cases.json: its random schedule drawing from the case's seed as the worker
does, LookSAM at its interval, or AE-SAM over its steps]}. Read by `harness/sam/torch-agreement.e2e.test.ts`, which checks
it against the TF.js SAM.
float32 numbers are printed exactly (as float64 reprs).
"""

from __future__ import annotations

import json
import sys

import torch

from harness.sam.pytorch.reference import reference_cases, replay, replay_variant, variant_cases
from harness.worker.pytorch.stepper import schedule_draws


def main() -> None:
    # The reference trajectories were generated single-threaded; keep reductions in one order.
    torch.set_num_threads(1)
    cases = [replay(case, torch.float32) for case in reference_cases()]
    variants = [
        replay_variant(case, torch.float32, schedule_draws(case["schedule"]["seed"]) if "schedule" in case else None)
        for case in variant_cases()
    ]
    json.dump({"torch": torch.__version__, "dtype": "float32", "cases": cases, "variants": variants}, sys.stdout, allow_nan=False)


if __name__ == "__main__":
    main()
