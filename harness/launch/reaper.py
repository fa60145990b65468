"""Starts one worker and leaves nothing it started running: the launcher's guard (reaper.ts).

Usage: python -I reaper.py <launcher pid> <command> [args...]

Node cannot call prctl, so this small program does, through ctypes (standard library only):
- it becomes a child subreaper (PR_SET_CHILD_SUBREAPER), so a process that leaves the worker's
  group or session (setsid, a double fork) is re-parented here, not to init, and stays findable;
- it dies with its launcher (PR_SET_PDEATHSIG): the kernel sends it SIGHUP the moment the
  launcher's thread is gone (kill -9 included), however busy the worker's main thread is;
- the worker runs in a process group of its own, with PR_SET_PDEATHSIG SIGKILL on this process.

When the worker exits, or on SIGHUP (the launcher's "stop now"), every descendant is killed
(the worker's group, then each child re-parented here, until none is left), and this process
ends as the worker did: the same exit code, or the same signal. SIGTERM and SIGINT are passed
on to the worker's group (the launcher's polite stop). A worker that cannot be started exits 127.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import time

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
# How long the sweep keeps killing what is re-parented here before giving up (a process stuck in
# the kernel cannot be killed sooner); never reached in practice.
SWEEP_LIMIT_S = 10.0

_libc = ctypes.CDLL(None, use_errno=True)


def prctl(option: int, value: int) -> None:
    """prctl(option, value), raising OSError on failure."""
    if _libc.prctl(option, value, 0, 0, 0) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, os.strerror(errno))


def children() -> list[int]:
    """The pids whose parent is this process (from /proc, field 4 of each stat)."""
    me = os.getpid()
    found = []
    try:
        names = os.listdir("/proc")
    except OSError:
        return found  # no /proc: only the group kill reaches anything
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as stat:
                text = stat.read()
        except OSError:
            continue
        fields = text[text.rfind(b")") + 2 :].split()
        if len(fields) > 1 and int(fields[1]) == me:
            found.append(int(name))
    return found


def sweep(group: int) -> None:
    """Kills the worker's group, then every child of this process (each orphan lands here), reaping all."""
    with contextlib.suppress(OSError):
        os.killpg(group, signal.SIGKILL)
    give_up = time.monotonic() + SWEEP_LIMIT_S
    while time.monotonic() < give_up:
        for pid in children():
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        try:
            while os.waitpid(-1, os.WNOHANG)[0] != 0:
                pass
        except ChildProcessError:
            return  # no child left, and none can come: every descendant is gone
        time.sleep(0.01)


def start(command: list[str], reaper: int) -> int:
    """Forks the worker into a group of its own, dying with this process; returns its pid."""
    pid = os.fork()
    if pid != 0:
        with contextlib.suppress(OSError):  # also here, so no signal to the group can come before it exists
            os.setpgid(pid, pid)
        return pid
    try:
        os.setpgid(0, 0)
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != reaper:
            os._exit(1)
        # Python ignores these; an ignored signal stays ignored across exec.
        for sig in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, signal.SIG_DFL)
        os.execvp(command[0], command)
    except OSError as error:
        os.write(2, f"sambench: cannot start the worker {command[0]}: {error.strerror}\n".encode())
    os._exit(127)


def end_like(status: int) -> None:
    """Ends this process as the worker ended: its exit code, or its signal."""
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig not in (signal.SIGKILL, signal.SIGSTOP):
            signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
        os._exit(128 + sig)
    os._exit(os.WEXITSTATUS(status))


def main(argv: list[str]) -> None:
    """Runs the worker named in `argv` under this guard (see the module docstring)."""
    launcher, command = int(argv[1]), argv[2:]
    prctl(PR_SET_CHILD_SUBREAPER, 1)
    prctl(PR_SET_PDEATHSIG, signal.SIGHUP)
    if os.getppid() != launcher:
        os._exit(1)  # the launcher died before the line above: nobody wants this run
    worker = start(command, os.getpid())

    def forward(sig: int, _frame: object) -> None:
        with contextlib.suppress(OSError):
            os.killpg(worker, sig)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    signal.signal(signal.SIGHUP, lambda _sig, _frame: forward(signal.SIGKILL, None))
    while True:
        pid, status = os.waitpid(-1, 0)
        if pid == worker:
            break
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)
    sweep(worker)
    end_like(status)


if __name__ == "__main__":
    main(sys.argv)
