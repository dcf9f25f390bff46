"""Parse the Markdown body into headings, sections, list items and table rows.

markdown-it-py (CommonMark + GFM tables) does the parsing, so code fences, HTML
blocks and setext headings behave as any Markdown renderer shows them. Every
node keeps its 1-based line in the file (``token.map`` plus the body's offset).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from pmlint.vocabulary import (
    BUILTIN_ALIASES,
    LESSON_SECTIONS,
    OPTIONAL_SECTIONS,
    SECTIONS,
    is_placeholder,
    normalise_heading,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_COMMENT_START = "<!--"


#: markdown-it stops reading the rest of a file at this depth of nested blocks. The
#: commonmark preset's 20 cut ordinary files after ten nested list levels; 100 is
#: markdown-it's default and stays far below Python's recursion limit.
MAX_NESTING = 100


@cache
def markdown() -> MarkdownIt:
    """The one Markdown parser (CommonMark + GFM tables): lint and adopt read alike."""
    from markdown_it import MarkdownIt  # imported when a body is parsed, not on every start

    return MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int
    key: str | None  # the section it names, mandatory or optional, if any


@dataclass(frozen=True)
class TextBlock:
    """A paragraph, list item, table cell or code block: text with its first line."""

    line: int
    text: str


@dataclass(frozen=True)
class Item:
    """A top-level list item or table body row of a section."""

    line: int
    text: str  # list item: its first paragraph; row: the cells joined by " | "
    cells: tuple[str, ...] = ()
    links: tuple[str, ...] = ()  # link targets found in the item, cell by cell for rows
    header: tuple[str, ...] = ()  # a row's table header cells
    header_line: int = 0


@dataclass
class Section:
    heading: Heading
    blocks: list[TextBlock] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)

    @property
    def text(self) -> str:
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
    comments: list[tuple[int, str]]  # HTML comments with their lines; never those in code


def parse(text: str, first_line: int, aliases: Mapping[str, str]) -> Body:
    """Parse ``text`` whose first line is line ``first_line`` of the file."""
    tokens = markdown().parse(text)
    offset = first_line  # token.map is 0-based within the body
    headings: list[tuple[int, Heading]] = []
    comments: list[tuple[int, str]] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.map:
            level = int(token.tag[1])
            name = _plain(tokens[index + 1])[0]
            key = section_key(name, aliases)
            headings.append((index, Heading(level, name, token.map[0] + offset, key)))
        elif token.type == "html_block" and token.map:
            comments.extend(_comments(token.content, token.map[0] + offset))
        elif token.type == "inline" and token.map:
            comments.extend(_inline_comments(token, token.map[0] + offset))

    title = next((h.text for _, h in headings if h.level == 1), None)
    sections: list[Section] = []
    parent: Heading | None = None  # the latest H1 or H2, which an H3 lesson must sit under
    for position, (index, heading) in enumerate(headings):
        counted = heading.key is not None and (
            heading.level == 2 or (heading.level == 3 and _is_lesson(heading, parent))
        )
        if heading.level <= 2:
            parent = heading
        if counted:
            end = _section_end(headings, position, len(tokens))
            sections.append(_section(heading, tokens[index + 3 : end], offset))
    return Body([h for _, h in headings], sections, title, comments)


def _section_end(headings: list[tuple[int, Heading]], position: int, default: int) -> int:
    """The token index of the next heading at the same level or above.

    Indexes, not slices: slicing the rest of the list for every heading made
    thousands of headings quadratic.
    """
    level = headings[position][1].level
    for later in range(position + 1, len(headings)):
        index, heading = headings[later]
        if heading.level <= level:
            return index
    return default


def section_key(title: str, aliases: Mapping[str, str]) -> str | None:
    """The section a heading names (canonical, built-in alias or team alias), if any."""
    name = normalise_heading(title)
    for key, heading in (*SECTIONS.items(), *OPTIONAL_SECTIONS.items()):
        if name == heading.lower():
            return key
    return aliases.get(name) or BUILTIN_ALIASES.get(name)


def _is_lesson(heading: Heading, parent: Heading | None) -> bool:
    """An H3 lesson section counts only directly under an H2 "Lessons learned"."""
    if heading.key not in LESSON_SECTIONS:
        return False
    return parent is not None and parent.key == "lessons_learned"


def _section(heading: Heading, tokens: list[Token], offset: int) -> Section:
    """Collect a section's text blocks and its top-level items."""
    section = Section(heading)
    header: tuple[str, ...] = ()
    header_line = 0
    in_head = in_table = False
    for index, token in enumerate(tokens):
        line = token.map[0] + offset if token.map else 0
        if token.type in ("table_open", "table_close"):
            in_table = token.type == "table_open"
        elif token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            cells, links = _row(tokens, index)
            if in_head:
                header, header_line = cells, line
                continue
            section.blocks.append(TextBlock(line, " | ".join(cell for cell in cells if cell)))
            if token.level == 2 and any(cells):
                # level 2: a row of a top-level table (table_open 0 > tbody 1 > tr 2)
                section.items.append(
                    Item(line, " | ".join(cells), cells, links, header, header_line)
                )
        elif token.type == "list_item_open" and token.level == 1:
            inline = _first_inline(tokens, index)
            text, links = _plain(inline) if inline else ("", ())
            if text.strip():
                section.items.append(Item(line, text, links=links))
        elif token.type == "inline" and not in_table and tokens[index - 1].type != "heading_open":
            text = _plain(token)[0]
            section.blocks.append(TextBlock(line, text))
        elif token.type in ("fence", "code_block"):
            section.blocks.append(TextBlock(line + 1, token.content))
        elif token.type == "html_block":
            section.blocks.append(TextBlock(line, _strip_comments(token.content)))
    return section


def _row(tokens: list[Token], index: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Plain text and first link target of each cell of the row opening at ``index``."""
    cells: list[str] = []
    links: list[str] = []
    for position in range(index + 1, len(tokens)):
        token = tokens[position]
        if token.type == "tr_close":
            break
        if token.type == "inline":
            text, targets = _plain(token)
            cells.append(text.strip())
            links.append(targets[0] if targets else "")
    return tuple(cells), tuple(links)


def _first_inline(tokens: list[Token], index: int) -> Token | None:
    """The inline content of a list item's first paragraph, if it starts with one."""
    level = tokens[index].level
    for position in range(index + 1, len(tokens)):
        token = tokens[position]
        if token.level <= level:
            return None
        if token.type == "inline":
            return token
        if token.type not in ("paragraph_open",):
            return None
    return None


def _plain(inline: Token) -> tuple[str, tuple[str, ...]]:
    """Text of an inline token without markup (soft breaks kept), and its link targets.

    Raw inline HTML is kept (a ``<hint>`` must stay visible as a placeholder)
    except comments, which are never content.
    """
    parts: list[str] = []
    links: list[str] = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "html_inline":
            if not child.content.startswith(_COMMENT_START):
                parts.append(child.content)
        elif child.type == "image":
            parts.append(child.content)
        elif child.type == "link_open":
            href = child.attrGet("href")
            if isinstance(href, str):
                links.append(href)
    return "".join(parts), tuple(links)


def _comments(html: str, line: int) -> Iterator[tuple[int, str]]:
    """HTML comments in an HTML block, each with the line it starts on."""
    start = html.find(_COMMENT_START)
    while start != -1:
        end = html.find("-->", start + 4)
        stop = len(html) if end == -1 else end + 3
        yield line + html.count("\n", 0, start), html[start:stop]
        start = html.find(_COMMENT_START, stop)


def _inline_comments(inline: Token, line: int) -> Iterator[tuple[int, str]]:
    """HTML comments among an inline token's children (code spans are not HTML)."""
    for child in inline.children or ():
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "html_inline" and child.content.startswith(_COMMENT_START):
            yield line, child.content


def _strip_comments(html: str) -> str:
    """Remove HTML comments; an unclosed comment runs to the end, as in a browser."""
    kept: list[str] = []
    rest = html
    while (start := rest.find(_COMMENT_START)) != -1:
        kept.append(rest[:start])
        end = rest.find("-->", start + 4)
        if end == -1:
            rest = ""
            break
        rest = rest[end + 3 :]
    kept.append(rest)
    return "".join(kept)
