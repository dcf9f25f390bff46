"""What a body is once read: headings, sections, their text blocks, list items and table rows.

Both readers yield the same flat records in document order; ``assemble`` cuts
them into sections. Records are named tuples: a file has hundreds, and a tuple
is built several times faster than a frozen dataclass.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from pmlint.reading.vocabulary import (
    BUILTIN_ALIASES,
    LESSON_SECTIONS,
    OPTIONAL_SECTIONS,
    SECTIONS,
    is_placeholder,
    normalise_heading,
)


class Heading(NamedTuple):
    level: int
    text: str
    line: int
    key: str | None  # the section it names, mandatory or optional, if any


class TextBlock(NamedTuple):
    """A paragraph, list item, table cell or code block: text with its first line."""

    line: int
    text: str


class Item(NamedTuple):
    """A top-level list item or table body row of a section."""

    line: int
    text: str  # list item: its first paragraph; row: the cells joined by " | "
    cells: tuple[str, ...] = ()
    links: tuple[str, ...] = ()  # link targets found in the item, cell by cell for rows
    header: tuple[str, ...] = ()  # a row's table header cells
    header_line: int = 0


class Row(NamedTuple):
    """A table row as read, before its section decides what it is."""

    line: int
    cells: tuple[str, ...]
    links: tuple[str, ...]  # the first link target of each cell, "" for none
    head: bool
    top: bool  # a row of a table that is not inside a list or a quote


#: What a reader yields, in document order: headings, text blocks, top-level list
#: items and table rows. None stands for a list item that has no first paragraph,
#: or whose first paragraph is blank.
Record = Heading | TextBlock | Item | Row | None

#: An HTML comment with the line it starts on.
Comment = tuple[int, str]


@dataclass
class Section:
    heading: Heading
    blocks: list[TextBlock] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)

    @cached_property
    def text(self) -> str:
        """Joined once, when first read: the model, its emptiness and the rules all read it.

        A section is read only once the reader has built it, so the joined text
        cannot miss a block added later.
        """
        return "\n\n".join(block.text for block in self.blocks)

    @property
    def empty(self) -> bool:
        """Nothing but placeholders, comments and whitespace; a header-only table is empty."""
        return is_placeholder(self.text)


@dataclass
class Body:
    headings: list[Heading]
    sections: list[Section]  # every recognised section, duplicates included, in order
    title: str | None
    comments: list[Comment]  # HTML comments with their lines; never those in code

    def misplaced_heading(self, key: str) -> Heading | None:
        """The first heading naming section ``key`` at a level other than 2, if any."""
        return self._misplaced.get(key)

    @cached_property
    def _misplaced(self) -> dict[str, Heading]:
        """Built once: asked for each missing section, a scan each was headings x sections."""
        found: dict[str, Heading] = {}
        for heading in self.headings:
            if heading.key is not None and heading.level != 2:
                found.setdefault(heading.key, heading)
        return found


#: Each section's canonical heading as ``normalise_heading`` gives it -> its key.
_CANONICAL = {
    heading.lower(): key for key, heading in (*SECTIONS.items(), *OPTIONAL_SECTIONS.items())
}


def section_key(title: str, aliases: Mapping[str, str]) -> str | None:
    """The section a heading names (canonical, built-in alias or team alias), if any."""
    name = normalise_heading(title)
    return _CANONICAL.get(name) or aliases.get(name) or BUILTIN_ALIASES.get(name)


def assemble(records: list[Record], comments: list[Comment]) -> Body:
    """The body from a reader's records, whose headings already carry their keys."""
    headings = [(index, record) for index, record in enumerate(records) if type(record) is Heading]
    sections = [
        collect(heading, records, index + 1, end)
        for heading, index, end in counted(headings, len(records))
    ]
    return Body([h for _, h in headings], sections, title(headings), comments)


def title(headings: Sequence[tuple[int, Heading]]) -> str | None:
    """The first H1's text: the postmortem's title."""
    return next((h.text for _, h in headings if h.level == 1), None)


def counted(
    headings: Sequence[tuple[int, Heading]], default: int
) -> Iterator[tuple[Heading, int, int]]:
    """Each heading that starts a section, with its index and where its section ends."""
    parent: Heading | None = None  # the latest H1 or H2, which an H3 lesson must sit under
    for position, (index, heading) in enumerate(headings):
        is_counted = heading.key is not None and (
            heading.level == 2 or (heading.level == 3 and _is_lesson(heading, parent))
        )
        if heading.level <= 2:
            parent = heading
        if is_counted:
            yield heading, index, _section_end(headings, position, default)


def _section_end(headings: Sequence[tuple[int, Heading]], position: int, default: int) -> int:
    """The record index of the next heading at the same level or above.

    Indexes, not slices: slicing the rest of the list for every heading made
    thousands of headings quadratic.
    """
    level = headings[position][1].level
    for later in range(position + 1, len(headings)):
        index, heading = headings[later]
        if heading.level <= level:
            return index
    return default


def _is_lesson(heading: Heading, parent: Heading | None) -> bool:
    """An H3 lesson section counts only directly under an H2 "Lessons learned"."""
    if heading.key not in LESSON_SECTIONS:
        return False
    return parent is not None and parent.key == "lessons_learned"


def collect(heading: Heading, records: list[Record], start: int, end: int) -> Section:
    """A section's text blocks and top-level items: its records from ``start`` to ``end``."""
    section = Section(heading)
    blocks, items = section.blocks, section.items
    header: tuple[str, ...] = ()
    header_line = 0
    for position in range(start, end):
        record = records[position]
        if type(record) is TextBlock:
            blocks.append(record)
        elif type(record) is Item:
            items.append(record)
        elif type(record) is Row:
            cells = record.cells
            if record.head:
                header, header_line = cells, record.line
                continue
            blocks.append(TextBlock(record.line, " | ".join(cell for cell in cells if cell)))
            if record.top and any(cells):
                items.append(
                    Item(record.line, " | ".join(cells), cells, record.links, header, header_line)
                )
    return section
