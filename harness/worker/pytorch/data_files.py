"""The guarded reads of a dataset file (regular_file.py's open, within MAX_DATA_FILE_BYTES) and the
error that names a file the PyTorch worker cannot use: shared by every loader (datasets.py, arrays.py,
image_folder.py), as harness/worker/data/data-file.ts and errors.ts are on the TF.js side.
"""

from __future__ import annotations

from typing import Any, BinaryIO

from harness.worker.pytorch.regular_file import UnreadableFile, open_regular

# The largest dataset file read, in bytes (2 GiB − 1); harness/worker/data/data-file.ts has the same bound.
MAX_DATA_FILE_BYTES = 2_147_483_647


class DataFileError(Exception):
    """A dataset file is missing or malformed; the message starts with the file's path."""

    def __init__(self, file: str, problem: str, message: str) -> None:
        super().__init__(f"{file}: {message}")
        self.file = file
        self.problem = problem


def open_data_file(file: str) -> tuple[BinaryIO, int]:
    """`file` opened for reading, and its size: a regular file within MAX_DATA_FILE_BYTES (regular_file.py).

    A device (a link to /dev/zero) or a FIFO would read without end or block, so it is refused unread.
    """
    try:
        return open_regular(file, MAX_DATA_FILE_BYTES, "a dataset file")
    except UnreadableFile as error:
        raise DataFileError(file, error.problem, error.reason) from error


def data_file_size(file: str) -> int:
    """The size of `file` in bytes, after checking that it is a regular file within MAX_DATA_FILE_BYTES."""
    handle, size = open_data_file(file)
    handle.close()
    return size


def read_exactly(handle: Any, length: int) -> bytes:
    """`length` bytes from `handle`, fewer only when it ends first."""
    chunks, left = [], length
    while left > 0:
        chunk = handle.read(left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
