"""Parse the Markdown body into headings, sections, list items and table rows.

pulldown-cmark (CommonMark + GFM tables, in Rust, through pyromark) does the
parsing, about ten times faster than markdown-it-py, so code fences, HTML blocks
and setext headings behave as any Markdown renderer shows them. A text holding
one of the few constructs the two parsers read differently goes to markdown-it-py,
which pmlint used before, so that no result depends on the parser; adopt also
reads with markdown-it-py. Every node keeps its 1-based line in the file.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

from pmlint.reading.vocabulary import (
    BUILTIN_ALIASES,
    LESSON_SECTIONS,
    OPTIONAL_SECTIONS,
    SECTIONS,
    is_placeholder,
    normalise_heading,
)

if TYPE_CHECKING:
    import pyromark
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from pyromark.event import Range

_COMMENT_START = "<!--"
_NEWLINE = re.compile(rb"\n")


#: markdown-it stops reading the rest of a file at this depth of nested blocks. The
#: commonmark preset's 20 cut ordinary files after ten nested list levels; 100 is
#: markdown-it's default and stays far below Python's recursion limit.
MAX_NESTING = 100


@cache
def markdown() -> MarkdownIt:
    """markdown-it-py (CommonMark + GFM tables), for adopt and the texts sent to it."""
    from markdown_it import MarkdownIt  # imported when a body is parsed, not on every start

    return MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")


@cache
def _parser() -> pyromark.Markdown:
    """pulldown-cmark (CommonMark + GFM tables), through pyromark."""
    import pyromark  # imported when a body is parsed, not on every start

    return pyromark.Markdown(options=pyromark.Options.ENABLE_TABLES)


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

    @cached_property
    def text(self) -> str:
        """Joined once, when first read: the model, its emptiness and the rules all read it.

        A section is read only once the parser has built it, so the joined text
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
    comments: list[tuple[int, str]]  # HTML comments with their lines; never those in code


def parse(text: str, first_line: int, aliases: Mapping[str, str]) -> Body:
    """Parse ``text`` whose first line is line ``first_line`` of the file.

    pulldown-cmark reads it, unless the text holds a construct it reads differently
    from markdown-it-py (``_differs``, ``_Differs``): then markdown-it-py does, as
    before, so no file's results depend on which parser read it.
    """
    text = _normalise(text)
    if not _differs(text):
        try:
            records, comments = _read(text, first_line)
        except _Differs:
            pass
        else:
            return _records_body(records, comments, aliases)
    return _tokens_body(markdown().parse(text), first_line, aliases)


def _records_body(
    records: list[_Record], comments: list[tuple[int, str]], aliases: Mapping[str, str]
) -> Body:
    """The body from ``_read``'s records, its headings given their section keys."""
    headings: list[tuple[int, Heading]] = []
    for index, record in enumerate(records):
        if isinstance(record, Heading):
            key = section_key(record.text, aliases)
            headings.append((index, Heading(record.level, record.text, record.line, key)))
    sections = [
        _section(heading, records[index + 1 : end])
        for heading, index, end in _counted(headings, len(records))
    ]
    return Body([h for _, h in headings], sections, _title(headings), comments)


def _tokens_body(tokens: list[Token], offset: int, aliases: Mapping[str, str]) -> Body:
    """The body from markdown-it-py's tokens (``token.map`` is 0-based within the body)."""
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
    sections = [
        _token_section(heading, tokens[index + 3 : end], offset)
        for heading, index, end in _counted(headings, len(tokens))
    ]
    return Body([h for _, h in headings], sections, _title(headings), comments)


def _title(headings: list[tuple[int, Heading]]) -> str | None:
    return next((h.text for _, h in headings if h.level == 1), None)


def _counted(
    headings: list[tuple[int, Heading]], default: int
) -> Iterator[tuple[Heading, int, int]]:
    """Each heading that starts a section, with its index and where its section ends."""
    parent: Heading | None = None  # the latest H1 or H2, which an H3 lesson must sit under
    for position, (index, heading) in enumerate(headings):
        counted = heading.key is not None and (
            heading.level == 2 or (heading.level == 3 and _is_lesson(heading, parent))
        )
        if heading.level <= 2:
            parent = heading
        if counted:
            yield heading, index, _section_end(headings, position, default)


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


#: Each section's canonical heading as ``normalise_heading`` gives it -> its key.
_CANONICAL = {
    heading.lower(): key for key, heading in (*SECTIONS.items(), *OPTIONAL_SECTIONS.items())
}


def section_key(title: str, aliases: Mapping[str, str]) -> str | None:
    """The section a heading names (canonical, built-in alias or team alias), if any."""
    name = normalise_heading(title)
    return _CANONICAL.get(name) or aliases.get(name) or BUILTIN_ALIASES.get(name)


def _is_lesson(heading: Heading, parent: Heading | None) -> bool:
    """An H3 lesson section counts only directly under an H2 "Lessons learned"."""
    if heading.key not in LESSON_SECTIONS:
        return False
    return parent is not None and parent.key == "lessons_learned"


@dataclass(frozen=True)
class _Row:
    """A table row as read, before its section decides what it is."""

    line: int
    cells: tuple[str, ...]
    links: tuple[str, ...]  # the first link target of each cell, "" for none
    head: bool
    top: bool  # a row of a table that is not inside a list or a quote


#: What the reader yields, in document order: headings (their section key not yet
#: known), text blocks, top-level list items and table rows. None stands for a list
#: item that has no first paragraph, or whose first paragraph is blank.
_Record = Heading | TextBlock | Item | _Row | None


def _section(heading: Heading, records: list[_Record]) -> Section:
    """Collect a section's text blocks and its top-level items."""
    section = Section(heading)
    header: tuple[str, ...] = ()
    header_line = 0
    for record in records:
        if isinstance(record, TextBlock):
            section.blocks.append(record)
        elif isinstance(record, Item):
            section.items.append(record)
        elif isinstance(record, _Row):
            cells = record.cells
            if record.head:
                header, header_line = cells, record.line
                continue
            section.blocks.append(
                TextBlock(record.line, " | ".join(cell for cell in cells if cell))
            )
            if record.top and any(cells):
                section.items.append(
                    Item(record.line, " | ".join(cells), cells, record.links, header, header_line)
                )
    return section


def _odd_space(char: str) -> bool:
    """Whitespace that Python's ``str.strip`` removes but CommonMark does not (U+00A0...)."""
    return char.isspace() and char not in " \t\n"


def _normalise(text: str) -> str:
    """The text both parsers read alike: CommonMark's line ends and NUL, no blank last line.

    Line ends become ``\\n`` and NUL U+FFFD, as markdown-it-py does. A last line
    of only spaces and tabs without a line end is dropped: markdown-it-py never
    reads it, pulldown-cmark adds it to an open code or HTML block.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in text:
        text = text.replace("\0", "\ufffd")
    if text[-1:] in (" ", "\t"):
        text = _BLANK_LAST_LINE.sub("", text)
    return text


class _Differs(Exception):
    """The text holds a construct pulldown-cmark reads differently from markdown-it-py."""


#: Blocks nested this deep go to markdown-it-py, which stops reading at MAX_NESTING.
_DEEPEST = MAX_NESTING - 10
#: Links markdown-it-py refuses to make (``validateLink``), so their text stays literal:
#: in a link's target, and anywhere in a file with a link reference definition.
_UNSAFE_TARGET = re.compile(r"(?i)\s*(?:javascript|vbscript|file|data):")
_UNSAFE_LINK = re.compile(r"(?i)(?:javascript|vbscript|file|data):")
#: A tab before a line break: markdown-it-py keeps it in the text, pulldown-cmark drops it.
_TAB_AT_BREAK = re.compile(r"\t *\n")
#: A candidate table delimiter row (or a setext underline, or a thematic break).
_DELIMITER_ROW = re.compile(r"\n[ \t>]*(?:[-+*][ \t]+|[0-9]{1,9}[.)][ \t]+)?[|:-][-:| \t]*(?=\n)")
#: A table row of one pipe: an empty row to markdown-it-py, the table's end to pulldown-cmark.
_LONE_PIPE = re.compile(r"\n[ \t>]*\|[ \t]*\n")
_BLOCK_PREFIX = re.compile(r"[ \t>]*((?:[-+*]|[0-9]{1,9}[.)])[ \t]+)?")


def _differs(text: str) -> bool:
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
    for row in _DELIMITER_ROW.finditer(lines):
        end = row.start()  # the line end before the delimiter row
        start = lines.rfind("\n", 0, end) + 1
        header = lines[start:end]
        if "|" not in header:
            continue  # no table for either parser
        prefix = _BLOCK_PREFIX.match(header)
        assert prefix is not None  # the pattern matches the empty string
        if "|" not in row.group() or prefix.group(1):
            # A delimiter row without pipes is a setext underline to pulldown-cmark
            # (and cmark-gfm), a table row to markdown-it-py; a header row starting
            # with a list marker is a table to markdown-it-py, a list item to them.
            return True
        if header[prefix.end() :].startswith("|") and "\\|" not in header:
            continue
        # A header row without a leading pipe interrupts a paragraph for markdown-it-py
        # (and cmark-gfm), not for pulldown-cmark; nor is one holding only an escaped
        # pipe a table to pulldown-cmark.
        before = lines[lines.rfind("\n", 0, start - 1) + 1 : start - 1]
        if "\\|" in header or before.strip(" \t>"):
            return True
    return False


#: A continuation line indented by four or more that looks like a block start: in a list
#: item or quote, a lazy line of the paragraph to pulldown-cmark and cmark, a new block to
#: markdown-it-py.
_LAZY_BLOCK = re.compile(rb"[ >]*(?: {4}|\t)[ \t]*[-+*#>`~=_<|0-9]")
_INDENTED = (b" ", b"\t", b">")
_BLANK_LAST_LINE = re.compile(r"(?<![^\n])[ \t]+\Z")
_INLINE_TAGS = frozenset({"Emphasis", "Strong", "Strikethrough", "Superscript", "Subscript"})
_END_IMAGE = {"End": "Image"}
_AUTOLINKS = ("Autolink", "Email")


def _read(text: str, first_line: int) -> tuple[list[_Record], list[tuple[int, str]]]:
    """Walk pulldown-cmark's events once: the body's records and its HTML comments.

    A flat loop over a flat event stream: nothing here recurses. Ranges are UTF-8
    byte offsets into ``data``. Raises _Differs where markdown-it-py must read it.
    """
    data = text.encode()
    newlines = [match.start() for match in _NEWLINE.finditer(data)]
    records: list[_Record] = []
    comments: list[tuple[int, str]] = []
    depth = 0  # open block quotes, lists and list items
    chunks: list[str] | None = None  # the text of the code or HTML block being read
    block_line = 0
    # The inline content being read: "" none, "p" a paragraph (a tight list item's
    # text is one without events of its own), "h" a heading, "c" a table cell.
    inline = ""
    parts: list[str] = []
    links: list[str] = []
    inline_line = breaks = level = 0
    image = image_start = image_end = 0  # images nest; their alt text is read from the source
    autolink = indented = False
    item_line = 0
    item_slot = item_event = claim = -1  # a top-level list item waiting for its first paragraph
    top = False
    row: tuple[list[str], list[str], int] = ([], [], 0)  # cells, first links, line

    def line_at(offset: int) -> int:
        return bisect_right(newlines, offset - 1) + first_line

    def begin(kind: str, offset: int, index: int) -> None:
        nonlocal inline, parts, links, inline_line, breaks, claim
        inline, parts, links, breaks = kind, [], [], 0
        inline_line = row[2] if kind == "c" else line_at(offset)
        claim = item_slot if index == item_event else -1

    def finish() -> None:
        nonlocal inline
        content = "".join(parts)
        if content and inline != "c" and (_odd_space(content[0]) or _odd_space(content[-1])):
            raise _Differs  # markdown-it-py strips U+00A0 and the like there, CommonMark does not
        if inline == "p":
            records.append(TextBlock(inline_line, content))
            if claim >= 0 and content.strip():
                records[claim] = Item(item_line, content, links=tuple(links))
        elif inline == "h":
            records.append(Heading(level, content, inline_line, None))
        else:
            row[0].append(content.strip())
            row[1].append(links[0] if links else "")
        inline = ""

    events: Iterator[tuple[Any, Range]] = _parser().events_with_range(text)
    for index, (event, span) in enumerate(events):
        if image and event != _END_IMAGE:
            image_end = max(image_end, span["end"])
        if type(event) is str:  # "SoftBreak", "HardBreak" or "Rule"
            if event == "Rule":
                if inline:
                    finish()
            elif not image:
                parts.append("\n")
                breaks += 1
                after = data.find(b"\n", span["start"]) + 1
                if (
                    depth
                    and data[after : after + 1] in _INDENTED
                    and _LAZY_BLOCK.match(data, after)
                ):
                    raise _Differs
            continue
        if "Text" in event:
            if chunks is not None:
                chunks.append(event["Text"])
                continue
            if not inline:
                begin("p", span["start"], index)
            if not image:
                value = event["Text"]
                parts.append(_link_text(value) if autolink else value)
        elif "Start" in event:
            tag = event["Start"]
            if type(tag) is str:
                if tag == "Paragraph":
                    begin("p", span["start"], index)
                elif tag in _INLINE_TAGS:
                    if not inline:
                        begin("p", span["start"], index)
                elif tag == "TableCell":
                    begin("c", span["start"], index)
                elif tag == "Item":
                    if inline:
                        finish()
                    if depth == 1:  # an item of a list that is not inside another block
                        item_slot, item_event = len(records), index + 1
                        item_line = line_at(span["start"])
                        records.append(None)
                    depth += 1
                elif tag in ("TableHead", "TableRow"):
                    row = ([], [], line_at(span["start"]))
                elif tag == "HtmlBlock":
                    if inline:
                        finish()
                    chunks, block_line = [], line_at(span["start"])
            elif "Link" in tag:
                if not inline:
                    begin("p", span["start"], index)
                if not image:
                    target = tag["Link"]
                    kind = target["link_type"]
                    autolink = kind in _AUTOLINKS
                    url = target["dest_url"]
                    if _UNSAFE_TARGET.match(url):
                        raise _Differs
                    links.append(_link_target("mailto:" + url if kind == "Email" else url))
            elif "Image" in tag:
                if not inline:
                    begin("p", span["start"], index)
                if _UNSAFE_TARGET.match(tag["Image"]["dest_url"]):
                    raise _Differs
                if not image:
                    image_start = image_end = span["start"] + 2
                image += 1
            elif "Heading" in tag:
                if inline:
                    finish()
                level = int(tag["Heading"]["level"][1])
                begin("h", span["start"], index)
            elif "CodeBlock" in tag:
                if inline:
                    finish()
                chunks, block_line = [], line_at(span["start"])
                indented = tag["CodeBlock"] == "Indented"
            elif "Table" in tag:
                if inline:
                    finish()
                top = depth == 0
            else:  # List, BlockQuote
                if inline:
                    finish()
                depth += 1
                if depth >= _DEEPEST:
                    raise _Differs
        elif "End" in event:
            tag = event["End"]
            if type(tag) is str:
                if tag in ("Paragraph", "TableCell"):
                    finish()
                elif tag == "Item":
                    if inline:
                        finish()
                    depth -= 1
                elif tag in ("TableHead", "TableRow"):
                    cells, targets, line = row
                    records.append(
                        _Row(line, tuple(cells), tuple(targets), tag == "TableHead", top)
                    )
                elif tag == "CodeBlock" and chunks is not None:
                    code = "".join(chunks)
                    if indented and not code.endswith("\n"):
                        code += "\n"  # as markdown-it-py and commonmark.js end it at the file's end
                    records.append(TextBlock(block_line + 1, code))
                    chunks = None
                elif tag == "HtmlBlock" and chunks is not None:
                    html = "".join(chunks)
                    comments.extend(_comments(html, block_line))
                    records.append(TextBlock(block_line, _strip_comments(html)))
                    chunks = None
                elif tag == "Link":
                    autolink = False
                elif tag == "Image":
                    if image > 1:
                        image_end = max(image_end, span["end"])
                    else:
                        stop = data.find(b"]", image_end)
                        label = data[image_start : stop if stop >= 0 else image_end].decode()
                        if depth and "\n" in label:
                            raise _Differs  # markdown-it-py leaves out the quote markers
                        parts.append(label)
                    image -= 1
            elif "Heading" in tag:
                finish()
            else:  # List, BlockQuote
                if inline:
                    finish()
                depth -= 1
        elif "Code" in event:
            if not inline:
                begin("p", span["start"], index)
            if not image:
                parts.append(event["Code"])
        elif "InlineHtml" in event:
            if not inline:
                begin("p", span["start"], index)
            if not image:
                html = event["InlineHtml"]
                if depth and "\n" in html:
                    raise _Differs  # pulldown-cmark may keep quote markers inside it
                if html.startswith(_COMMENT_START):
                    comments.append((inline_line + breaks, html))
                else:
                    parts.append(html)
        elif "Html" in event and chunks is not None:
            chunks.append(event["Html"])
    return records, comments


def _token_section(heading: Heading, tokens: list[Token], offset: int) -> Section:
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


def _link_target(url: str) -> str:
    """A link's target as markdown-it-py gives it (``normalizeLink``): percent-encoded.

    The same steps as markdown-it-py 4.3 (MIT licence), copied rather than imported
    because importing markdown-it-py costs more than most files take to lint.
    """
    import mdurl

    parsed = mdurl.parse(url, slashes_denote_host=True)
    if parsed.hostname and (not parsed.protocol or parsed.protocol in _RECODE_HOSTNAME_FOR):
        with suppress(Exception):
            parsed = parsed._replace(hostname=_map_domain(parsed.hostname, _to_ascii))
    if not parsed.hostname or ":" not in parsed.hostname:
        return mdurl.encode(mdurl.format(parsed))
    return mdurl.format(  # encode the parts before format() adds an IPv6 host's brackets
        parsed._replace(
            protocol=parsed.protocol and mdurl.encode(parsed.protocol),
            auth=parsed.auth and mdurl.encode(parsed.auth),
            hostname=mdurl.encode(parsed.hostname),
            pathname=parsed.pathname and mdurl.encode(parsed.pathname),
            search=parsed.search and mdurl.encode(parsed.search),
            hash=parsed.hash and mdurl.encode(parsed.hash),
        )
    )


def _link_text(url: str) -> str:
    """An autolink's text as markdown-it-py gave it (``normalizeLinkText``): decoded."""
    import mdurl

    parsed = mdurl.parse(url, slashes_denote_host=True)
    if parsed.hostname and (not parsed.protocol or parsed.protocol in _RECODE_HOSTNAME_FOR):
        with suppress(Exception):
            parsed = parsed._replace(hostname=_map_domain(parsed.hostname, _to_unicode))
    return mdurl.decode(mdurl.format(parsed), mdurl.DECODE_DEFAULT_CHARS + "%")


_RECODE_HOSTNAME_FOR = ("http:", "https:", "mailto:")
_DOMAIN_SEPARATORS = re.compile(r"[\x2E\u3002\uFF0E\uFF61]")


_NON_ASCII = re.compile(r"[^\0-\x7E]")


def _map_domain(domain: str, label: Callable[[str], str]) -> str:
    """Map each label of a host name; of an address, only what follows the first ``@``."""
    parts = domain.split("@")
    user = parts[0] + "@" if len(parts) > 1 else ""
    host = parts[1] if len(parts) > 1 else domain
    return user + ".".join(label(part) for part in _DOMAIN_SEPARATORS.split(host))


def _to_ascii(label: str) -> str:
    return "xn--" + codecs.encode(label, "punycode").decode() if _NON_ASCII.search(label) else label


def _to_unicode(label: str) -> str:
    if label.startswith("xn--"):
        return str(codecs.decode(label[4:].lower().encode("ascii"), "punycode"))
    return label


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
