"""The one thing every rule produces and every formatter renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How much a problem matters; only errors fail a run unless ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """A gap in one postmortem, located at a 1-based line and column.

    Field order is the sort order of every report: path, line, column, code.
    ``pointer`` is a JSON pointer into the document model ("/sections/eval_delta"),
    stable across edits elsewhere in the file, which SARIF fingerprints and
    baselines key on. ``subject`` is a digest of the text the pointer names, so a
    baseline entry stops matching when that text changes; it is no part of a
    problem's identity or order, and no format prints it.
    """

    path: str
    line: int
    column: int
    code: str
    slug: str
    severity: Severity
    message: str
    pointer: str = ""
    subject: str = field(default="", compare=False)


@dataclass(frozen=True)
class Finding:
    """What a rule yields: the linter adds path, code, slug and severity."""

    line: int
    message: str
    pointer: str = ""
    column: int = 1


def excerpt(text: str, limit: int, *, one_line: bool = True) -> str:
    """``text`` as a message quotes it: at most ``limit`` characters, "…" marking a cut.

    A hostile file can hold a megabyte-long key or value; a message stays one short
    line. ``one_line`` first collapses whitespace runs (line ends included) to one space.
    """
    if one_line:
        text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
