"""Postmortems as records: what reports, follow-up listings and exports read.

A record is one file's document model plus its path. It is built from a
Markdown file by the core parser, or read back from a JSON Lines export
(``pmlint export --what postmortems --format jsonl``), so a report over the
exports of many repositories sees exactly what a report over one folder sees.
"""

from __future__ import annotations

import datetime as dt
import json
import shlex
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmlint.config import Config
from pmlint.days import calendar_date
from pmlint.errors import UserError
from pmlint.reading import document
from pmlint.reading.source import Unreadable, read_text
from pmlint.reading.vocabulary import NO_GAP
from pmlint.running.files import discover, display

#: Version of the JSON Lines record; bumped only when a field changes meaning.
RECORD_VERSION = 1
#: The model's parts a record carries (the whole document model).
MODEL_KEYS = ("front_matter", "title", "sections", "follow_ups", "apparatus_updates", "timeline")
NO_TEAM = "(no team)"
_NO_USABLE_FRONT_MATTER = "no usable front-matter (run 'pmlint' on it to see why)"


class InputError(UserError):
    """An input a report cannot read: the message names the file and line."""


@dataclass(frozen=True)
class Postmortem:
    """One postmortem's document model, with the path it was read from."""

    path: str
    model: Mapping[str, Any] = field(default_factory=dict)

    @property
    def front_matter(self) -> Mapping[str, Any]:
        value = self.model.get("front_matter")
        return value if isinstance(value, Mapping) else {}

    def text(self, key: str) -> str | None:
        """A front-matter value that is a non-empty string, else None."""
        value = self.front_matter.get(key)
        return value.strip() if isinstance(value, str) and value.strip() else None

    def day(self, key: str) -> dt.date | None:
        return calendar_date(self.front_matter.get(key))

    @property
    def id(self) -> str:
        return self.text("id") or ""

    @property
    def team(self) -> str:
        return self.text("team") or NO_TEAM

    @property
    def status(self) -> str | None:
        return self.text("status")

    @property
    def follow_ups(self) -> list[Mapping[str, Any]]:
        return [item for item in self.model.get("follow_ups") or () if isinstance(item, Mapping)]

    @property
    def apparatus_updates(self) -> list[Mapping[str, Any]]:
        items = self.model.get("apparatus_updates") or ()
        return [item for item in items if isinstance(item, Mapping)]

    def section(self, key: str) -> Mapping[str, Any] | None:
        sections = self.model.get("sections")
        value = sections.get(key) if isinstance(sections, Mapping) else None
        return value if isinstance(value, Mapping) else None

    @property
    def names_eval_gap(self) -> bool:
        """The eval delta names a gap (it is not empty and does not say ``No gap:``)."""
        delta = self.section("eval_delta")
        text = str(delta.get("text", "")) if delta else ""
        return bool(delta and not delta.get("empty") and text and not NO_GAP.match(text))

    def to_json(self) -> dict[str, Any]:
        """The JSON Lines record: version, path, then the document model."""
        record: dict[str, Any] = {"version": RECORD_VERSION, "path": self.path}
        record.update((key, self.model[key]) for key in MODEL_KEYS if key in self.model)
        return record


@dataclass(frozen=True)
class Skipped:
    """A file that holds no usable postmortem, and why; reports list these."""

    path: str
    reason: str


@dataclass
class Loaded:
    postmortems: list[Postmortem] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def load(paths: Iterable[str], config: Config) -> Loaded:
    """Postmortems from folders, Markdown files and ``.jsonl`` exports, sorted by path.

    A Markdown file whose front-matter cannot be read is skipped (``pmlint``
    reports why); a malformed export line is an InputError, because a merged
    portfolio that silently lost records would report wrong rates.
    """
    loaded = Loaded()
    markdown: list[str] = []
    for given in paths:
        if given.endswith(".jsonl") and Path(given).is_file():
            loaded.postmortems.extend(read_jsonl(Path(given)))
        else:
            markdown.append(given)
    for target in discover(markdown, config) if markdown else ():
        if target.problem is not None:
            loaded.skipped.append(Skipped(target.display, f"path {target.problem}"))
            continue
        try:
            text = read_text(target.path, config.max_file_size)
        except Unreadable as error:
            loaded.skipped.append(Skipped(target.display, str(error)))
            continue
        doc = document.build(text, target.display, config)
        if doc.front_matter is None:
            absent = doc.front_matter_error is not None and doc.front_matter_error.absent
            reason = _not_adopted(target.display) if absent else _NO_USABLE_FRONT_MATTER
            loaded.skipped.append(Skipped(target.display, reason))
            continue
        loaded.postmortems.append(Postmortem(target.display, doc.data))
    loaded.postmortems.sort(key=lambda pm: (pm.path, pm.id))
    return loaded


def read_jsonl(path: Path) -> list[Postmortem]:
    """Records from a ``pmlint export --what postmortems --format jsonl`` file."""
    where = display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{where}: cannot read the export: {error}") from None
    records: list[Postmortem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as error:
            raise InputError(f"{where}:{number}: not JSON: {error}") from None
        problem = _record_problem(record)
        if problem:
            raise InputError(f"{where}:{number}: not a pmlint postmortem record: {problem}")
        model = {key: record[key] for key in MODEL_KEYS if key in record}
        records.append(Postmortem(record["path"], model))
    return records


def _record_problem(record: object) -> str | None:
    if not isinstance(record, dict):
        return "a record is a JSON object"
    if record.get("version") != RECORD_VERSION:
        return f"'version' must be {RECORD_VERSION} (got {record.get('version')!r})"
    if not isinstance(record.get("path"), str):
        return "'path' must be a string"
    if not isinstance(record.get("front_matter"), dict):
        return "'front_matter' must be an object"
    for key in ("follow_ups", "apparatus_updates", "timeline"):
        value = record.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            return f"'{key}' must be a list of objects"
    if not isinstance(record.get("sections", {}), dict):
        return "'sections' must be an object"
    return None


def _not_adopted(path: str) -> str:
    """Why a file with no front-matter at all is skipped: a postmortem in another style,
    not a broken one (so not "unreadable")."""
    command = f"pmlint adopt {shlex.quote(path)}"
    return f"not in pmlint's format yet (no front-matter): '{command}' converts it"
