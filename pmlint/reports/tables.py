"""Render rows as an aligned terminal table, CSV or a Markdown table.

Follow-up listings, exports and report sections are all tables; rendering
them in one place keeps alignment, escaping and empty cells the same everywhere.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    """A titled table; ``name`` identifies it in machine-readable output."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    name: str = ""


def cell(value: Cell) -> str:
    """How a value reads in a table: nothing for None, floats without trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def text(table: Table, empty: str = "(none)") -> str:
    """Columns padded to their widest cell, a rule under the header."""
    if not table.rows:
        return f"{table.title}\n  {empty}\n" if table.title else f"{empty}\n"
    cells = [list(table.columns), *([cell(value) for value in row] for row in table.rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.columns))]
    lines = [table.title] if table.title else []
    for index, row in enumerate(cells):
        lines.append(
            "  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)).rstrip()
        )
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines) + "\n"


def markdown(table: Table, empty: str = "(none)") -> str:
    """A GFM table; pipes and newlines in cells are escaped so a row stays one row."""
    if not table.rows:
        return f"_{empty}_\n"

    def line(values: Sequence[str]) -> str:
        return "| " + " | ".join(values) + " |"

    escaped = [
        [cell(value).replace("|", "\\|").replace("\n", " ") for value in row] for row in table.rows
    ]
    out = [line(table.columns), line(["---"] * len(table.columns)), *map(line, escaped)]
    return "\n".join(out) + "\n"


def csv_text(columns: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """RFC 4180 CSV with a header row and LF line ends (byte-stable across platforms)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([cell(value) for value in row] for row in rows)
    return buffer.getvalue()
