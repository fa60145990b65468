"""regular_file.py is the Python twin of harness/read-file.ts and harness/file-kind.ts."""

import re
import stat
from pathlib import Path

from harness.worker.pytorch.regular_file import file_kind

FILE_KIND_TS = Path(__file__).resolve().parents[2] / "file-kind.ts"


def test_file_kind_words_are_file_kind_ts_words():
    """Each kind of file in the words harness/file-kind.ts uses, so both workers' messages agree."""
    source = FILE_KIND_TS.read_text(encoding="utf-8")
    words = dict(re.findall(r"if \(stats\.is(\w+)\(\)\) return '([^']+)'", source))
    modes = {
        "File": stat.S_IFREG,
        "Directory": stat.S_IFDIR,
        "CharacterDevice": stat.S_IFCHR,
        "BlockDevice": stat.S_IFBLK,
        "FIFO": stat.S_IFIFO,
        "Socket": stat.S_IFSOCK,
    }
    assert set(words) == set(modes)
    for kind, mode in modes.items():
        assert file_kind(mode) == words[kind], kind
    fallback = re.search(r"\n  return '([^']+)'", source)
    assert fallback is not None
    assert file_kind(0) == fallback.group(1)
