"""Read one postmortem's text into the document model that every rule reads.

The model is a JSON document (``Document.data``: front-matter, sections,
follow-ups, apparatus updates, timeline) validated by the schema, plus a map
from JSON pointer to source line so each problem can point at its line.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pmlint.config import Config
from pmlint.reading import body as body_parser
from pmlint.reading import directives, frontmatter, timestamps
from pmlint.reading.body import Body, Item, Section
from pmlint.reading.frontmatter import FrontMatterError
from pmlint.reading.vocabulary import (
    APPARATUS_KINDS,
    CLOSED_STATUSES,
    FOLLOW_UP_TYPES,
    NO_CHANGE_PREFIXES,
    OPEN_STATUSES,
    OPTIONAL_SECTIONS,
    SECTIONS,
    is_placeholder,
    normalise_word,
)

FOLLOW_UP_STATUSES = (*OPEN_STATUSES, *CLOSED_STATUSES)
_NEWLINE = re.compile(r"\r\n|\r|\n")
#: List-form follow-up separators: an em dash, or an en dash or "|" with spaces around,
#: in text whose whitespace is collapsed to single spaces.
_SEPARATOR = re.compile(r" ?\u2014 ?| \u2013 | \| ")
#: A bare hyphen before a follow-up key ("Fix X - owner: @dana"): the spec says it never
#: separates, so the item is not read as fields, but the author is told (and ``pmlint fix``
#: puts an em dash there).
HYPHEN_FIELD = re.compile(
    r"(?<=\S)([ \t]+)-(?=[ \t]+(owner|due|status|type|closed|ticket)[ \t]*:)", re.IGNORECASE
)
_LABEL = re.compile(r"^\s*\(\w{1,3}\)\s*")
_FIELD = re.compile(r"^\s*([A-Za-z][\w ]*?)\s*:\s*(.*)$", re.DOTALL)
_KIND = re.compile(r"^\s*([A-Za-z][\w /-]{0,40}?)\s*:\s*(.*)$", re.DOTALL)


@dataclass
class Document:
    """One postmortem as rules see it."""

    path: str
    text_lines: list[str]
    data: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    body: Body | None = None
    sections: dict[str, Section] = field(default_factory=dict)
    front_matter_error: FrontMatterError | None = None
    #: Per follow-up: (header line, column names) for table rows, None for list items.
    follow_up_columns: list[tuple[int, frozenset[str]] | None] = field(default_factory=list)
    #: Per timeline item: the stamp it starts with, read once (its text is ``time``).
    timeline_stamps: list[timestamps.Stamp | None] = field(default_factory=list)
    suppressions: directives.Suppressions = field(default_factory=directives.Suppressions)

    @property
    def front_matter(self) -> dict[str, Any] | None:
        return self.data.get("front_matter")

    @property
    def status(self) -> str | None:
        value = (self.front_matter or {}).get("status")
        return value if isinstance(value, str) else None

    def line_of(self, pointer: str) -> int:
        """The line of the node at ``pointer``, or of its nearest located ancestor."""
        while pointer:
            if pointer in self.lines:
                return self.lines[pointer]
            pointer = pointer.rsplit("/", 1)[0]
        return 1


def split_lines(text: str) -> list[str]:
    """Lines as Markdown counts them: a BOM dropped, CRLF, CR and LF all end a line."""
    text = text.removeprefix("\ufeff")
    # str.split is several times faster than the pattern, and the same without a CR.
    return _NEWLINE.split(text) if "\r" in text else text.split("\n")


def build(text: str, path: str, config: Config) -> Document:
    """Parse ``text`` (already decoded, BOM allowed) into a Document.

    The cyclic garbage collector is paused meanwhile: reading makes no cycles,
    but an object for nearly every Markdown event, all kept to the end, and the
    collector's repeated passes over them were a fifth of the time of a file of
    250,000 list items. Garbage made meanwhile is collected once it resumes.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _build(text, path, config)
    finally:
        if paused:
            gc.enable()


def _build(text: str, path: str, config: Config) -> Document:
    lines = split_lines(text)
    doc = Document(path=path, text_lines=lines)
    front = frontmatter.read(lines)
    doc.front_matter_error = front.error
    if front.data is not None:
        doc.data["front_matter"] = front.data
        doc.lines.update(front.lines)
        doc.lines["/front_matter"] = 1
    first_body_line = front.body_start + 1
    doc.body = body_parser.parse(
        "\n".join(lines[front.body_start :]), first_body_line, config.heading_aliases
    )
    doc.suppressions = directives.parse(doc.body.comments)
    if doc.body.title is not None:
        doc.data["title"] = doc.body.title
    _add_sections(doc, config)
    return doc


def _add_sections(doc: Document, config: Config) -> None:
    assert doc.body is not None
    model: dict[str, Any] = {}
    for section in doc.body.sections:
        key = section.heading.key
        if key is None or key in doc.sections:
            continue
        doc.sections[key] = section
        empty = section.empty or (key == "follow_up_actions" and not section.items)
        model[key] = {
            "heading": section.heading.text,
            "level": section.heading.level,
            "empty": empty,
            "text": section.text.strip(),
        }
        doc.lines[f"/sections/{key}"] = section.heading.line
    doc.data["sections"] = model

    def usable(key: str) -> Section | None:
        return doc.sections[key] if key in model and not model[key]["empty"] else None

    if follow_ups := usable("follow_up_actions"):
        doc.lines["/follow_ups"] = follow_ups.heading.line
        doc.data["follow_ups"] = [
            _follow_up(doc, index, item, config) for index, item in enumerate(follow_ups.items)
        ]
    if apparatus := usable("apparatus_updates"):
        doc.lines["/apparatus_updates"] = apparatus.heading.line
        doc.data["apparatus_updates"] = [
            _apparatus_update(doc, index, item) for index, item in enumerate(apparatus.items)
        ]
    if timeline := usable("timeline"):
        doc.lines["/timeline"] = timeline.heading.line
        doc.data["timeline"] = [
            _timeline_item(doc, index, item) for index, item in enumerate(timeline.items)
        ]


def _follow_up(doc: Document, index: int, item: Item, config: Config) -> dict[str, Any]:
    """A follow-up from a table row or a list item; empty and placeholder values are absent."""
    pointer = f"/follow_ups/{index}"
    doc.lines[pointer] = item.line
    if item.header:
        columns, names = _columns(item.header)
        pairs = list(zip(columns, item.cells, strict=False))
        links = dict(zip(columns, item.links, strict=False))
        doc.follow_up_columns.append((item.header_line, names))
    else:
        # Collapsed first: the separators look for single spaces, which is also far
        # cheaper than \s* tried at every character (and \s+ was quadratic on long runs).
        parts = _SEPARATOR.split(" ".join(item.text.split()))
        pairs = [("action", _LABEL.sub("", parts[0]))]
        pairs += [
            (normalise_word(match.group(1)), match.group(2))
            for part in parts[1:]
            if (match := _FIELD.match(part))
        ]
        links = {"ticket": item.links[-1]} if item.links else {}
        doc.follow_up_columns.append(None)
    result: dict[str, Any] = {}
    for name, raw in pairs:
        value = " ".join(raw.split())
        if not name or name in result or not value or is_placeholder(value):
            continue
        if name == "status":
            value = _normalise(value, config.status_synonyms, FOLLOW_UP_STATUSES)
        elif name == "type":
            value = _normalise(value, config.type_synonyms, FOLLOW_UP_TYPES)
        elif name == "ticket" and links.get(name):
            value = links[name]
        result[name] = value  # its line is the item's: line_of finds it through the parent
    return result


@lru_cache(maxsize=256)  # bounded: a repository may have many table styles
def _columns(header: tuple[str, ...]) -> tuple[tuple[str, ...], frozenset[str]]:
    """A follow-up table's column names, normalised once per header rather than per row."""
    columns = tuple(normalise_word(name) for name in header)
    return columns, frozenset(columns)


def _normalise(value: str, synonyms: Mapping[str, str], known: tuple[str, ...]) -> str:
    """A known word or synonym in its canonical form; anything else as the author wrote it."""
    word = normalise_word(value)
    return synonyms.get(word) or (word if word in known else value)


def _apparatus_update(doc: Document, index: int, item: Item) -> dict[str, Any]:
    doc.lines[f"/apparatus_updates/{index}"] = item.line
    text = " ".join(item.text.split())
    match = _KIND.match(text)
    if not match:
        return {"text": text, "records_change": False}
    kind, rest = normalise_word(match.group(1)), " ".join(match.group(2).split())
    records = (
        kind in APPARATUS_KINDS
        and bool(rest)
        and not is_placeholder(rest)
        and not rest.lower().startswith(NO_CHANGE_PREFIXES)
    )
    return {"kind": kind, "text": text, "records_change": records}


def _timeline_item(doc: Document, index: int, item: Item) -> dict[str, Any]:
    doc.lines[f"/timeline/{index}"] = item.line
    stamp = timestamps.leading(item.cells[0] if item.cells else item.text)
    doc.timeline_stamps.append(stamp)
    result: dict[str, Any] = {"text": item.text.strip()}
    if stamp is not None:
        result["time"] = stamp.text
    return result


def hyphen_separated(follow_up: Mapping[str, Any]) -> str | None:
    """The first key a list follow-up's text writes after a bare hyphen, if any."""
    for value in follow_up.values():
        if isinstance(value, str) and (match := HYPHEN_FIELD.search(value)):
            return match.group(2).lower()
    return None


def section_heading(key: str) -> str:
    """The canonical heading of a section key, for messages."""
    return SECTIONS.get(key) or OPTIONAL_SECTIONS.get(key) or key
