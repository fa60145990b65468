"""The one guarded open of a file the PyTorch worker reads (its run spec, its dataset files).

Mirrors harness/read-file.ts: opened without blocking (a FIFO never waits for a writer), then
the open descriptor (not the path, so nothing can be swapped in between) must be a regular file
within a size bound; a FIFO, a device such as /dev/zero (also behind a symlink), a socket or a
folder is refused unread.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO


class UnreadableFile(Exception):
    """`file` is missing, not a regular file, or too large; `reason` says which, without the path."""

    def __init__(self, file: str, problem: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.problem = problem
        self.reason = reason


def file_kind(mode: int) -> str:
    """What a stat mode is, in the words of harness/file-kind.ts."""
    if stat.S_ISREG(mode):
        return "a regular file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode):
        return "a character device (e.g. a link to /dev/zero)"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "neither a file nor a folder"


def open_regular(file: str, max_bytes: int, what: str) -> tuple[BinaryIO, int]:
    """`file` opened for binary reading, and its size; raises UnreadableFile unless a regular file of at most `max_bytes`."""
    try:
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise UnreadableFile(file, "missing", f"cannot be read ({error.strerror}); expected {what}") from error
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(file, "not-a-file", f"is {file_kind(info.st_mode)}, not a regular file; expected {what}")
        if info.st_size > max_bytes:
            raise UnreadableFile(file, "too-large", f"holds {info.st_size} bytes, more than the {max_bytes} {what} may have")
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb"), info.st_size
