#!/usr/bin/env bash
# Installs Debian's chromium package for the report's browser test
# (harness/report/html/report.chromium.test.ts), unless /usr/bin/chromium is already there.
# `npm test` runs it (pretest). It installs only chromium and what chromium depends on
# (--no-install-recommends) and never upgrades an installed package: if apt's plan would upgrade
# one, or apt-get, root or the Debian archive is missing, it installs nothing and says why; the
# browser test then skips, naming the reason. Exit status 0 in all these cases: a missing
# browser is not a failure of the tests that need none.
set -euo pipefail

PACKAGES=(chromium fonts-dejavu-core)
skip() {
  echo "install-chromium: SKIPPED: $*; the report's browser test will be skipped (install Chromium so that /usr/bin/chromium exists to run it)" >&2
  exit 0
}

if [ -x /usr/bin/chromium ]; then
  echo "install-chromium: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) already installed"
  exit 0
fi
command -v apt-get >/dev/null 2>&1 || skip "apt-get not found"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    skip "not root, and no password-less sudo (as root: apt-get install --no-install-recommends ${PACKAGES[*]})"
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || skip "apt-get update failed (no Debian archive reachable?)"
APT=(apt-get install -y -q --no-install-recommends --no-upgrade)
plan=$($SUDO "${APT[@]}" --simulate "${PACKAGES[@]}" 2>&1) || skip "apt-get cannot install ${PACKAGES[*]}: $(tail -n 1 <<<"$plan")"
# apt's simulation writes "Inst pkg [installed version] (new version ...)" for an upgrade.
upgrades=$(grep -E '^Inst [^ ]+ \[' <<<"$plan" | awk '{print $2}' | tr '\n' ' ' || true)
[ -z "$upgrades" ] || skip "installing ${PACKAGES[*]} would upgrade installed packages (${upgrades% }), which a test must not do"
echo "install-chromium: installing ${PACKAGES[*]} and $(grep -c '^Inst ' <<<"$plan") packages in all, no recommends, no upgrades"
$SUDO "${APT[@]}" "${PACKAGES[@]}" || skip "apt-get install failed"
echo "install-chromium: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium installed')"
