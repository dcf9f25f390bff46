"""Text from postmortems made safe for where it is shown: a terminal, a CI log, Markdown, CSV.

File names, team names and every field are written by whoever opened the pull
request. Printed raw they can:

- move the cursor, recolour or retitle a terminal (ESC and the other C0 and C1
  control characters);
- start a new line in the GitHub Actions log, where a line beginning with
  ``::error ...`` or ``::stop-commands::`` is a workflow command;
- add raw HTML (``<img src=...>``, ``<details>``) or a heading to a job summary;
- run as a formula when a CSV file is opened in a spreadsheet (``=HYPERLINK(...)``).
"""

from __future__ import annotations

import re

#: GitHub refuses a job summary over 1 MiB per step; stay clear of it.
JOB_SUMMARY_LIMIT = 1_000_000

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_MARKDOWN_SPECIAL = str.maketrans(
    {char: "\\" + char for char in "\\`*_[]|~#"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
)
#: OWASP's list for CSV injection: a cell starting with one of these is a formula to
#: Excel, LibreOffice or Google Sheets (tab and line breaks hide the real first character).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def printable(text: str) -> str:
    """``text`` with each control character (ESC, CR, LF, C1...) shown as ``\\xNN``.

    One line in, one line out: nothing can start a new line in a log or move a
    terminal's cursor. Text without control characters is returned unchanged.
    """
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def markdown_text(value: str) -> str:
    """User text inside Markdown (a table cell): one line, no markup, no HTML."""
    return " ".join(value.split()).translate(_MARKDOWN_SPECIAL)


def markdown_cell(value: str) -> str:
    """A table cell of a report: one line, ``|`` escaped, ``<`` and ``>`` as entities.

    Lighter than markdown_text, so ``policy_comparison`` stays as written in
    the Markdown source; a line break, a row or raw HTML cannot come from it.
    """
    return " ".join(value.split()).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def csv_text(value: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading ``'`` before a formula character.

    Only text from postmortems reaches here; numbers pmlint computed are written
    as numbers (a negative count or rate is never text).
    """
    return "'" + value if value.startswith(_FORMULA_START) else value
