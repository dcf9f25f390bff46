"""Known problems: today's problems written down, so that only new ones fail a run.

A team switching pmlint on over years of old postmortems records their problems
once (``pmlint baseline``) and reviews the file like code. Entries are keyed by
file, rule and JSON pointer (the section or field), never by line, so an edit
elsewhere in a file keeps them matching; and by a digest of the text at that
pointer, so rewriting the section or item itself (converting it with ``pmlint
adopt``, say) makes its old entries stop matching rather than hide what is now
there. The message separates several problems at one pointer. Entries that no
longer match are stale: the problem was fixed, and rewriting the baseline drops
them, so the file only shrinks. Entries of version 1 files have no digest and
match by file, rule and pointer alone, as they did.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from pmlint import bounded_read
from pmlint.errors import UserError
from pmlint.problem import Problem
from pmlint.running.report import Report

DEFAULT_FILE = ".pmlint-baseline.json"
#: About 300,000 entries; a larger baseline is refused rather than read into memory.
MAX_BYTES = 64 * bounded_read.MiB
VERSION = 2
#: Versions ``load`` reads: 1 had no ``hash``.
_READABLE = (1, VERSION)
_FIELDS = ("path", "rule", "pointer", "hash", "message")


class BaselineError(UserError):
    """The baseline file cannot be used; the message names the file (and line)."""


@dataclass(frozen=True, order=True)
class Entry:
    """One known problem; ``path`` is relative to the baseline file's folder."""

    path: str
    rule: str
    pointer: str
    message: str
    #: The digest of the text at ``pointer`` (pmlint.reading.subjects); "" in a version 1
    #: file, where the entry matches whatever text is there.
    hash: str = ""


@dataclass(frozen=True)
class Outcome:
    """What applying a baseline did, for the report: how many were known, which are stale,
    and how many entries match without a digest (a file written by an older pmlint)."""

    file: str
    known: int
    stale: tuple[Entry, ...]
    unhashed: int = 0


def relative(path: str, root: Path) -> str:
    """A reported path as the baseline stores it: relative to ``root``, forward slashes."""
    try:
        return Path(os.path.relpath(os.path.abspath(path), root)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()


def entries(problems: Iterable[Problem], root: Path) -> list[Entry]:
    """The baseline entries of ``problems``, sorted."""
    return sorted(
        Entry(relative(p.path, root), p.code, p.pointer, p.message, p.subject) for p in problems
    )


def render(known: Iterable[Entry]) -> str:
    """The baseline file: sorted, one entry per line, so a diff shows each change."""
    lines = [
        json.dumps({name: getattr(entry, name) for name in _FIELDS}, ensure_ascii=False)
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
    version = data.get("version") if isinstance(data, dict) else None
    if not isinstance(data, dict) or type(version) is not int or version not in _READABLE:
        raise BaselineError(f"{path}: not a pmlint baseline (version {VERSION} expected)")
    problems = data.get("problems")
    if not isinstance(problems, list):
        raise BaselineError(f"{path}: 'problems' must be a list")
    names = _FIELDS if version == VERSION else tuple(n for n in _FIELDS if n != "hash")
    known = []
    for index, item in enumerate(problems):
        if not isinstance(item, dict) or not all(isinstance(item.get(n), str) for n in names):
            raise BaselineError(f"{path}: problems[{index}] needs the strings {', '.join(names)}")
        known.append(Entry(**{name: item[name] for name in names}))
    return known


def apply(report: Report, known: Iterable[Entry], root: Path, file: str) -> Report:
    """The report without the problems in ``known``, carrying the stale entries.

    A problem matches an entry of its file, rule and pointer whose digest is
    that of the text at the pointer now, or, failing that, one without a digest
    (version 1). Within such a group, problems first match entries with the
    same message, then the rest pair up in order, so a reworded message still
    matches. An unmatched entry is stale when its file was checked in this run,
    or no longer exists; entries for files outside the run are left alone.
    """
    known = list(known)
    groups: dict[tuple[str, str, str, str], list[Entry]] = defaultdict(list)
    for entry in known:
        groups[(entry.path, entry.rule, entry.pointer, entry.hash)].append(entry)
    by_group: dict[tuple[str, str, str, str], list[Problem]] = defaultdict(list)
    for problem in report.problems:
        where = relative(problem.path, root)
        by_group[(where, problem.code, problem.pointer, problem.subject)].append(problem)
    fresh: list[Problem] = []
    for key, problems in by_group.items():
        unmatched = _pair(problems, groups, key)
        if key[3]:
            unmatched = _pair(unmatched, groups, (*key[:3], ""))
        fresh.extend(unmatched)
    checked = {relative(path, root) for path in report.files}
    stale = sorted(
        entry
        for waiting in groups.values()
        for entry in waiting
        if entry.path in checked or not (root / entry.path).exists()
    )
    kept = len(report.problems) - len(fresh)
    unhashed = sum(not entry.hash for entry in known)
    outcome = Outcome(file, kept, tuple(stale), unhashed)
    return replace(report, problems=tuple(sorted(fresh)), baseline=outcome)


def _pair(
    problems: list[Problem],
    groups: dict[tuple[str, str, str, str], list[Entry]],
    key: tuple[str, str, str, str],
) -> list[Problem]:
    """Match ``problems`` with the entries of ``groups[key]``; the problems left unmatched."""
    if not problems or key not in groups:
        return problems
    unmatched, waiting = _match_messages(problems, groups.pop(key))
    groups[key] = waiting[len(unmatched) :]
    return unmatched[len(waiting) :]


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
