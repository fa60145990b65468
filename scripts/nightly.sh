#!/usr/bin/env bash
# The nightly, as .github/workflows/nightly.yml runs it and as anyone can run it in a checkout:
#   1. the suite's last good commit, from the history (`sambench history --last-good`; on the
#      first night, the parent of tonight's commit);
#   2. `sambench ab <last good> <tonight> <suite>`: both revisions built in git worktrees, their
#      worker processes interleaved in shuffled rounds on this machine; it appends tonight's line,
#      with its verdict against the last good commit, to the history;
#   3. `sambench history --fail-on-regression`, the verdict: change points over the nights (E-divisive),
#      history.html; exit 1 on a regression confirmed over two nights (a change point beyond 5 %
#      held two nights, SAMBENCH_NIGHTLY_CHANGE_MIN_EFFECT; or ab's verdict regressed on the last
#      two nights against the same commit) or on a failed run. One regressed night is reported,
#      and the next night confirms it or not. The ab's own threshold is the suite's
#      regression.minEffect (2 % for suites/nightly.json): within one job the processes' intervals
#      hold the noise; across nights a runner's drift adds more.
# Exits with the verdict's code, or with ab's when ab could not run (exit 2 and above).
# Environment: SAMBENCH_NIGHTLY_SUITE (default suites/nightly.json), SAMBENCH_HISTORY_FILE
# (default results/history.jsonl), SAMBENCH_NIGHTLY_OUT (default results/nightly),
# SAMBENCH_NIGHTLY_CHANGE_MIN_EFFECT (default 0.05).
set -uo pipefail
cd "$(dirname "$0")/.."

suite=${SAMBENCH_NIGHTLY_SUITE:-suites/nightly.json}
out=${SAMBENCH_NIGHTLY_OUT:-results/nightly}
export SAMBENCH_HISTORY_FILE=${SAMBENCH_HISTORY_FILE:-results/history.jsonl}
sambench=(node dist/harness/bin.js)
name=$(node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).name)' "$suite") || exit 2

tonight=$(git rev-parse --verify HEAD) || exit 2
last_good=$("${sambench[@]}" history --suite "$name" --last-good) || exit 2
if [ -z "$last_good" ]; then
  last_good=$(git rev-parse --verify HEAD^) || exit 2
  echo "nightly: no good night of suite $name in $SAMBENCH_HISTORY_FILE yet; benching against the parent commit" >&2
fi
echo "nightly: $name, last good ${last_good:0:12} against tonight ${tonight:0:12}" >&2

"${sambench[@]}" ab "$last_good" "$tonight" "$suite" --out "$out/ab"
ab=$?
"${sambench[@]}" history --suite "$name" --html "$out/history.html" --fail-on-regression --min-effect "${SAMBENCH_NIGHTLY_CHANGE_MIN_EFFECT:-0.05}"
history=$?

# 0: nothing regressed; 1: tonight regressed (recorded in the history, which decides).
if [ "$ab" -gt 1 ]; then exit "$ab"; fi
exit "$history"
