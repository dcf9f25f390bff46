"""Read a body from pulldown-cmark's events (CommonMark + GFM tables, in Rust, via pyromark).

One flat pass over a flat event stream: nothing here recurses. Each kind of
event has its own method; what is being read is held in named states. Code
blocks, HTML blocks and images are read by small loops of their own that take
their events from the same stream, so the main loop never asks whether it is
inside one. Ranges are UTF-8 byte offsets into the encoded text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any, TypeAlias

from pmlint.reading.body.comments import COMMENT_START, comments_in_html, strip_comments
from pmlint.reading.body.links import link_target, link_text
from pmlint.reading.body.markdownit import MAX_NESTING
from pmlint.reading.body.model import (
    Body,
    Comment,
    Heading,
    Item,
    Record,
    Row,
    TextBlock,
    assemble,
    section_key,
)

if TYPE_CHECKING:
    import pyromark
    from pyromark.event import Range as Span  # an event's start and end byte offsets


class Differs(Exception):
    """The text holds a construct pulldown-cmark reads differently from markdown-it-py."""


class Inline(Enum):
    """The inline content being read (a tight list item's text is a paragraph)."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    CELL = "cell"


_PARAGRAPH, _HEADING, _CELL = Inline.PARAGRAPH, Inline.HEADING, Inline.CELL

_NEWLINE = re.compile(rb"\n")
#: Blocks nested this deep go to markdown-it-py, which stops reading at MAX_NESTING.
_DEEPEST = MAX_NESTING - 10
#: Links markdown-it-py refuses to make (``validateLink``), so their text stays literal.
_UNSAFE_TARGET = re.compile(r"(?i)\s*(?:javascript|vbscript|file|data):")
#: A continuation line indented by four or more that looks like a block start: in a list
#: item or quote, a lazy line of the paragraph to pulldown-cmark and cmark, a new block to
#: markdown-it-py.
_LAZY_BLOCK = re.compile(rb"[ >]*(?: {4}|\t)[ \t]*[-+*#>`~=_<|0-9]")
_INDENTED = (b" ", b"\t", b">")
_END_IMAGE = {"End": "Image"}
_AUTOLINKS = ("Autolink", "Email")

Events: TypeAlias = "Iterator[tuple[int, tuple[Any, Span]]]"
#: An event's method: the event's value (or the tag's attributes), its range, its index.
Handler: TypeAlias = "Callable[[Any, Span, int], None]"


@cache
def _parser() -> pyromark.Markdown:
    """pulldown-cmark (CommonMark + GFM tables), through pyromark."""
    import pyromark  # imported when a body is parsed, not on every start

    return pyromark.Markdown(options=pyromark.Options.ENABLE_TABLES)


def read(text: str, first_line: int, aliases: Mapping[str, str]) -> Body:
    """The body of ``text``, whose first line is line ``first_line`` of the file.

    Raises Differs where markdown-it-py must read it.
    """
    return PulldownReader(text, first_line, aliases).read()


def _odd_space(char: str) -> bool:
    """Whitespace that Python's ``str.strip`` removes but CommonMark does not (U+00A0...)."""
    return char.isspace() and char not in " \t\n"


class PulldownReader:
    """One body's walk: records and comments in document order, then the Body."""

    def __init__(self, text: str, first_line: int, aliases: Mapping[str, str]) -> None:
        self.text = text
        self.data = text.encode()
        self.newlines = [match.start() for match in _NEWLINE.finditer(self.data)]
        self.first_line = first_line
        self.aliases = aliases
        self.records: list[Record] = []
        self.comments: list[Comment] = []
        self.events: Events = iter(())
        self.depth = 0  # open block quotes, lists and list items
        # The inline content being read (None: none), its text, links and lines.
        self.inline: Inline | None = None
        self.parts: list[str] = []
        self.links: list[str] = []
        self.inline_line = self.breaks = self.level = 0
        self.autolink = False
        # A top-level list item waiting for its first paragraph: its record's index,
        # the index of the event that may start that paragraph, its line and offset.
        self.item_slot = self.item_event = self.claim = -1
        self.item_line = self.item_start = 0
        self.table_top = False  # the table being read is not inside a list or a quote
        self.row_cells: list[str] = []
        self.row_links: list[str] = []
        self.row_line = 0

    def read(self) -> Body:
        """Every event, in order, to the method for its kind; then the records as a Body."""
        self.events = enumerate(_parser().events_with_range(self.text))
        markers = self._markers()
        inlines = self._inline_events()
        starts, ends = self._starts(), self._ends()
        ignore, open_container, close_container = self._ignore, self._open, self._close
        for index, (event, span) in self.events:
            if type(event) is str:  # "SoftBreak", "HardBreak" or "Rule"
                markers.get(event, self._break)(span)
                continue
            ((kind, value),) = event.items()
            if kind == "Start":
                if type(value) is str:
                    starts.get(value, ignore)(None, span, index)
                else:
                    ((name, attributes),) = value.items()
                    starts.get(name, open_container)(attributes, span, index)
            elif kind == "End":
                if type(value) is str:
                    ends.get(value, ignore)(None, span, index)
                else:
                    ends.get(next(iter(value)), close_container)(None, span, index)
            else:
                inlines.get(kind, ignore)(value, span, index)
        return assemble(self.records, self.comments)

    # Dispatch tables ---------------------------------------------------------------

    def _markers(self) -> dict[str, Callable[[Span], None]]:
        """Events that are bare strings: a rule; a soft or hard break is the default."""
        return {"Rule": self._rule}

    def _inline_events(self) -> dict[str, Handler]:
        return {"Text": self._on_text, "Code": self._on_code, "InlineHtml": self._on_inline_html}

    def _starts(self) -> dict[str, Handler]:
        phrase = self._start_phrase
        return {
            "Paragraph": self._start_paragraph,
            "Emphasis": phrase,
            "Strong": phrase,
            "Strikethrough": phrase,
            "Superscript": phrase,
            "Subscript": phrase,
            "TableCell": self._start_cell,
            "Item": self._start_item,
            "TableHead": self._start_row,
            "TableRow": self._start_row,
            "HtmlBlock": self._start_html_block,
            "Link": self._start_link,
            "Image": self._start_image,
            "Heading": self._start_heading,
            "CodeBlock": self._start_code_block,
            "Table": self._start_table,
        }

    def _ends(self) -> dict[str, Handler]:
        return {
            "Paragraph": self._end_inline,
            "TableCell": self._end_inline,
            "Heading": self._end_inline,
            "Item": self._end_item,
            "TableHead": self._end_head,
            "TableRow": self._end_row,
            "Link": self._end_link,
        }

    # Inline content ----------------------------------------------------------------

    def _line_at(self, offset: int) -> int:
        return bisect_right(self.newlines, offset - 1) + self.first_line

    def _begin(self, state: Inline, offset: int, index: int) -> None:
        self.inline = state
        self.parts = []
        self.links = []
        self.breaks = 0
        self.claim = self.item_slot if index == self.item_event else -1
        if state is _CELL:
            self.inline_line = self.row_line
        elif self.claim >= 0 and self.data.find(b"\n", self.item_start, offset) < 0:
            self.inline_line = self.item_line  # on the item's line: the same int, no bisect
        else:
            self.inline_line = self._line_at(offset)

    def _finish(self) -> None:
        content = "".join(self.parts)
        state = self.inline
        if (
            content
            and state is not _CELL
            and (content[0].isspace() or content[-1].isspace())
            and (_odd_space(content[0]) or _odd_space(content[-1]))
        ):
            raise Differs  # markdown-it-py strips U+00A0 and the like there, CommonMark does not
        if state is _PARAGRAPH:
            self.records.append(TextBlock(self.inline_line, content))
            if self.claim >= 0 and content.strip():
                self.records[self.claim] = Item(self.item_line, content, links=tuple(self.links))
        elif state is _HEADING:
            key = section_key(content, self.aliases)
            self.records.append(Heading(self.level, content, self.inline_line, key))
        else:
            self.row_cells.append(content.strip())
            self.row_links.append(self.links[0] if self.links else "")
        self.inline = None

    def _finish_open(self) -> None:
        """End the inline content being read, if any: a block starts or ends."""
        if self.inline is not None:
            self._finish()

    def _on_text(self, value: str, span: Span, index: int) -> None:
        if self.inline is None:
            self._begin(_PARAGRAPH, span["start"], index)
        self.parts.append(link_text(value) if self.autolink else value)

    def _on_code(self, value: str, span: Span, index: int) -> None:
        if self.inline is None:
            self._begin(_PARAGRAPH, span["start"], index)
        self.parts.append(value)

    def _on_inline_html(self, html: str, span: Span, index: int) -> None:
        if self.inline is None:
            self._begin(_PARAGRAPH, span["start"], index)
        if self.depth and "\n" in html:
            raise Differs  # pulldown-cmark may keep quote markers inside it
        if html.startswith(COMMENT_START):
            self.comments.append((self.inline_line + self.breaks, html))
        else:
            self.parts.append(html)

    def _break(self, span: Span) -> None:
        """A soft or hard line break inside inline content."""
        self.parts.append("\n")
        self.breaks += 1
        if self.depth:
            data = self.data
            after = data.find(b"\n", span["start"]) + 1
            if data[after : after + 1] in _INDENTED and _LAZY_BLOCK.match(data, after):
                raise Differs

    def _rule(self, span: Span) -> None:
        self._finish_open()

    def _start_paragraph(self, _: None, span: Span, index: int) -> None:
        self._begin(_PARAGRAPH, span["start"], index)

    def _start_phrase(self, _: None, span: Span, index: int) -> None:
        """Emphasis and the like: markup around text, which may start a tight item's text."""
        if self.inline is None:
            self._begin(_PARAGRAPH, span["start"], index)

    def _end_inline(self, _: None, span: Span, index: int) -> None:
        self._finish()

    def _start_link(self, target: dict[str, str], span: Span, index: int) -> None:
        if self.inline is None:
            self._begin(_PARAGRAPH, span["start"], index)
        kind = target["link_type"]
        self.autolink = kind in _AUTOLINKS
        url = target["dest_url"]
        if _UNSAFE_TARGET.match(url):
            raise Differs
        self.links.append(link_target("mailto:" + url if kind == "Email" else url))

    def _end_link(self, _: None, span: Span, index: int) -> None:
        self.autolink = False

    def _start_image(self, target: dict[str, str], span: Span, index: int) -> None:
        """An image's alt text, read from the source up to its ``]``; images nest."""
        if self.inline is None:
            self._begin(_PARAGRAPH, span["start"], index)
        if _UNSAFE_TARGET.match(target["dest_url"]):
            raise Differs
        start = end = span["start"] + 2
        open_images = 1
        for _, (event, inner) in self.events:
            if event == _END_IMAGE:
                open_images -= 1
                if not open_images:
                    break
            elif type(event) is dict and type(tag := event.get("Start")) is dict and "Image" in tag:
                if _UNSAFE_TARGET.match(tag["Image"]["dest_url"]):
                    raise Differs
                open_images += 1
            end = max(end, inner["end"])
        stop = self.data.find(b"]", end)
        label = self.data[start : stop if stop >= 0 else end].decode()
        if self.depth and "\n" in label:
            raise Differs  # markdown-it-py leaves out the quote markers
        self.parts.append(label)

    # Blocks --------------------------------------------------------------------------

    def _start_heading(self, attributes: dict[str, Any], span: Span, index: int) -> None:
        self._finish_open()
        self.level = int(attributes["level"][1])
        self._begin(_HEADING, span["start"], index)

    def _start_item(self, _: None, span: Span, index: int) -> None:
        self._finish_open()
        if self.depth == 1:  # an item of a list that is not inside another block
            self.item_slot, self.item_event = len(self.records), index + 1
            self.item_start = span["start"]
            self.item_line = self._line_at(self.item_start)
            self.records.append(None)
        self.depth += 1

    def _end_item(self, _: None, span: Span, index: int) -> None:
        self._finish_open()
        self.depth -= 1

    def _open(self, _: object, span: Span, index: int) -> None:
        """A list or block quote opens."""
        self._finish_open()
        self.depth += 1
        if self.depth >= _DEEPEST:
            raise Differs

    def _close(self, _: None, span: Span, index: int) -> None:
        self._finish_open()
        self.depth -= 1

    def _start_table(self, _: object, span: Span, index: int) -> None:
        self._finish_open()
        self.table_top = self.depth == 0

    def _start_row(self, _: None, span: Span, index: int) -> None:
        self.row_cells, self.row_links = [], []
        self.row_line = self._line_at(span["start"])

    def _start_cell(self, _: None, span: Span, index: int) -> None:
        self._begin(_CELL, span["start"], index)

    def _end_head(self, _: None, span: Span, index: int) -> None:
        self._add_row(head=True)

    def _end_row(self, _: None, span: Span, index: int) -> None:
        self._add_row(head=False)

    def _add_row(self, head: bool) -> None:
        cells, links = tuple(self.row_cells), tuple(self.row_links)
        self.records.append(Row(self.row_line, cells, links, head, self.table_top))

    def _start_code_block(self, kind: object, span: Span, index: int) -> None:
        self._finish_open()
        line = self._line_at(span["start"])
        code = self._block_text()
        if kind == "Indented" and not code.endswith("\n"):
            code += "\n"  # as markdown-it-py and commonmark.js end it at the file's end
        self.records.append(TextBlock(line + 1, code))

    def _start_html_block(self, _: None, span: Span, index: int) -> None:
        self._finish_open()
        line = self._line_at(span["start"])
        html = self._block_text()
        self.comments.extend(comments_in_html(html, line))
        self.records.append(TextBlock(line, strip_comments(html)))

    def _block_text(self) -> str:
        """The text of the code or HTML block just opened, up to its end."""
        chunks: list[str] = []
        for _, (event, _span) in self.events:
            if type(event) is dict:
                if "End" in event:
                    break
                chunks.extend(value for kind, value in event.items() if kind in ("Text", "Html"))
        return "".join(chunks)

    def _ignore(self, _: object, span: Span, index: int) -> None:
        """An event no record needs (the end of emphasis, an HTML line outside a block)."""
