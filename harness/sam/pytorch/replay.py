"""Prints one JSON object: every reference case replayed in float32 by the PyTorch SAM.

    .venv/bin/python harness/sam/torch/replay.py

{"torch": version, "dtype": "float32", "cases": [{"case", "dtype", "initial_params", "steps":
[{"step", "sam", "skipped", "loss", "stats": {gradNorm, scale, perturbationNorm} | null,
"params": [67 numbers after the step]}]}]}. Read by `harness/sam/torch-agreement.test.ts`, which
checks it against the TF.js SAM. float32 numbers are printed exactly (as float64 reprs).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# Run as a script, sys.path[0] is this folder; the package is imported from the project root.
# (This folder must never be on sys.path as `harness/sam`: it is named `torch`.)
PROJECT_ROOT = Path(__file__).resolve().parents[3]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

import torch  # noqa: E402

from harness.sam.torch.reference import reference_cases, replay  # noqa: E402


def main() -> None:
    # The reference trajectories were generated single-threaded; keep reductions in one order.
    torch.set_num_threads(1)
    cases = [replay(case, torch.float32) for case in reference_cases()]
    json.dump({"torch": torch.__version__, "dtype": "float32", "cases": cases}, sys.stdout, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
