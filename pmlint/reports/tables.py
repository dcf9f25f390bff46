"""Render rows as an aligned terminal table, CSV or a Markdown table.

Follow-up listings, exports and report sections are all tables; rendering
them in one place keeps alignment, escaping and empty cells the same everywhere.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from pmlint.problem import excerpt
from pmlint.shown import JOB_SUMMARY_LIMIT, markdown_cell, printable
from pmlint.shown import csv_text as csv_cell

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


def text(
    table: Table,
    empty: str = "(none)",
    width: int | None = None,
    cuts: Sequence[tuple[str, int]] = (),
) -> str:
    """Columns padded to their widest cell, a rule under the header.

    With ``width``, the columns named in ``cuts`` are narrowed in turn, each
    down to its given floor, until a line fits, their longer cells ending in
    "…": a terminal would otherwise wrap every row of a long table.
    """
    if not table.rows:
        return f"{table.title}\n  {empty}\n" if table.title else f"{empty}\n"
    cells = [
        list(table.columns),
        *([printable(cell(value)) for value in row] for row in table.rows),
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.columns))]
    for name, floor in cuts if width is not None else ():
        index = table.columns.index(name)
        over = sum(widths) + 2 * (len(widths) - 1) - (width or 0)
        narrowest = max(floor, len(name))
        widths[index] = min(widths[index], max(widths[index] - over, narrowest))
    for row in cells[1:]:
        row[:] = [
            excerpt(value, size, one_line=False) for value, size in zip(row, widths, strict=True)
        ]
    lines = [table.title] if table.title else []
    for index, row in enumerate(cells):
        lines.append(
            "  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)).rstrip()
        )
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines) + "\n"


def markdown(table: Table, empty: str = "(none)", limit: int = JOB_SUMMARY_LIMIT) -> str:
    """A GFM table for a job summary: each cell one line of text, no markup, no HTML.

    Past ``limit`` bytes the rows stop at a whole row and a note says how many
    are not shown (GitHub refuses a job summary over 1 MiB).
    """
    if not table.rows:
        return f"_{empty}_\n"

    def line(values: Sequence[str]) -> str:
        return "| " + " | ".join(values) + " |\n"

    out = [line(table.columns), line(["---"] * len(table.columns))]
    size, budget = sum(len(part) for part in out), limit - 300  # room for the note
    for row in table.rows:
        text = line([markdown_cell(cell(value)) for value in row])
        size += len(text.encode("utf-8", "surrogateescape"))
        if size > budget:
            break
        out.append(text)
    hidden = len(table.rows) - (len(out) - 2)
    if hidden:
        out.append(
            f"\n**{hidden:,} more rows not shown** to keep this under {limit:,} bytes: "
            "see the full list (-f csv or json).\n"
        )
    return "".join(out)


def csv_text(columns: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """RFC 4180 CSV with a header row and LF line ends (byte-stable across platforms).

    Text that a spreadsheet would run as a formula gets a leading ``'``
    (pmlint.shown.csv_text); numbers stay numbers.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(
        [csv_cell(value) if isinstance(value, str) else cell(value) for value in row]
        for row in rows
    )
    return buffer.getvalue()
