#!/usr/bin/env bash
# Creates .venv with the Python side of sambench (harness/requirements.txt: PyTorch, pytest, jsonschema, ruff, and
# pandas, polars, duckdb with pyarrow, which the export tests read results with),
# unless it is already there and current. Used by `npm test` (pretest) and `npm run setup:torch`.
set -euo pipefail
cd "$(dirname "$0")/.."
REQ=harness/requirements.txt
STAMP=.venv/.sambench-requirements
if [ -x .venv/bin/python ] && [ -f "$STAMP" ] && cmp -s "$REQ" "$STAMP"; then
  echo "setup-python: .venv is current ($(.venv/bin/python -c 'import torch; print("torch", torch.__version__)'))"
  exit 0
fi
PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import venv' 2>/dev/null; then
  echo "setup-python: $PYTHON with the venv module is needed (Debian: apt-get install python3-venv)" >&2
  exit 1
fi
# An existing .venv (or a link to one, as a git worktree may have) is updated in place: `venv` refuses a link.
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --disable-pip-version-check -q -r "$REQ"
cp "$REQ" "$STAMP"
echo "setup-python: .venv ready ($(.venv/bin/python -c 'import torch; print("torch", torch.__version__)'))"
