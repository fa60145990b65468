# Writes harness/history/fixtures/otava-series.json: benchmark-history-shaped series and the change
# points Apache Otava finds in them, the oracle harness/history/change-points.test.ts checks our
# E-divisive implementation against.
#
# Otava is a reference, not a dependency: it is installed outside the project, in a venv of its own,
# and nothing in sambench imports it. To regenerate (from the project root):
#
#   python3.11 -m venv /work/otava-venv && /work/otava-venv/bin/pip install apache-otava
#   /work/otava-venv/bin/python scripts/otava-fixtures.py [path/to/summary.csv]
#
# The synthetic series come from a fixed seed and are rounded to 4 decimals, so the file is stable.
# The real series is the base step median (`base_step_median_ms`) of every process of a real bench
# (its summary.csv, rows in the order the processes ran); without that file the values already in the
# fixture are kept.
import csv
import json
import sys
from importlib.metadata import version
from pathlib import Path

import numpy as np
from otava.analysis import compute_change_points

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "harness" / "history" / "fixtures" / "otava-series.json"
REAL_CSV = ROOT / "results" / "claims" / "composability" / "summary.csv"
NIGHTS = 60

# Otava's defaults (AnalysisOptions: window_len 50, max_pvalue 0.001, min_magnitude 0) and some variations.
KNOBS = {
    "defaults": {"window": 50, "significance": 0.001, "minMagnitude": 0.0},
    "window30": {"window": 30, "significance": 0.001, "minMagnitude": 0.0},
    "p0.01": {"window": 50, "significance": 0.01, "minMagnitude": 0.0},
    "magnitude5%": {"window": 50, "significance": 0.001, "minMagnitude": 0.05},
    "window30-p0.01": {"window": 30, "significance": 0.01, "minMagnitude": 0.0},
    "window30-p0.01-magnitude5%": {"window": 30, "significance": 0.01, "minMagnitude": 0.05},
}


def synthetic(rng: np.random.Generator) -> dict[str, dict]:
    """Nightly step times around 100 ms: level × (1 + noise), with steps at known nights."""

    def nights(noise: float, steps: dict[int, float] | None = None, drift: float = 0.0) -> list[float]:
        level = np.full(NIGHTS, 100.0) * (1 + drift) ** np.arange(NIGHTS)
        for night, change in (steps or {}).items():
            level[night:] *= 1 + change
        return [round(float(v), 4) for v in level * (1 + rng.normal(0, noise, NIGHTS))]

    outlier = nights(0.02)
    outlier[35] = round(outlier[35] * 1.5, 4)
    return {
        "step-up-10%-at-30": {"values": nights(0.02, {30: 0.10}), "steps": [30]},
        "step-down-5%-at-30": {"values": nights(0.02, {30: -0.05}), "steps": [30]},
        "two-steps-at-20-and-40": {"values": nights(0.025, {20: 0.08, 40: -0.06}), "steps": [20, 40]},
        "step-up-10%-at-57": {"values": nights(0.02, {57: 0.10}), "steps": [57]},
        "drift-0.5%-a-night": {"values": nights(0.01, drift=0.005), "steps": None},
        "aa-noise-2%": {"values": nights(0.02), "steps": []},
        "aa-noise-5%": {"values": nights(0.05), "steps": []},
        "outlier-at-35": {"values": outlier, "steps": []},
    }


def real(csv_path: Path) -> dict:
    """The base step median of each process of a real bench, in the order the processes ran."""
    source = "results/claims/composability/summary.csv (base_step_median_ms of its 48 runs, in row order: the order they ran)"
    if not csv_path.exists():
        return json.loads(OUT.read_text())["series"]["real-composability-base-step-ms"]
    with csv_path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    values = [round(float(row["base_step_median_ms"]), 4) for row in rows]
    return {"values": values, "steps": None, "source": source, "runs": [row["run_id"] for row in rows]}


def stable(x: float) -> float:
    """12 significant digits: the same file from numpy builds that differ in the last bits."""
    return float(f"{float(x):.12g}")


def otava_points(values: list[float], knobs: dict) -> dict:
    """Otava's change points for one series and knob setting."""
    points, _ = compute_change_points(
        list(values), window_len=knobs["window"], max_pvalue=knobs["significance"], min_magnitude=knobs["minMagnitude"]
    )
    return [
        {
            "index": int(cp.index),
            "before": stable(cp.stats.mean_before()),
            "after": stable(cp.stats.mean_after()),
            "magnitude": stable(cp.stats.forward_rel_change()),
            "pValue": stable(cp.stats.pvalue),
        }
        for cp in points
    ]


def main() -> None:
    csv_path = Path(sys.argv[1]) if len(sys.argv) > 1 else REAL_CSV
    series = synthetic(np.random.default_rng(2027))
    series["real-composability-base-step-ms"] = real(csv_path)
    for entry in series.values():
        entry["otava"] = {name: otava_points(entry["values"], knobs) for name, knobs in KNOBS.items()}
    fixture = {
        "generator": "scripts/otava-fixtures.py",
        "otava": f"apache-otava {version('apache-otava')} (otava.analysis.compute_change_points)",
        "knobs": KNOBS,
        "series": series,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1) + "\n")


if __name__ == "__main__":
    main()
