"""Remember what a run learnt, keyed by everything that decides it.

Two files live in the cache folder (``.pmlint_cache/`` by default):

- ``files.json``: for each file content (a hash of its bytes), the ``id`` and
  ``parent`` its front-matter declares, which the cross-file rules need from
  every postmortem in scope; and, for each path, the stat that last matched a
  content hash, so a one-file run in a large repository need not read every
  other file again. A stat younger than ``RACY_SECONDS`` is not remembered: a
  file rewritten within the file system's timestamp resolution must be read.
- ``results.json``: each file's own problems and the facts the cross-file
  rules read of it (``pmlint.checking.lint.lint_file``), keyed by the hash of
  its bytes, its path as shown and the tickets snapshot, never by the other
  files, under a run key made of pmlint's code, the shipped and team schemas,
  the settings and the reference day. Another run key discards the stored
  results.

What a run learns is appended to a journal beside each file (``files.json.log``,
``results.json.log``), one JSON line per entry, so a commit hook that lints one
file in a repository of thousands does not rewrite megabytes. A journal is
folded into its file once it outgrows a quarter of it. Every line carries the
code or run key it was made under, and a line that is torn or of another key is
skipped; two runs folding and appending at once can only lose entries.

A cache that is missing, corrupt, stale or unwritable is ignored: it only ever
costs the time to recompute, never a wrong or a failed run. Each file and each
journal line is signed with this user's key (pmlint.running.cache_auth): one
committed to a repository, or edited, is not signed by it and is ignored the
same way, then rewritten. Cache files are written and read without following
links (pmlint.safe_write), so a committed link cannot point a write elsewhere.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pmlint import bounded_read, safe_write
from pmlint.checking import facts as facts_module
from pmlint.checking.facts import Declared, Facts
from pmlint.config import Config
from pmlint.debuglog import log
from pmlint.problem import Problem, Severity
from pmlint.running import cache_auth
from pmlint.running.keys import code_key, run_key

FORMAT = 4
_FILES, _RESULTS = "files.json", "results.json"  # written only when they changed
_JOURNAL = ".log"  # appended to a file's name
#: A journal is folded into its file when it would outgrow this share of it.
FOLD_AT = 0.25
RACY_SECONDS = 2
#: Results of files not seen in a run are kept up to this many entries.
MAX_ENTRIES = 100_000
#: A cache file larger than this is not read (it is rewritten by the run).
MAX_FILE_BYTES = 512 * bounded_read.MiB
#: A journal that cannot be used (a link, not a file) counts as full: the file is rewritten.
_UNUSABLE = MAX_FILE_BYTES
#: A temporary file older than this was left by a run that was killed while writing.
STALE_TEMPORARY_SECONDS = 600
Stat = tuple[int, int, int, int, int]  # size, mtime, ctime, inode, device


def stat_of(result: os.stat_result) -> Stat:
    return (result.st_size, result.st_mtime_ns, result.st_ctime_ns, result.st_ino, result.st_dev)


class Cache:
    """Lookups and updates for one run; ``save`` writes them back if anything changed."""

    def __init__(
        self,
        folder: Path | None,
        run: str = "",
        code: str = "",
        key: bytes = b"",
        root: Path | None = None,
    ) -> None:
        self.folder = folder
        self.run = run
        self.code = code
        self.key = key
        self.root = root  #: no part of the folder below it may be a link
        self.facts: dict[str, Declared] = {}
        #: path -> "size:mtime:ctime:inode:device content": one string per file parses
        #: four times faster than nested lists, and a one-file run loads them all.
        self.stats: dict[str, str] = {}
        self.results: dict[str, list[Any]] = {}  # key -> [problem rows, facts]
        self._used: set[str] = set()
        #: Per cache file: whether this run changed it; the lines its journal is to get,
        #: None when the file is to be written whole instead (it could not be read, or
        #: the journal would outgrow its share); and the bytes the journal may grow by.
        self._changed: set[str] = set()
        self._lines: dict[str, list[str] | None] = {_FILES: None, _RESULTS: None}
        self._room: dict[str, int] = {_FILES: 0, _RESULTS: 0}
        if folder is not None:
            self._load()

    @classmethod
    def disabled(cls) -> Cache:
        return cls(None)

    @classmethod
    def open(cls, config: Config, today: dt.date | None) -> Cache:
        key = cache_auth.user_key() if config.cache_dir is not None else None
        if config.cache_dir is None or key is None:
            return cls.disabled()
        try:
            folder = config.root / config.cache_dir
            return cls(folder, run_key(config, today), code_key(), key, config.root)
        except (OSError, ValueError) as error:  # e.g. an unreadable team schema
            log.debug("cache disabled: %s", error)
            return cls.disabled()

    def _load(self) -> None:
        assert self.folder is not None
        files, size = self._read_json(_FILES)
        if files.get("format") == FORMAT and files.get("code") == self.code:
            try:
                self.facts = {k: (v[0], v[1]) for k, v in files["facts"].items()}
                self.stats = {k: v for k, v in files["stats"].items() if isinstance(v, str)}
            except (KeyError, TypeError, IndexError, AttributeError):
                log.debug("cache: files.json has an unexpected shape; ignored")
                self.facts, self.stats = {}, {}
            else:
                self._journal(_FILES, size, self._replay(_FILES, self.code))
        results, size = self._read_json(_RESULTS)
        if results.get("format") == FORMAT and results.get("run") == self.run:
            entries = results.get("entries")
            if isinstance(entries, dict):
                self.results = entries
                self._journal(_RESULTS, size, self._replay(_RESULTS, self.run))

    def _read_json(self, name: str) -> tuple[dict[str, Any], int]:
        """A cache file's object and its size in bytes; an empty object if unusable or
        not signed with this user's key."""
        assert self.folder is not None
        path = self.folder / name
        try:
            data = bounded_read.read_bytes(path, MAX_FILE_BYTES, follow_links=False)
        except FileNotFoundError:
            return {}, 0
        except OSError as error:
            log.debug("cache file %s ignored: %s", path, error)
            return {}, 0
        signature, _, text = data.partition(b"\n")
        if not cache_auth.verify(self.key, name, signature, text):
            log.debug("cache file %s ignored: not signed with this user's key", path)
            return {}, 0
        try:
            loaded = json.loads(text)
        except ValueError as error:
            log.debug("cache file %s ignored: %s", path, error)
            return {}, 0
        return (loaded, len(data)) if isinstance(loaded, dict) else ({}, 0)

    def _replay(self, name: str, key: str) -> int:
        """Apply the journal of ``name``'s lines made under ``key``; its size in bytes."""
        assert self.folder is not None
        path = self.folder / (name + _JOURNAL)
        try:
            data = bounded_read.read_bytes(path, MAX_FILE_BYTES, follow_links=False)
        except FileNotFoundError:
            return 0
        except OSError as error:
            log.debug("cache journal %s ignored: %s", path, error)
            return _UNUSABLE
        signed = cache_auth.SIGNATURE_LENGTH
        for raw in data.split(b"\n"):
            if not cache_auth.verify(self.key, name + _JOURNAL, raw[:signed], raw[signed + 1 :]):
                continue  # torn by a run killed while appending, or not written by this user
            try:
                line = json.loads(raw[signed + 1 :])
            except ValueError:
                continue
            if isinstance(line, list) and len(line) == 3 and line[0] == key:
                self._apply(line[1], line[2])
        return len(data)

    def _journal(self, name: str, size: int, journal_size: int) -> None:
        """Append to ``name``'s journal from now on, while it stays within its share."""
        self._room[name] = int(FOLD_AT * size) - journal_size
        self._lines[name] = [] if self._room[name] >= 0 else None

    def _note(self, name: str, line: list[Any]) -> None:
        """A change to ``name``: a journal line, unless the file is to be written whole."""
        self._changed.add(name)
        lines = self._lines[name]
        if lines is not None:
            data = json.dumps(line).encode()  # ASCII: a path may hold a lone surrogate
            text = f"\n{cache_auth.sign(self.key, name + _JOURNAL, data)} {data.decode()}"
            self._room[name] -= len(text)
            if self._room[name] >= 0:
                lines.append(text)
            else:
                self._lines[name] = None

    def _apply(self, entry: object, value: object) -> None:
        """One journal line: a content's facts, a path's stat, or a result's rows."""
        if not isinstance(entry, list) or len(entry) != 2 or not isinstance(entry[1], str):
            return
        kind, key = entry
        if kind == "facts" and isinstance(value, list) and len(value) == 2:
            if all(item is None or isinstance(item, str) for item in value):
                self.facts[key] = (value[0], value[1])
        elif kind == "stat" and isinstance(value, str):
            self.stats[key] = value
        elif kind == "result" and isinstance(value, list):
            self.results[key] = value

    # -- what the front-matter declares ------------------------------------------

    def add_facts(self, content: str, facts: Declared) -> None:
        if self.folder is not None and self.facts.get(content) != facts:
            self.facts[content] = facts
            self._note(_FILES, [self.code, ["facts", content], list(facts)])

    def facts_at(self, path: str, stat: Stat) -> Declared | None:
        """The id and parent of the file at ``path``, if its stat has not changed since
        its content was hashed. Runs once per postmortem in a one-file run."""
        entry = self.stats.get(path)
        if entry is None:
            return None
        seen, _, content = entry.partition(" ")
        return self.facts.get(content) if seen == _stat_text(stat) else None

    def add_stat(self, path: str, stat: Stat, content: str) -> None:
        if self.folder is None or time.time_ns() - stat[1] < RACY_SECONDS * 10**9:
            return
        entry = f"{_stat_text(stat)} {content}"
        if self.stats.get(path) != entry:
            self.stats[path] = entry
            self._note(_FILES, [self.code, ["stat", path], entry])

    # -- the problems and facts of a file -----------------------------------------

    def result(self, key: str, path: str) -> tuple[list[Problem], str] | None:
        """A file's own problems, and its facts as ``facts.to_text`` wrote them."""
        entry = self.results.get(key)
        if not isinstance(entry, list) or len(entry) != 2 or not isinstance(entry[1], str):
            return None
        found = _problems(entry[0], path)
        if found is None:
            return None
        self._used.add(key)
        return found, entry[1]

    def add_result(self, key: str, problems: list[Problem], facts: Facts) -> None:
        self._add(key, [[_row(p) for p in problems], facts_module.to_text(facts)])

    def answer(self, key: str) -> list[Problem] | None:
        """The cross-file pass's problems, each with its path: ``[[path, rows]...]``."""
        entry = self.results.get(key)
        if not isinstance(entry, list) or not all(isinstance(item, list) for item in entry):
            return None
        found: list[Problem] = []
        for item in entry:
            problems = _problems(item[1], item[0]) if len(item) == 2 else None
            if problems is None or not isinstance(item[0], str):
                return None
            found.extend(problems)
        self._used.add(key)
        return found

    def add_answer(self, key: str, problems: list[Problem]) -> None:
        by_path: dict[str, list[list[Any]]] = {}
        for problem in problems:
            by_path.setdefault(problem.path, []).append(_row(problem))
        self._add(key, [[path, rows] for path, rows in by_path.items()])

    def _add(self, key: str, entry: list[Any]) -> None:
        if self.folder is None:
            return
        self.results[key] = entry
        self._used.add(key)
        self._note(_RESULTS, [self.run, ["result", key], entry])

    def save(self) -> None:
        """Append what changed to the journals, or fold them into their files; a folder
        that cannot be written is left alone."""
        if self.folder is None or not self._changed:
            return
        if len(self.results) > MAX_ENTRIES:
            self.results = {key: self.results[key] for key in self._used}
            self._lines[_RESULTS] = None
        try:
            safe_write.make_folders(self.folder, self.root)
            ignore = self.folder / ".gitignore"
            if not os.path.lexists(ignore):  # a dangling link counts: never write through it
                text = "# pmlint's cache: safe to delete\n*\n"
                safe_write.write_file(ignore, text, new=True, inside=self.root)
            for name, whole in ((_FILES, self._files), (_RESULTS, self._results)):
                if name in self._changed:
                    self._write(name, whole)
        except OSError as error:
            log.debug("cache not written to %s: %s", self.folder, error)

    def _files(self) -> dict[str, Any]:
        facts = {key: list(value) for key, value in self.facts.items()}
        return {"format": FORMAT, "code": self.code, "facts": facts, "stats": self.stats}

    def _results(self) -> dict[str, Any]:
        return {"format": FORMAT, "run": self.run, "entries": self.results}

    def _write(self, name: str, whole: Callable[[], dict[str, Any]]) -> None:
        """Append ``name``'s journal lines, or write it whole and remove its journal."""
        assert self.folder is not None
        lines = self._lines[name]
        journal = self.folder / (name + _JOURNAL)
        if lines is not None:
            safe_write.append(journal, "".join(lines), inside=self.root)
            lines.clear()
        else:
            _remove_stale_temporaries(self.folder)
            text = json.dumps(whole(), separators=(",", ":")).encode()  # ASCII, as journal lines
            signed = f"{cache_auth.sign(self.key, name, text)}\n".encode() + text
            written = safe_write.write_file(self.folder / name, signed, inside=self.root)
            journal.unlink(missing_ok=True)  # a link is removed, never followed
            self._journal(name, written, 0)
        self._changed.discard(name)


def _row(problem: Problem) -> list[Any]:
    p = problem
    return [p.line, p.column, p.code, p.slug, str(p.severity), p.message, p.pointer, p.subject]


def _problems(rows: object, path: str) -> list[Problem] | None:
    if not isinstance(rows, list):
        return None
    try:
        return [
            Problem(path, int(r[0]), int(r[1]), r[2], r[3], Severity(r[4]), r[5], r[6], r[7])
            for r in rows
        ]
    except (ValueError, TypeError, IndexError):
        return None


def _stat_text(stat: Stat) -> str:
    size, modified, changed, inode, device = stat
    return f"{size}:{modified}:{changed}:{inode}:{device}"


def _remove_stale_temporaries(folder: Path) -> None:
    """Remove temporary files that a run killed while writing (SIGTERM, SIGKILL) left."""
    now = time.time()
    for leftover in folder.glob(f"*{safe_write.TEMPORARY_SUFFIX}"):
        try:
            if now - os.lstat(leftover).st_mtime > STALE_TEMPORARY_SECONDS:
                leftover.unlink()
        except OSError:
            continue
