"""Parse the Markdown body into headings, sections, list items and table rows.

pulldown-cmark (``pulldown``: CommonMark + GFM tables, in Rust, through pyromark)
reads a body about ten times faster than markdown-it-py, so code fences, HTML
blocks and setext headings behave as any Markdown renderer shows them. A text
holding one of the few constructs the two parsers read differently goes to
markdown-it-py (``markdownit``), which pmlint used before, so that no result
depends on the parser. Both give the records of ``model``, every one with its
1-based line in the file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pmlint.reading.body import markdownit, pulldown
from pmlint.reading.body.markdownit import markdown
from pmlint.reading.body.model import Body, Heading, Item, Section, TextBlock, section_key

__all__ = ["Body", "Heading", "Item", "Section", "TextBlock", "markdown", "parse", "section_key"]

_BLANK_LAST_LINE = re.compile(r"(?<![^\n])[ \t]+\Z")


def parse(text: str, first_line: int, aliases: Mapping[str, str]) -> Body:
    """Parse ``text`` whose first line is line ``first_line`` of the file.

    pulldown-cmark reads it, unless the text holds a construct it reads differently
    from markdown-it-py (``markdownit.differs``, ``pulldown.Differs``): then
    markdown-it-py does, as before, so no file's results depend on which parser read it.
    """
    text = normalise(text)
    if not markdownit.differs(text):
        try:
            return pulldown.read(text, first_line, aliases)
        except pulldown.Differs:
            pass
    return markdownit.read(text, first_line, aliases)


def normalise(text: str) -> str:
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
