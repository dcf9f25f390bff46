"""What the language server knows of the repository: its configuration and every id in it.

``pmlint lint`` checks cross-file rules (PM601, PM602) against every
postmortem under the configured paths; the editor must show the same, with the
files open in the editor as they are there and the others as on disk. The ids
on disk are remembered by each file's stat, so a change is one walk and a stat
per file, not a read of the repository.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from pmlint import config as config_module
from pmlint.checking.facts import Declared, declared_in
from pmlint.checking.lint import lint_text
from pmlint.checking.rules import Context
from pmlint.config import Config, ConfigError, find_config_file
from pmlint.errors import UserError
from pmlint.problem import Problem
from pmlint.reading.source import Unreadable, read_text
from pmlint.running import baseline
from pmlint.running.files import discover, display, excluded
from pmlint.running.report import Report

#: Seconds between two walks of the configured folders for the ids on disk.
RESCAN = 2.0


@dataclass
class Workspace:
    """One folder the editor opened; configuration found from it, as ``pmlint`` would."""

    folder: Path
    config: Config = field(default_factory=Config)
    config_error: str | None = None
    _config_stamp: object = None
    _disk: dict[str, tuple[object, str, Declared]] = field(default_factory=dict)
    _scanned: float = -RESCAN
    _index: Mapping[str, tuple[str, ...]] | None = None  # the ids on disk, built once per walk
    _baseline_read: tuple[object, list[baseline.Entry]] = (None, [])

    def refresh_config(self) -> bool:
        """Read the configuration again if its file changed; True when it was re-read."""
        source = find_config_file(self.folder)
        stamp = _stamp(source) if source else None
        if stamp == self._config_stamp and self._config_stamp is not None:
            return False
        self._config_stamp = stamp or ("none", str(self.folder))
        try:
            self.config = config_module.load(source, start=self.folder)
            self.config_error = None
        except ConfigError as error:
            self.config, self.config_error = Config(root=self.folder), str(error)
        self._disk.clear()
        self._scanned = -RESCAN
        return True

    def roots(self) -> list[str]:
        """The configured paths (the folder itself without any), as absolute paths."""
        paths = self.config.paths or (".",)
        return [os.path.realpath(self.config.root / path) for path in paths]

    def shown(self, path: str) -> str:
        """A path as ``pmlint lint`` run from the configuration's folder shows it."""
        try:
            return display(os.path.relpath(path, self.config.root))
        except ValueError:  # another drive on Windows
            return display(path)

    def in_scope(self, path: str) -> bool:
        """A Markdown file under the configured paths, not excluded: pmlint lints it."""
        real = os.path.realpath(path)
        if not real.endswith(".md"):
            return False
        for root in self.roots():
            if real == root or real.startswith(root.rstrip(os.sep) + os.sep):
                relative = os.path.relpath(real, root)
                return not excluded(relative, self.shown(real), self.config.exclude)
        return False

    def ids(self, open_texts: Mapping[str, str]) -> Mapping[str, tuple[str, ...]]:
        """id -> shown paths of every postmortem in scope, open files as in the editor."""
        disk = self.disk_facts()
        if self._index is None:
            self._index = _index(disk.values())
        edited: dict[str, tuple[str, Declared]] = {}
        for path, text in open_texts.items():
            if self.in_scope(path):
                real = os.path.realpath(path)
                edited[real] = (self.shown(real), declared_in(text))
        # Only the ids an open file declares, in the editor or on disk, can differ.
        declared_ids = [facts[0] for _, facts in edited.values()]
        declared_ids += [disk[real][1][0] for real in edited if real in disk]
        touched = {identifier for identifier in declared_ids if identifier is not None}
        if not touched:
            return self._index
        kept = [entry for real, entry in disk.items() if real not in edited]
        others = [entry for entry in kept if entry[1][0] in touched]
        ids = dict(self._index)
        for identifier in touched:
            ids.pop(identifier, None)
        ids.update(_index([*others, *edited.values()]))
        return MappingProxyType(ids)

    def disk_facts(self, force: bool = False) -> dict[str, tuple[str, Declared]]:
        """Every configured file's shown path and facts on disk: path -> (shown, facts).

        The folders are walked when forced (opening, saving, a watched file
        changed), the first time, or by ``rescan`` when the server is idle; a
        file is read again only when its stat changed. Typing in one file
        never waits for a walk.
        """
        if not force and self._scanned >= 0:
            return {path: (shown, facts) for path, (_, shown, facts) in self._disk.items()}
        current: dict[str, tuple[object, str, Declared]] = {}
        for target in discover(self.roots(), self.config):
            if target.problem is not None:
                continue
            stamp = _stamp(Path(target.path))
            known = self._disk.get(target.path)
            if known is not None and known[0] == stamp:
                current[target.path] = known
                continue
            try:
                facts = declared_in(read_text(target.path, self.config.max_file_size))
            except Unreadable:
                facts = (None, None)
            current[target.path] = (stamp, self.shown(target.path), facts)
        self._disk, self._scanned, self._index = current, time.monotonic(), None
        return {path: (shown, facts) for path, (_, shown, facts) in current.items()}

    def rescan(self) -> bool:
        """Walk the folders again if the last walk is ``RESCAN`` seconds old; True if ids moved."""
        if time.monotonic() - self._scanned < RESCAN:
            return False
        before = {path: facts for path, (_, _, facts) in self._disk.items()}
        after = {path: facts for path, (_, facts) in self.disk_facts(force=True).items()}
        return before != after

    def lint(self, path: str, text: str, open_texts: Mapping[str, str]) -> list[Problem]:
        """The problems ``pmlint lint`` reports for ``text`` at ``path``, cross-file included,
        less those the configured baseline knows."""
        context = Context(self.config, self.config.today, self.ids({**open_texts, path: text}))
        shown = self.shown(path)
        problems = lint_text(text, shown, self.config, context)
        known = self._baseline()
        if not known or not problems or self.config.baseline is None:
            return problems
        # The baseline matches paths from the working folder: give it absolute ones.
        where = os.path.abspath(self.config.root / shown)
        report = Report(tuple(replace(p, path=where) for p in problems), 1, (where,))
        kept = baseline.apply(report, known, self.config.baseline.parent, "")
        return [replace(p, path=shown) for p in kept.problems]

    def _baseline(self) -> list[baseline.Entry]:
        """The configured baseline's entries, read again when the file changes."""
        if self.config.baseline is None:
            return []
        stamp = _stamp(self.config.baseline)
        if stamp != self._baseline_read[0]:
            try:
                self._baseline_read = (stamp, baseline.load(self.config.baseline))
            except UserError as error:
                self.config_error = str(error)
                self._baseline_read = (stamp, [])
        return self._baseline_read[1]


def _index(entries: Iterable[tuple[str, Declared]]) -> Mapping[str, tuple[str, ...]]:
    """id -> the sorted shown paths that declare it."""
    found: dict[str, list[str]] = {}
    for shown, (identifier, _) in entries:
        if identifier is not None:
            found.setdefault(identifier, []).append(shown)
    return MappingProxyType({key: tuple(sorted(paths)) for key, paths in found.items()})


def _stamp(path: Path) -> object:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino)
