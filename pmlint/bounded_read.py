"""Read a configured file (team schema, ``$ref``, baseline, cache) within a size limit.

These files come from the repository, so a pull request chooses them: a link
to ``/dev/zero`` would never end, a FIFO would block the open forever, and a
huge file would exhaust memory. Only regular files are read, the open never
waits, and reading stops one byte past the limit.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
MiB = 1024 * 1024


class Refused(OSError):
    """The file is not a regular file, or is over its limit; the message says which."""

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def read_bytes(path: Path | str, limit: int, *, follow_links: bool = True) -> bytes:
    """The bytes of the regular file ``path``; Refused past ``limit`` bytes.

    Without ``follow_links``, a link is refused too (a cache file is never a link).
    """
    try:
        descriptor = os.open(path, _FLAGS | (0 if follow_links else _NOFOLLOW))
    except OSError as error:
        if error.errno == errno.ELOOP and not follow_links:
            raise Refused(errno.ELOOP, "is a symbolic link; not read", str(path)) from None
        raise
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(errno.EINVAL, "is not a regular file; not read", str(path))
        if info.st_size > limit:
            raise Refused(errno.EFBIG, f"is over the {limit:,}-byte limit; not read", str(path))
        with open(descriptor, "rb", closefd=False) as handle:
            # The size the stat gave, plus a byte to notice growth: asking for the
            # limit would allocate that much for every small file.
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += handle.read(limit + 1 - len(data))
    finally:
        os.close(descriptor)
    if len(data) > limit:  # it grew after the size check
        raise Refused(errno.EFBIG, f"is over the {limit:,}-byte limit; not read", str(path))
    return data


def read_text(path: Path | str, limit: int, errors: str = "strict") -> str:
    """The UTF-8 text of the regular file ``path`` (see read_bytes)."""
    return read_bytes(path, limit).decode("utf-8", errors)
