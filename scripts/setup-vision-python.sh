#!/usr/bin/env bash
# Creates .venv-vision: a Python with PyPI's torch, torchvision and timm (harness/requirements-vision.txt),
# for suites whose model comes from timm or torchvision. Optional: about 5.5 GB; the tests that need it
# skip, saying why, where it is absent. Point SAMBENCH_PYTHON at it (or at your own Python with timm)
# to run such a suite: SAMBENCH_PYTHON=.venv-vision/bin/python npm run bench suites/….json
set -euo pipefail
cd "$(dirname "$0")/.."
REQ=harness/requirements-vision.txt
STAMP=.venv-vision/.sambench-requirements
if [ -x .venv-vision/bin/python ] && [ -f "$STAMP" ] && cmp -s "$REQ" "$STAMP"; then
  echo "setup-vision-python: .venv-vision is current"
  exit 0
fi
PYTHON=${PYTHON:-python3}
[ -x .venv-vision/bin/python ] || "$PYTHON" -m venv .venv-vision
.venv-vision/bin/python -m pip install --disable-pip-version-check -q -r "$REQ"
cp "$REQ" "$STAMP"
echo "setup-vision-python: .venv-vision ready ($(.venv-vision/bin/python -c 'import torch, torchvision, timm; print("torch", torch.__version__, "torchvision", torchvision.__version__, "timm", timm.__version__)'))"
