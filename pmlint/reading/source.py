"""A postmortem's bytes as pmlint reads them: small regular UTF-8 files, or a reason why not.

Every command reads postmortems through here, so a FIFO, a device, a huge or
a binary file is refused the same way (PM001) wherever it is met.
"""

from __future__ import annotations

import os
import stat


class Unreadable(Exception):
    """The file's bytes cannot be linted (PM001); the message says why."""


def read_text(path: str | os.PathLike[str], max_size: int) -> str:
    """Read a postmortem and decode it, refusing what is not a small UTF-8 text file."""
    return decode(read_file(path, max_size)[0])


#: Opening never waits (a FIFO would block until a writer comes); binary mode on Windows.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_file(path: str | os.PathLike[str], max_size: int) -> tuple[bytes, os.stat_result]:
    """A file's bytes and the stat of what was read, refusing what is not a small file.

    Only regular files are read: reading a FIFO or a device would block or
    never end, and pmlint must finish on any tree it is pointed at. The stat
    comes from the open file, so it describes the bytes returned.
    """
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise Unreadable(f"Cannot read the file: {error.strerror or error}") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(f"Not a regular file ({_kind(info.st_mode)}); not read")
        if info.st_size > max_size:
            raise Unreadable(
                f"File is {info.st_size:,} bytes, over the {max_size:,}-byte limit "
                "(max_file_size); not parsed"
            )
        with open(descriptor, "rb", closefd=False) as handle:
            # The size the stat gave, plus a byte to notice growth: asking for
            # max_size + 1 bytes would allocate that much for every small file.
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += handle.read(max_size + 1 - len(data))
    except OSError as error:
        raise Unreadable(f"Cannot read the file: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
    if len(data) > max_size:  # it grew after the size check
        raise Unreadable(f"File is over the {max_size:,}-byte limit (max_file_size); not parsed")
    return data, info


def decode(data: bytes) -> str:
    """Decode a postmortem's bytes, refusing what is not UTF-8 text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Unreadable("File is UTF-16; save it as UTF-8")
    if b"\x00" in data:
        raise Unreadable("File looks binary (it contains NUL bytes); a postmortem is UTF-8 text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise Unreadable(
            f"File is not UTF-8: byte 0x{data[error.start]:02x} at line {line} cannot be "
            "decoded; save it as UTF-8"
        ) from None


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"
