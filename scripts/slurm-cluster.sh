#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, for trying `--launcher slurm` and for its e2e test
# (harness/launch/slurm/slurm.e2e.test.ts). Debian's slurm-wlm (22.05) and munge; every daemon runs
# as root from a state folder, so nothing under /etc changes and `down` leaves nothing running.
#
#   scripts/slurm-cluster.sh install   apt-get install slurm-wlm munge (root, Debian/Ubuntu)
#   scripts/slurm-cluster.sh up        start munged, slurmctld and slurmd (idempotent); prints the export
#   scripts/slurm-cluster.sh down      stop them and remove the state folder (idempotent)
#   scripts/slurm-cluster.sh env       print `export SLURM_CONF=…` for this cluster's client commands
#
# State folder: $SAMBENCH_SLURM_DIR (default /tmp/sambench-slurm). Ports: $SAMBENCH_SLURM_PORT and
# the next one (default 6817, 6818). Client commands (sbatch, squeue, …) find the cluster through
# SLURM_CONF, which `up` and `env` print.
set -euo pipefail

DIR="${SAMBENCH_SLURM_DIR:-/tmp/sambench-slurm}"
PORT="${SAMBENCH_SLURM_PORT:-6817}"
CONF="$DIR/slurm.conf"
HOST="$(hostname -s)"

die() {
  echo "slurm-cluster: $*" >&2
  exit 1
}

missing() {
  local tool
  for tool in munged slurmctld slurmd sbatch; do
    command -v "$tool" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin" command -v "$tool" >/dev/null 2>&1 || {
      echo "$tool"
      return
    }
  done
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

install() {
  [ -z "$(missing)" ] && return 0
  [ "$(id -u)" = 0 ] || die "installing slurm-wlm and munge needs root (apt-get install slurm-wlm munge)"
  command -v apt-get >/dev/null || die "no apt-get here: install Slurm (slurmctld, slurmd, sbatch) and munge by hand"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends slurm-wlm munge >"${TMPDIR:-/tmp}/slurm-cluster-apt.log" 2>&1 ||
    die "apt-get install slurm-wlm munge failed; see ${TMPDIR:-/tmp}/slurm-cluster-apt.log"
}

write_conf() {
  local cpus mem_mb
  cpus="$(nproc --all)"
  # Leave a tenth of the memory to the system: slurmd refuses a node that has less than it says.
  mem_mb="$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)"
  cat >"$CONF" <<EOF
# Written by scripts/slurm-cluster.sh: a one-node cluster run by root (no cgroups, no accounting).
ClusterName=sambench
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$DIR/munge.socket
StateSaveLocation=$DIR/ctld
SlurmdSpoolDir=$DIR/d
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/slurmctld.log
SlurmdLogFile=$DIR/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=512
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
ReturnToService=2
# Finished jobs stay visible (scontrol show job) for 10 minutes: without accounting, that is
# where the CLI reads how a task ended.
MinJobAge=600
# A task over its time limit gets SIGTERM, then SIGKILL this many seconds later.
KillWait=5
InactiveLimit=0
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF
}

wait_until() {
  local what="$1" tries="$2"
  shift 2
  for _ in $(seq "$tries"); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  die "$what did not come up; see the logs in $DIR"
}

node_idle() { SLURM_CONF="$CONF" sinfo -h -N -o '%T' | grep -Eq '^(idle|mixed|allocated)'; }

up() {
  [ -z "$(missing)" ] || die "$(missing) is not installed: run '$0 install' (root) first"
  export PATH="$PATH:/usr/sbin"
  mkdir -p "$DIR/ctld" "$DIR/d"
  chmod 700 "$DIR"
  write_conf
  if ! alive "$DIR/munged.pid"; then
    [ -f "$DIR/munge.key" ] || { dd if=/dev/urandom of="$DIR/munge.key" bs=1024 count=1 status=none && chmod 400 "$DIR/munge.key"; }
    # --force: munged refuses root otherwise; the socket folder is this private one.
    munged --force --key-file="$DIR/munge.key" --socket="$DIR/munge.socket" --pid-file="$DIR/munged.pid" \
      --log-file="$DIR/munged.log" --seed-file="$DIR/munged.seed"
  fi
  wait_until munged 40 test -S "$DIR/munge.socket"
  export SLURM_CONF="$CONF"
  alive "$DIR/slurmctld.pid" || slurmctld -f "$CONF"
  wait_until slurmctld 60 scontrol ping
  alive "$DIR/slurmd.pid" || slurmd -f "$CONF"
  wait_until "the node $HOST" 120 node_idle
  echo "export SLURM_CONF=$CONF"
}

stop() {
  local file="$1" pid
  alive "$file" || return 0
  pid="$(cat "$file")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 40); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.25
  done
  kill -9 "$pid" 2>/dev/null || true
}

down() {
  [ -d "$DIR" ] || return 0
  # Jobs first, so no task outlives its slurmd (proctrack/linuxproc does not reap orphans on exit).
  if alive "$DIR/slurmctld.pid"; then SLURM_CONF="$CONF" scancel --full --quiet --user=root 2>/dev/null || true; fi
  for _ in $(seq 40); do
    alive "$DIR/slurmctld.pid" || break
    [ -z "$(SLURM_CONF="$CONF" squeue -h -o %i 2>/dev/null)" ] && break
    sleep 0.25
  done
  stop "$DIR/slurmd.pid"
  stop "$DIR/slurmctld.pid"
  stop "$DIR/munged.pid"
  rm -rf "$DIR"
}

case "${1:-}" in
  install) install ;;
  up) up ;;
  down) down ;;
  env) echo "export SLURM_CONF=$CONF" ;;
  *) die "usage: $0 install|up|down|env" ;;
esac
