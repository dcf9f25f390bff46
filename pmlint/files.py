"""Turn the paths a user gives into the postmortem files to lint."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

from pmlint.config import Config


class UsageError(Exception):
    """A path that does not exist: the run cannot do what was asked (exit 2)."""


@dataclass(frozen=True, order=True)
class Target:
    """A file to lint: ``display`` is the path as the user would write it."""

    display: str
    path: Path
    problem: str | None = None  # a broken or looping link, reported as PM001


def display(path: Path | str) -> str:
    """Paths are reported as given, relative stays relative, with forward slashes."""
    text = str(path).replace(os.sep, "/")
    return text[2:] if text.startswith("./") else text


def excluded(relative: str, full: str, patterns: Iterable[str]) -> bool:
    """True when a name in ``relative`` matches a pattern, or ``full`` a pattern with a '/'.

    ``relative`` is the part below the folder the user named, so a hidden
    folder above it (the user's choice) does not exclude everything.
    """
    parts = PurePosixPath(relative).parts
    return any(
        fnmatch(full, pattern) if "/" in pattern else any(fnmatch(p, pattern) for p in parts)
        for pattern in patterns
    )


def discover(paths: Iterable[str], config: Config) -> list[Target]:
    """Every Markdown file under ``paths``, sorted, excluded ones skipped.

    Named files are linted even if not ``*.md`` (the user asked); folders are
    walked for ``*.md``. Links to files are followed once; a dangling or looping
    link becomes a Target with a problem. Linked folders are not entered, so a
    link cannot make the walk loop.
    """
    found: dict[str, Target] = {}
    for given in paths:
        path = Path(given)
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"{given}: no such file or directory")
        if path.is_dir() and not path.is_symlink():
            for target in _walk(path, config):
                found.setdefault(target.display, target)
        elif not excluded(path.name, display(given), config.exclude):
            target = _file(path)
            found.setdefault(target.display, target)
    return sorted(found.values())


def _walk(folder: Path, config: Config) -> Iterable[Target]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(
            name
            for name in dirs
            if not excluded(name, display(Path(root, name)), config.exclude)
            and not Path(root, name).is_symlink()
        )
        for name in sorted(files):
            path = Path(root, name)
            relative = display(path.relative_to(folder))
            if name.endswith(".md") and not excluded(relative, display(path), config.exclude):
                yield _file(path)


def _file(path: Path) -> Target:
    if path.is_symlink():
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return Target(display(path), path, "is a symbolic link that is broken or loops")
        if not resolved.is_file():
            return Target(display(path), path, "is a symbolic link to something that is not a file")
    return Target(display(path), path)


def same_file(path: Path, others: Iterable[str]) -> str | None:
    """The first of ``others`` that is ``path`` itself (through links too), if any."""
    if not path.exists():
        return None
    for other in others:
        try:
            if os.path.samefile(path, other):
                return other
        except OSError:
            continue
    return None
