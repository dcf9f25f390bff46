"""Read a body with markdown-it-py, and tell which texts must be read that way.

pmlint read every body with markdown-it-py before pulldown-cmark; a text holding
one of the few constructs the two parsers read differently still goes here, so
that no result depends on the parser (``differs`` finds them before reading,
the pulldown-cmark reader raises ``Differs`` for the rest). adopt reads with it
too. ``token.map`` is 0-based within the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING

from pmlint.reading.body.comments import COMMENT_START, comments_in_html, strip_comments
from pmlint.reading.body.model import (
    Body,
    Comment,
    Heading,
    Item,
    Section,
    TextBlock,
    counted,
    section_key,
    title,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.token import Token

#: markdown-it stops reading the rest of a file at this depth of nested blocks. The
#: commonmark preset's 20 cut ordinary files after ten nested list levels; 100 is
#: markdown-it's default and stays far below Python's recursion limit.
MAX_NESTING = 100


@cache
def markdown() -> MarkdownIt:
    """markdown-it-py (CommonMark + GFM tables), for adopt and the texts sent to it."""
    from markdown_it import MarkdownIt  # imported when a body is parsed, not on every start

    parser = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
    # The same alternatives as markdown-it-py gives its own rule (parser_block.py).
    alternatives = ["paragraph", "reference", "blockquote", "list"]
    parser.block.ruler.at("hr", _thematic_break, {"alt": alternatives})
    return parser


#: After a thematic break's first marker: only that marker, spaces and tabs, to the line's end.
_BREAK_REST = {marker: re.compile(rf"[ \t{re.escape(marker)}]*") for marker in "*-_"}


def _thematic_break(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """markdown-it-py 4's ``hr`` rule, its line scanned by a pattern instead of a Python loop.

    The rule runs again at every level of nesting; on a line of ``- - - ... x`` (list
    markers nested 50 deep before markdown-it's limit) its loop over the whole line made a
    1 MiB file cost 8 s. Same verdicts, same token (tests/test_body_equivalence.py).
    """
    source = state.src
    position = state.bMarks[start_line] + state.tShift[start_line]
    end = state.eMarks[start_line]
    if state.is_code_block(start_line):
        return False
    marker = source[position : position + 1]
    if marker not in _BREAK_REST or not _BREAK_REST[marker].fullmatch(source, position + 1, end):
        return False
    count = 1 + source.count(marker, position + 1, end)
    if count < 3:
        return False
    if silent:
        return True
    state.line = start_line + 1
    token = state.push("hr", "hr", 0)
    token.map = [start_line, state.line]
    token.markup = marker * (count + 1)
    return True


def read(text: str, first_line: int, aliases: Mapping[str, str]) -> Body:
    """The body of ``text``, whose first line is line ``first_line`` of the file."""
    tokens = markdown().parse(text)
    headings: list[tuple[int, Heading]] = []
    comments: list[Comment] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.map:
            name = inline_text(tokens[index + 1])[0]
            key = section_key(name, aliases)
            line = token.map[0] + first_line
            headings.append((index, Heading(int(token.tag[1]), name, line, key)))
        elif token.type == "html_block" and token.map:
            comments.extend(comments_in_html(token.content, token.map[0] + first_line))
        elif token.type == "inline" and token.map:
            comments.extend(_inline_comments(token, token.map[0] + first_line))
    sections = [
        _section(heading, tokens[index + 3 : end], first_line)
        for heading, index, end in counted(headings, len(tokens))
    ]
    return Body([h for _, h in headings], sections, title(headings), comments)


def _section(heading: Heading, tokens: list[Token], offset: int) -> Section:
    """Collect a section's text blocks and its top-level items."""
    section = Section(heading)
    header: tuple[str, ...] = ()
    header_line = 0
    in_head = in_table = False
    for index, token in enumerate(tokens):
        line = token.map[0] + offset if token.map else 0
        kind = token.type
        if kind in ("table_open", "table_close", "thead_open", "thead_close"):
            in_table = kind != "table_close"
            in_head = kind == "thead_open"
        elif kind == "tr_open":
            cells, links = _row(tokens, index)
            if in_head:
                header, header_line = cells, line
            else:
                # level 2: a row of a top-level table (table_open 0 > tbody 1 > tr 2)
                _add_row(section, line, cells, links, (header, header_line), token.level == 2)
        elif kind == "list_item_open" and token.level == 1:
            inline = _first_inline(tokens, index)
            text, links = inline_text(inline) if inline else ("", ())
            if text.strip():
                section.items.append(Item(line, text, links=links))
        elif kind == "inline" and not in_table and tokens[index - 1].type != "heading_open":
            section.blocks.append(TextBlock(line, inline_text(token)[0]))
        elif kind in ("fence", "code_block"):
            section.blocks.append(TextBlock(line + 1, token.content))
        elif kind == "html_block":
            section.blocks.append(TextBlock(line, strip_comments(token.content)))
    return section


def _add_row(
    section: Section,
    line: int,
    cells: tuple[str, ...],
    links: tuple[str, ...],
    header: tuple[tuple[str, ...], int],
    top: bool,
) -> None:
    """A table body row: a text block, and an item when its table is not nested."""
    section.blocks.append(TextBlock(line, " | ".join(cell for cell in cells if cell)))
    if top and any(cells):
        section.items.append(Item(line, " | ".join(cells), cells, links, *header))


def _row(tokens: list[Token], index: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Plain text and first link target of each cell of the row opening at ``index``."""
    cells: list[str] = []
    links: list[str] = []
    for position in range(index + 1, len(tokens)):
        token = tokens[position]
        if token.type == "tr_close":
            break
        if token.type == "inline":
            text, targets = inline_text(token)
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
        if token.type != "paragraph_open":
            return None
    return None


def inline_text(inline: Token) -> tuple[str, tuple[str, ...]]:
    """Text of an inline token without markup (soft breaks kept), and its link targets.

    Raw inline HTML is kept (a ``<hint>`` must stay visible as a placeholder)
    except comments, which are never content.
    """
    parts: list[str] = []
    links: list[str] = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline", "image"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "html_inline":
            if not child.content.startswith(COMMENT_START):
                parts.append(child.content)
        elif child.type == "link_open":
            href = child.attrGet("href")
            if isinstance(href, str):
                links.append(href)
    return "".join(parts), tuple(links)


def _inline_comments(inline: Token, line: int) -> Iterator[Comment]:
    """HTML comments among an inline token's children (code spans are not HTML)."""
    for child in inline.children or ():
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "html_inline" and child.content.startswith(COMMENT_START):
            yield line, child.content


#: Links markdown-it-py refuses to make (``validateLink``), so their text stays literal:
#: anywhere in a file with a link reference definition.
_UNSAFE_LINK = re.compile(r"(?i)(?:javascript|vbscript|file|data):")
#: A tab before a line break: markdown-it-py keeps it in the text, pulldown-cmark drops it.
_TAB_AT_BREAK = re.compile(r"\t *\n")
#: A candidate table delimiter row (or a setext underline, or a thematic break).
_DELIMITER_ROW = re.compile(r"\n[ \t>]*(?:[-+*][ \t]+|[0-9]{1,9}[.)][ \t]+)?[|:-][-:| \t]*(?=\n)")
#: A table row of one pipe: an empty row to markdown-it-py, the table's end to pulldown-cmark.
_LONE_PIPE = re.compile(r"\n[ \t>]*\|[ \t]*\n")
_BLOCK_PREFIX = re.compile(r"[ \t>]*((?:[-+*]|[0-9]{1,9}[.)])[ \t]+)?")


def differs(text: str) -> bool:
    """Whether ``text`` holds a construct the two parsers are known to read differently.

    Each was found by ``benchmarks/parser_equivalence.py``; docs/performance.md gives
    an example of each. The tests err towards markdown-it-py: a file sent there
    needlessly is only read more slowly. Every pattern starts with a line end, which
    makes it fast to search: hence the line ends added at both ends of the text.
    """
    if _TAB_AT_BREAK.search(text) or ("]:" in text and _UNSAFE_LINK.search(text)):
        return True
    lines = f"\n{text}\n"
    if _LONE_PIPE.search(lines):
        return True
    return any(_table_differs(lines, row) for row in _DELIMITER_ROW.finditer(lines))


def _table_differs(lines: str, row: re.Match[str]) -> bool:
    """Whether the candidate delimiter ``row`` and the line above it read differently."""
    end = row.start()  # the line end before the delimiter row
    start = lines.rfind("\n", 0, end) + 1
    header = lines[start:end]
    if "|" not in header:
        return False  # no table for either parser
    prefix = _BLOCK_PREFIX.match(header)
    assert prefix is not None  # the pattern matches the empty string
    if "|" not in row.group() or prefix.group(1):
        # A delimiter row without pipes is a setext underline to pulldown-cmark
        # (and cmark-gfm), a table row to markdown-it-py; a header row starting
        # with a list marker is a table to markdown-it-py, a list item to them.
        return True
    if header[prefix.end() :].startswith("|") and "\\|" not in header:
        return False
    # A header row without a leading pipe interrupts a paragraph for markdown-it-py
    # (and cmark-gfm), not for pulldown-cmark; nor is one holding only an escaped
    # pipe a table to pulldown-cmark.
    before = lines[lines.rfind("\n", 0, start - 1) + 1 : start - 1]
    return "\\|" in header or bool(before.strip(" \t>"))
