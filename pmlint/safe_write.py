"""Write a file without following a link, so a cloned repository cannot redirect a write.

A repository can commit symbolic links where pmlint writes: its cache, a
baseline, an ``--output`` file, a folder ``pmlint new`` or ``adopt`` creates.
Following one would let a pull request overwrite or append to any file the
developer or the CI runner can write (``~/.bashrc``). So:

- a file is written to a temporary file in the same folder, created
  exclusively (``O_EXCL``: never through a link), then renamed over the name;
  a rename replaces a link at the final name instead of writing through it;
- a file created "new" is opened with ``O_CREAT | O_EXCL``, which fails on any
  existing name, a dangling link included;
- appending opens with ``O_NOFOLLOW`` and refuses anything but a regular file;
- folders are created one at a time, and one that turns out to be a link is
  refused; ``inside`` names a folder below which no existing part of the path
  may be a link either (the cache folder of a repository);
- a temporary file is removed on any failure or interruption (Ctrl-C).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)
#: Suffix of the temporary files this module makes (the cache sweeps stale ones).
TEMPORARY_SUFFIX = ".tmp"


class LinkRefused(OSError):
    """A link, or something that is not a folder or file, stands where pmlint writes."""

    def __init__(self, path: Path | str, what: str) -> None:
        super().__init__(errno.ELOOP, f"{what}; pmlint never writes through a link", str(path))

    def __str__(self) -> str:
        return f"{self.filename} {self.strerror}"


def _encode(text: str | bytes) -> bytes:
    # surrogateescape: a name or field read from a non-UTF-8 file name is written back as its bytes
    return text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape")


def refuse_links(path: Path, inside: Path) -> None:
    """Raise LinkRefused when ``path`` or a folder between ``inside`` and it is a link."""
    try:
        parts = path.relative_to(inside).parts
    except ValueError:
        return
    current = inside
    for part in parts:
        current = current / part
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            return
        if stat.S_ISLNK(info.st_mode):
            raise LinkRefused(current, "is a symbolic link")


def make_folders(folder: Path, inside: Path | None = None) -> None:
    """Create ``folder`` and its missing parents, each checked to be a real folder."""
    if inside is not None:
        refuse_links(folder, inside)
    missing = []
    current = folder
    while not os.path.lexists(current) and current != current.parent:
        missing.append(current)
        current = current.parent
    for part in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made by another run meanwhile
            os.mkdir(part)
        if not stat.S_ISDIR(os.lstat(part).st_mode):
            raise LinkRefused(part, "is not a folder")


def write_file(
    path: Path,
    data: str | bytes,
    *,
    new: bool = False,
    inside: Path | None = None,
    mode: int | None = None,
) -> int:
    """Write ``data`` to ``path`` (replacing a file, or only creating one when ``new``).

    Returns the bytes written. FileExistsError when ``new`` and the name is taken.
    ``mode`` defaults to what the umask gives a new file.
    """
    encoded = _encode(data)
    make_folders(path.parent, inside)
    if new:
        _create(path, encoded)
        return len(encoded)
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX
    )
    try:
        with open(descriptor, "wb") as handle:
            handle.write(encoded)
        os.chmod(temporary, 0o666 & ~_umask() if mode is None else mode)  # mkstemp makes 0600
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(encoded)


def _create(path: Path, data: bytes) -> None:
    """Create ``path`` exclusively and fill it; remove it again if that fails."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY
    descriptor = os.open(path, flags, 0o666)
    try:
        with open(descriptor, "wb") as handle:
            handle.write(data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def append(path: Path, data: str | bytes, *, inside: Path | None = None) -> None:
    """Append to a regular file (created if missing), never through a link."""
    if inside is not None:
        refuse_links(path, inside)
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | _NOFOLLOW | _BINARY
    if not _NOFOLLOW and os.path.islink(path):  # Windows has no O_NOFOLLOW
        raise LinkRefused(path, "is a symbolic link")
    try:
        descriptor = os.open(path, flags | getattr(os, "O_NONBLOCK", 0), 0o666)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise LinkRefused(path, "is a symbolic link") from None
        raise
    with open(descriptor, "ab") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise LinkRefused(path, "is not a regular file")
        handle.write(_encode(data))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
