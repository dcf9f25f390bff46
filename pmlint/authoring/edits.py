"""Text edits by line and column, applied so that every byte not edited stays as it was.

Fixes are planned on the lines pmlint reads (``document.split_lines``: a BOM
dropped, CRLF, CR and LF all ending a line) and applied to the original text,
so a CRLF file keeps its CRLFs and a BOM stays a BOM. The language server sends
the same edits to the editor, with columns counted as the editor counts them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, order=True)
class Edit:
    """Replace the text from ``start`` to ``end`` (0-based line, column) with ``text``."""

    start: tuple[int, int]
    end: tuple[int, int]
    text: str

    @classmethod
    def insert(cls, line: int, column: int, text: str) -> Edit:
        return cls((line, column), (line, column), text)


def newline(text: str) -> str:
    """The line ending a file uses (its first one), for the lines a fix adds."""
    match = _LINE_END.search(text)
    return match.group(0) if match else "\n"


def line_starts(text: str) -> list[int]:
    """The offset in ``text`` of each line's first character (after a BOM on line 0)."""
    starts = [1 if text.startswith("\ufeff") else 0]
    starts.extend(match.end() for match in _LINE_END.finditer(text))
    return starts


def overlaps(a: Edit, b: Edit) -> bool:
    """Two edits touch the same text (two insertions at one point do not)."""
    return a.start < b.end and b.start < a.end


def apply(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with ``edits`` made; insertions at one point keep the order given.

    Positions past a line's end are clamped to it, and lines past the last to
    the text's end, as an editor does.
    """
    starts = line_starts(text)

    def offset(position: tuple[int, int]) -> int:
        line, column = position
        if line >= len(starts):
            return len(text)
        end = starts[line + 1] if line + 1 < len(starts) else len(text)
        content_end = end - len(_line_end(text, starts[line], end))
        return min(starts[line] + column, content_end)

    ordered = sorted(enumerate(edits), key=lambda pair: (pair[1].start, pair[1].end, pair[0]))
    pieces: list[str] = []
    cursor = 0
    for _, edit in ordered:
        begin, finish = offset(edit.start), offset(edit.end)
        pieces.append(text[cursor:begin])
        pieces.append(edit.text)
        cursor = max(cursor, finish)
    pieces.append(text[cursor:])
    return "".join(pieces)


def _line_end(text: str, start: int, end: int) -> str:
    """The line ending of the line ``text[start:end]``."""
    if text.endswith("\r\n", start, end):
        return "\r\n"
    return text[end - 1] if end > start and text[end - 1] in "\r\n" else ""
