#!/usr/bin/env bash
# The method card's figure on one CUDA GPU: ResNet-50, 224x224 synthetic data, bfloat16, channels_last,
# SAM at interval 1 and 10 against no SAM (suites/gpu-check-r50.json, ~3 minutes on an H200).
#
# For a machine with Python, PyTorch and one CUDA GPU, and no Node. The run specs are exported
# ahead and COMMITTED in suites/gpu-check-r50/ (suite.resolved.json + runs/<id>.spec.json, what
# `--export` writes), so a plain checkout is all the GPU box needs; scripts/gpu-check-specs.test.ts
# fails when they drift from the suite. After editing the suite, regenerate them here with
#   rm -rf suites/gpu-check-r50 && npm run bench suites/gpu-check-r50.json -- --export suites/gpu-check-r50 \
#     && rm suites/gpu-check-r50/bench.json
#
# On the GPU box, from anywhere:     bash scripts/gpu-check.sh OUT_DIR
#   copies the specs into OUT_DIR, runs each run's PyTorch worker (python -m harness.worker.pytorch.main)
#   with its events in OUT_DIR/runs/<id>.jsonl and its stderr in OUT_DIR/runs/<id>.stderr.log, and
#   notes the GPU and torch build in OUT_DIR/gpu-check.txt. A run whose log already ends in a `done`
#   event is kept, so the script can be run again after an interruption.
# Back on a machine with Node:       npm run bench suites/gpu-check-r50.json -- --out OUT_DIR --resume
#   takes the logs in as finished runs and writes summary.csv, steps.csv, verdicts.csv and report.html.
#
# Environment: SAMBENCH_PYTHON (default python3) — a Python with torch; SAMBENCH_GPU_CHECK_SPECS —
# another exported folder instead of suites/gpu-check-r50 (the CPU test uses a tiny one);
# SAMBENCH_GPU_CHECK_TIMEOUT — seconds per run (default 600).
# Exit status: 0 every run finished, 1 some run failed (the others still ran), 2 bad usage or setup.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
specs="${SAMBENCH_GPU_CHECK_SPECS:-$root/suites/gpu-check-r50}"
python="${SAMBENCH_PYTHON:-python3}"
timeout_s="${SAMBENCH_GPU_CHECK_TIMEOUT:-600}"

if [[ $# -ne 1 || "$1" == -* ]]; then
  echo "usage: bash scripts/gpu-check.sh OUT_DIR   (see the header of $0)" >&2
  exit 2
fi
out="$1"
if [[ ! -f "$specs/suite.resolved.json" ]] || ! compgen -G "$specs/runs/*.spec.json" >/dev/null; then
  echo "gpu-check: $specs holds no exported specs (suite.resolved.json, runs/*.spec.json)" >&2
  exit 2
fi
if ! "$python" -c 'import torch' 2>/dev/null; then
  echo "gpu-check: $python cannot import torch; set SAMBENCH_PYTHON to a Python with PyTorch" >&2
  exit 2
fi
if grep -q '"device": "cuda"' "$specs"/runs/*.spec.json && ! "$python" -c 'import sys, torch; sys.exit(not torch.cuda.is_available())'; then
  echo "gpu-check: the specs ask for CUDA, but torch.cuda.is_available() is False here" >&2
  exit 2
fi

mkdir -p "$out/runs" || exit 2
cp "$specs/suite.resolved.json" "$out/" && cp "$specs"/runs/*.spec.json "$out/runs/" || exit 2
{
  echo "gpu-check on $(hostname) at $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  "$python" -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, "device", torch.cuda.get_device_name(0) if torch.cuda.is_available() else "none")'
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
} >"$out/gpu-check.txt" 2>&1

failed=0
for spec in "$out"/runs/*.spec.json; do
  id="$(basename "$spec" .spec.json)"
  log="$out/runs/$id.jsonl"
  if [[ -f "$log" ]] && tail -n 1 "$log" | grep -q '"type": *"done"'; then
    echo "$id: finished earlier, kept"
    continue
  fi
  echo "$id: running (stderr: $out/runs/$id.stderr.log)"
  start=$SECONDS
  PYTHONPATH="$root${PYTHONPATH:+:$PYTHONPATH}" timeout "$timeout_s" \
    "$python" -m harness.worker.pytorch.main "$spec" >"$log" 2>"$out/runs/$id.stderr.log"
  status=$?
  if [[ $status -eq 0 ]]; then
    echo "$id: ok ($((SECONDS - start)) s)"
  else
    echo "$id: FAILED with exit status $status after $((SECONDS - start)) s; see $out/runs/$id.stderr.log" >&2
    failed=1
  fi
done

name="$("$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["name"])' "$out/suite.resolved.json")"
echo "done; bring $out back and run: npm run bench suites/$name.json -- --out $out --resume"
exit $failed
