"""Prints one JSON object: every reference case replayed in float32 by the PyTorch SAM.

    .venv/bin/python -m harness.sam.pytorch.replay    (from the project root)

{"torch": version, "dtype": "float32", "cases": [{"case", "dtype", "initial_params", "steps":
[{"step", "sam", "skipped", "loss", "stats": {gradNorm, scale, perturbationNorm} | null,
"params": [67 numbers after the step]}]}]}. Read by `harness/sam/torch-agreement.test.ts`, which
checks it against the TF.js SAM. float32 numbers are printed exactly (as float64 reprs).
"""

from __future__ import annotations

import json
import sys

import torch

from harness.sam.pytorch.reference import reference_cases, replay


def main() -> None:
    # The reference trajectories were generated single-threaded; keep reductions in one order.
    torch.set_num_threads(1)
    cases = [replay(case, torch.float32) for case in reference_cases()]
    json.dump({"torch": torch.__version__, "dtype": "float32", "cases": cases}, sys.stdout, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
