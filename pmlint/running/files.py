"""Turn the paths a user gives into the postmortem files to lint."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from fnmatch import translate
from functools import cache
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from pmlint.config import Config, ConfigError
from pmlint.errors import UserError


class UsageError(UserError):
    """A path that does not exist: the run cannot do what was asked (exit 2)."""


class Target(NamedTuple):
    """A file to lint: ``display`` is the path as the user would write it.

    A named tuple with ``path`` a plain string, as the OS takes it: a
    repository holds thousands of postmortems, and a dataclass and a ``Path``
    for each cost more than reading its id from the cache.
    """

    display: str
    path: str
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
    return excluded_parts(PurePosixPath(relative).parts, full, tuple(patterns))


def excluded_parts(parts: Iterable[str], full: str, patterns: tuple[str, ...]) -> bool:
    """``excluded`` for a path already split into its names (no ``.`` or empty one)."""
    names, paths = matchers(patterns)
    if paths is not None and paths.match(os.path.normcase(full)):
        return True
    return names is not None and any(names.match(os.path.normcase(part)) for part in parts)


@cache
def matchers(patterns: tuple[str, ...]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """One regular expression for the name patterns and one for the path patterns.

    The same test as ``fnmatch`` pattern by pattern, compiled once per run: a
    large repository has tens of thousands of names to test.
    """

    def union(selected: list[str]) -> re.Pattern[str] | None:
        if not selected:
            return None
        return re.compile("|".join(translate(os.path.normcase(p)) for p in selected))

    return (
        union([p for p in patterns if "/" not in p]),
        union([p for p in patterns if "/" in p]),
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
            for target in _walk(str(path), config):
                found.setdefault(target.display, target)
        elif not excluded(path.name, display(given), config.exclude):
            target = _file(str(path))
            found.setdefault(target.display, target)
    return [found[shown] for shown in sorted(found)]


def _walk(folder: str, config: Config) -> Iterator[Target]:
    """Markdown files below ``folder``, not entering excluded or linked folders.

    ``os.scandir`` says whether an entry is a folder or a link without another
    system call per file, which counts in a repository of thousands. A folder
    is entered only once its own name passed the patterns, so a file's name is
    the only part left to test.
    """
    names, paths = matchers(tuple(config.exclude))
    pending = [folder]
    while pending:
        directory = pending.pop()
        try:
            with os.scandir(directory) as listing:
                entries = list(listing)
        except OSError:  # as os.walk: a folder that cannot be listed is skipped
            continue
        for entry in entries:
            is_folder = _is_folder(entry)
            if not is_folder and not entry.name.endswith(".md"):
                continue
            if names is not None and names.match(os.path.normcase(entry.name)):
                continue
            shown = display(entry.path)
            if paths is not None and paths.match(os.path.normcase(shown)):
                continue
            if not is_folder:
                yield _file(entry.path, entry.is_symlink(), shown)
            elif not entry.is_symlink():
                pending.append(entry.path)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link that loops: as os.walk, not a folder
        return False


def _file(path: str, link: bool | None = None, shown: str | None = None) -> Target:
    shown = display(path) if shown is None else shown
    if os.path.islink(path) if link is None else link:
        try:
            resolved = Path(path).resolve(strict=True)
        except (OSError, RuntimeError):
            return Target(shown, path, "is a symbolic link that is broken or loops")
        if not resolved.is_file():
            return Target(shown, path, "is a symbolic link to something that is not a file")
    return Target(shown, path)


def same_file(path: Path, others: Iterable[str]) -> str | None:
    """The first of ``others`` that is ``path`` itself (through links too), if any."""
    try:
        mine = os.stat(path)  # once: os.path.samefile would stat it again for each other
    except OSError:
        return None
    for other in others:
        try:
            if os.path.samestat(mine, os.stat(other)):
                return other
        except OSError:
            continue
    return None


def configured_paths(config: Config) -> list[str]:
    """Configured paths, relative to the configuration file, shown relative to the cwd.

    One that does not exist is the configuration's mistake, so the error names the
    configuration file and its key, not only the path.
    """
    shown = [_relative(config.root / path) for path in config.paths]
    for path in shown:
        if not os.path.lexists(path):
            raise ConfigError(f"{path}: no such file or directory (listed in {_paths_key(config)})")
    return shown or ["."]


def in_scope(config: Config) -> list[str]:
    """The configured paths, which the cross-file rules see whatever is named; maybe none."""
    return configured_paths(config) if config.paths else []


def _paths_key(config: Config) -> str:
    """Where ``paths`` is set: "'paths' of .pmlint.toml", "[tool.pmlint] 'paths' of ..."."""
    if config.source is None:
        return "the configured 'paths'"
    table = "[tool.pmlint] " if config.source.name == "pyproject.toml" else ""
    source = _relative(config.source) if config.source.is_absolute() else str(config.source)
    return f"{table}'paths' of {source}"


def _relative(path: Path) -> str:
    try:
        return display(os.path.relpath(path))
    except ValueError:  # another drive on Windows
        return display(path)
