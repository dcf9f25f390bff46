"""HTML comments in a body: where they are (directives live in them) and the text without them."""

from __future__ import annotations

from collections.abc import Iterator

from pmlint.reading.body.model import Comment

COMMENT_START = "<!--"


def comments_in_html(html: str, line: int) -> Iterator[Comment]:
    """HTML comments in an HTML block starting on ``line``, each with the line it starts on."""
    start = html.find(COMMENT_START)
    while start != -1:
        end = html.find("-->", start + 4)
        stop = len(html) if end == -1 else end + 3
        yield line + html.count("\n", 0, start), html[start:stop]
        start = html.find(COMMENT_START, stop)


def strip_comments(html: str) -> str:
    """Remove HTML comments; an unclosed comment runs to the end, as in a browser."""
    kept: list[str] = []
    rest = html
    while (start := rest.find(COMMENT_START)) != -1:
        kept.append(rest[:start])
        end = rest.find("-->", start + 4)
        if end == -1:
            rest = ""
            break
        rest = rest[end + 3 :]
    kept.append(rest)
    return "".join(kept)
