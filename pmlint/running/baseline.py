"""Known problems: today's problems written down, so that only new ones fail a run.

A team switching pmlint on over years of old postmortems records their problems
once (``pmlint baseline``) and reviews the file like code. Entries are keyed by
file, rule and JSON pointer (the section or field), never by line, so an edit
elsewhere in a file keeps them matching; the message separates several problems
at one pointer. Entries that no longer match are stale: the problem was fixed,
and rewriting the baseline drops them, so the file only shrinks.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import astuple, dataclass, replace
from pathlib import Path

from pmlint import bounded_read
from pmlint.errors import UserError
from pmlint.problem import Problem
from pmlint.running.report import Report

DEFAULT_FILE = ".pmlint-baseline.json"
#: About 300,000 entries; a larger baseline is refused rather than read into memory.
MAX_BYTES = 64 * bounded_read.MiB
VERSION = 1
_FIELDS = ("path", "rule", "pointer", "message")


class BaselineError(UserError):
    """The baseline file cannot be used; the message names the file (and line)."""


@dataclass(frozen=True, order=True)
class Entry:
    """One known problem; ``path`` is relative to the baseline file's folder."""

    path: str
    rule: str
    pointer: str
    message: str


@dataclass(frozen=True)
class Outcome:
    """What applying a baseline did, for the report: how many were known, which are stale."""

    file: str
    known: int
    stale: tuple[Entry, ...]


def relative(path: str, root: Path) -> str:
    """A reported path as the baseline stores it: relative to ``root``, forward slashes."""
    try:
        return Path(os.path.relpath(os.path.abspath(path), root)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()


def entries(problems: Iterable[Problem], root: Path) -> list[Entry]:
    """The baseline entries of ``problems``, sorted."""
    return sorted(Entry(relative(p.path, root), p.code, p.pointer, p.message) for p in problems)


def render(known: Iterable[Entry]) -> str:
    """The baseline file: sorted, one entry per line, so a diff shows each change."""
    lines = [
        json.dumps(dict(zip(_FIELDS, astuple(entry), strict=True)), ensure_ascii=False)
        for entry in sorted(known)
    ]
    problems = "[\n  " + ",\n  ".join(lines) + "\n]" if lines else "[]"
    return f'{{\n"version": {VERSION},\n"tool": "pmlint",\n"problems": {problems}\n}}\n'


def load(path: Path) -> list[Entry]:
    """Read a baseline file written by ``render`` (or edited by hand, carefully)."""
    try:  # bounded: a committed baseline can be a link to /dev/zero or a FIFO
        text = bounded_read.read_text(path, MAX_BYTES, errors="surrogateescape")  # as written
    except FileNotFoundError:
        raise BaselineError(
            f"{path}: baseline file not found; run 'pmlint baseline' to create it"
        ) from None
    except OSError as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BaselineError(f"{path}:{error.lineno}: not valid JSON: {error.msg}") from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise BaselineError(f"{path}: not a pmlint baseline (version {VERSION} expected)")
    problems = data.get("problems")
    if not isinstance(problems, list):
        raise BaselineError(f"{path}: 'problems' must be a list")
    known = []
    for index, item in enumerate(problems):
        if not isinstance(item, dict) or not all(
            isinstance(item.get(name), str) for name in _FIELDS
        ):
            raise BaselineError(f"{path}: problems[{index}] needs the strings {', '.join(_FIELDS)}")
        known.append(Entry(*(item[name] for name in _FIELDS)))
    return known


def apply(report: Report, known: Iterable[Entry], root: Path, file: str) -> Report:
    """The report without the problems in ``known``, carrying the stale entries.

    Within one (path, rule, pointer) group, problems first match entries with
    the same message, then the rest pair up in order, so a reworded message
    still matches. An unmatched entry is stale when its file was checked in this
    run, or no longer exists; entries for files outside the run are left alone.
    """
    groups: dict[tuple[str, str, str], list[Entry]] = defaultdict(list)
    for entry in known:
        groups[(entry.path, entry.rule, entry.pointer)].append(entry)
    by_group: dict[tuple[str, str, str], list[Problem]] = defaultdict(list)
    for problem in report.problems:
        by_group[(relative(problem.path, root), problem.code, problem.pointer)].append(problem)
    fresh: list[Problem] = []
    for key, problems in by_group.items():
        unmatched, waiting = _match_messages(problems, groups.pop(key, []))
        fresh.extend(unmatched[len(waiting) :])
        groups[key] = waiting[len(unmatched) :]
    checked = {relative(path, root) for path in report.files}
    stale = sorted(
        entry
        for waiting in groups.values()
        for entry in waiting
        if entry.path in checked or not (root / entry.path).exists()
    )
    kept = len(report.problems) - len(fresh)
    return replace(
        report, problems=tuple(sorted(fresh)), baseline=Outcome(file, kept, tuple(stale))
    )


def _match_messages(
    problems: list[Problem], waiting: list[Entry]
) -> tuple[list[Problem], list[Entry]]:
    """Pair each problem with the first waiting entry of the same message.

    Returns the problems left unmatched and the entries left waiting, both in
    order. Linear: a baseline of 200,000 entries in one file took 17 s when each
    problem searched and removed from a list.
    """
    by_message: dict[str, deque[int]] = defaultdict(deque)
    for index, entry in enumerate(waiting):
        by_message[entry.message].append(index)
    matched: set[int] = set()
    unmatched = []
    for problem in problems:
        indexes = by_message.get(problem.message)
        if indexes:
            matched.add(indexes.popleft())
        else:
            unmatched.append(problem)
    return unmatched, [entry for i, entry in enumerate(waiting) if i not in matched]


def record(report: Report, root: Path, old: Iterable[Entry] = ()) -> list[Entry]:
    """The entries to write: today's problems of the files checked, ``old`` ones for the rest.

    So ``pmlint baseline one.md`` refreshes one file without forgetting the others.
    """
    checked = {relative(path, root) for path in report.files}
    kept = [entry for entry in old if entry.path not in checked]
    return sorted([*kept, *entries(report.problems, root)])
