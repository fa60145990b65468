"""Puts the project root on sys.path (normalised: pytest matches module files by path), so the
tests import `harness.sam.torch` from wherever pytest is started. See pytest.ini for why."""

import sys
from pathlib import Path

PROJECT_ROOT = str(Path(__file__).resolve().parents[3])
if PROJECT_ROOT not in sys.path:
    sys.path.insert(0, PROJECT_ROOT)
