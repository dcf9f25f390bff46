"""``pmlint fix``: the safe fixes made in files, never through a link or outside the paths given.

A file is read once (bounded, regular files only, as lint reads it), fixed as
text and written back only if something changed and the file is still the one
read; the bytes a fix does not touch, line endings and a BOM included, are
written as they were.
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pmlint import safe_write
from pmlint.authoring.fix import Fix, fix_text
from pmlint.checking.lint import lint_file
from pmlint.checking.rules import Context
from pmlint.config import Config
from pmlint.reading.source import Unreadable, decode, read_file
from pmlint.running.files import Target, discover


@dataclass
class FileFix:
    """What fixing one file did, or why it was left alone (``skipped``)."""

    display: str
    before: str = ""
    after: str = ""
    made: list[Fix] = field(default_factory=list)
    skipped: str | None = None

    @property
    def changed(self) -> bool:
        return self.after != self.before

    def diff(self) -> str:
        """A unified diff, line endings as they are in the file."""
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            f"a/{self.display}",
            f"b/{self.display}",
        )
        return "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)


def fix_paths(paths: Iterable[str], config: Config, write: bool) -> Iterator[FileFix]:
    """Fix every postmortem under ``paths``; write the files only when ``write``."""
    given = list(paths)
    roots = [os.path.realpath(path) for path in given]
    for target in discover(given, config):
        yield _fix_one(target, roots, config, write)


def _fix_one(target: Target, roots: list[str], config: Config, write: bool) -> FileFix:
    result = FileFix(target.display)
    refusal = target.problem or _refusal(target.path, roots)
    if refusal:
        result.skipped = refusal
        return result
    try:
        data, info = read_file(target.path, config.max_file_size)
        result.before = result.after = decode(data)
    except Unreadable as error:
        result.skipped = str(error)
        return result
    # A file's own problems: no fix answers a cross-file rule, so the others are not read.
    problems = lint_file(result.before, target.display, Context(config, config.today)).problems
    result.after, result.made = fix_text(result.before, problems, config)
    if write and result.changed:
        try:
            write_back(target.path, result.after.encode("utf-8"), info)
        except OSError as error:
            result.skipped = f"not written: {error.strerror or error}"
    return result


def _refusal(path: str, roots: list[str]) -> str | None:
    """Why ``path`` must not be written: a link, or a place outside every path given."""
    if os.path.islink(path):
        return "is a symbolic link; pmlint fix never writes through a link"
    real = os.path.realpath(path)
    if not any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots):
        return "is outside the paths given; not written"
    return None


def write_back(path: str, data: bytes, read: os.stat_result) -> None:
    """Replace the file's bytes, never through a link, only if unchanged since it was read.

    ``safe_write`` writes a temporary file and renames it over the name, so a
    link put there meanwhile is replaced, not followed; the file keeps its mode.
    The inode, size and modification time read earlier tell whether someone
    wrote the file meanwhile.
    """
    now = os.lstat(path)
    if stat.S_ISLNK(now.st_mode):
        raise safe_write.LinkRefused(path, "is a symbolic link")
    if (now.st_ino, now.st_size, now.st_mtime_ns) != (read.st_ino, read.st_size, read.st_mtime_ns):
        raise OSError(0, "the file changed while it was being fixed")
    safe_write.write_file(Path(path), data, mode=stat.S_IMODE(read.st_mode))


def describe(result: FileFix) -> Iterator[str]:
    """One line per fix made, as ``path:line: what was done``."""
    for fix in sorted(result.made, key=lambda fix: fix.line):
        yield f"{result.display}:{fix.line}: {fix.title}"


def summary(results: list[FileFix], written: bool) -> str:
    fixes = sum(len(result.made) for result in results if result.changed)
    files = sum(result.changed for result in results)
    verb = "Fixed" if written else "Would fix"
    return (
        f"{verb} {fixes} problem{'s' * (fixes != 1)} in {files} file{'s' * (files != 1)} "
        f"({len(results)} file{'s' * (len(results) != 1)} checked)"
    )
