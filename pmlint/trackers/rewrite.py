"""``pmlint sync --write``: set each follow-up's status and closed cells to its ticket's.

Only the text of those cells changes: every other byte, line endings
included, stays as it was. A file is replaced whole (a new file renamed over
it), never written through a link, and not at all if it changed since it was
read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import pairwise
from pathlib import Path

from pmlint.config import Config
from pmlint.reading import document
from pmlint.reading.source import Unreadable, decode, read_file
from pmlint.reading.vocabulary import CLOSED_STATUSES, OPEN_STATUSES, normalise_word
from pmlint.reports.records import Postmortem
from pmlint.safe_write import write_file
from pmlint.trackers.snapshot import Entry

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
#: A list item's field: its separator, key and value (up to the next separator).
_FIELD = re.compile(
    r"(?P<sep> ?\u2014 ?| \u2013 | \| )(?P<key>status|closed)\s*:[ \t]*"
    r"(?P<value>.*?)[ \t]*(?= ?\u2014| \u2013 | \| |\r|\n|$)",
    re.IGNORECASE,
)
_NOT_PLANNED = {"not_planned", "won't do", "won't fix", "wontfix", "duplicate", "cancelled"}


def wanted(status: str | None, closed: str | None, entry: Entry) -> tuple[str | None, str | None]:
    """The status and closed date a follow-up should show for its ticket's state.

    A status that already agrees is kept as written (``closed`` stays ``closed``).
    """
    if entry.state == "closed":
        if status not in CLOSED_STATUSES:
            reason = normalise_word(entry.reason or "")
            status = "won't do" if reason in _NOT_PLANNED else "done"
        return status, entry.closed or closed
    return (status if status in OPEN_STATUSES else "open"), None


def apply(
    postmortems: list[Postmortem], tickets: Mapping[str, Entry], config: Config, notes: list[str]
) -> int:
    """Rewrite the follow-ups of each file whose tickets were read; the count changed."""
    changed = 0
    for pm in postmortems:
        if any(
            tickets.get(item.get("ticket") or "", Entry("", "")).state for item in pm.follow_ups
        ):
            changed += _rewrite_file(Path(pm.path), tickets, config, notes)
    return changed


def _rewrite_file(
    path: Path, tickets: Mapping[str, Entry], config: Config, notes: list[str]
) -> int:
    try:
        data, _ = read_file(path, config.max_file_size)
        text = decode(data)
    except Unreadable as error:
        notes.append(f"{path}: not rewritten: {error}")
        return 0
    doc = document.build(text, str(path), config)
    lines = _LINE.findall(text)
    count = 0
    for index, item in enumerate(doc.data.get("follow_ups", ())):
        entry = tickets.get(item.get("ticket") or "")
        if entry is None or entry.state is None:
            continue
        status, closed = wanted(item.get("status"), item.get("closed"), entry)
        if (status, closed) == (item.get("status"), item.get("closed")):
            continue
        number = doc.lines[f"/follow_ups/{index}"]
        columns = doc.follow_up_columns[index]
        if columns is None:
            end = _item_end(lines, number)
            new = _list_item("".join(lines[number - 1 : end]), status, closed)
        else:
            end = number
            new = _table_row(lines[number - 1], lines[columns[0] - 1], status, closed)
        if new == "".join(lines[number - 1 : end]):
            continue
        if new is None:
            notes.append(f"{path}:{number}: the follow-up's status cell cannot be rewritten")
            continue
        lines[number - 1 : end] = [new, *[""] * (end - number)]  # line numbers stay valid
        count += 1
    if count:
        _replace(path, data, "".join(lines).encode("utf-8", "surrogateescape"), notes)
    return count


def _replace(path: Path, read: bytes, text: bytes, notes: list[str]) -> None:
    """Put ``text`` in place of ``path`` if it still holds ``read``, never through a link."""
    if path.is_symlink():
        notes.append(f"{path}: is a link; not rewritten")
        return
    if path.read_bytes() != read:
        notes.append(f"{path}: changed while sync ran; not rewritten")
        return
    write_file(path, text, mode=path.stat().st_mode & 0o7777)


def _item_end(lines: list[str], number: int) -> int:
    """The line after a list item's last: its continuation lines are indented."""
    end = number
    while end < len(lines) and lines[end][:1] in (" ", "\t") and lines[end].strip():
        end += 1
    return end


def _cells(line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell's text in a table row; escaped pipes and code stay inside."""
    bounds: list[int] = []
    code = escaped = False
    for position, char in enumerate(line):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "`":
            code = not code
        elif char == "|" and not code:
            bounds.append(position)
    end = len(line.rstrip("\r\n"))
    if not bounds or line[: bounds[0]].strip():
        bounds.insert(0, -1)
    if line[bounds[-1] + 1 : end].strip():
        bounds.append(end)
    return [(left + 1, right) for left, right in pairwise(bounds)]


def _table_row(row: str, header: str, status: str | None, closed: str | None) -> str | None:
    names = [normalise_word(header[a:b].strip().strip("*_`")) for a, b in _cells(header)]
    spans = _cells(row)
    if len(spans) != len(names) or "status" not in names:
        return None
    values = {"status": status, "closed": closed}
    targets = sorted(
        ((spans[names.index(name)], values[name] or "") for name in values if name in names),
        reverse=True,
    )
    for (start, end), value in targets:
        cell = row[start:end]
        if cell.strip() == value:
            continue
        if cell.strip():
            left, right = cell[: len(cell) - len(cell.lstrip())], cell[len(cell.rstrip()) :]
        else:
            left = right = " "
        row = row[:start] + (left or " ") + value + (right or " ") + row[end:]
    return row


def _list_item(line: str, status: str | None, closed: str | None) -> str | None:
    fields = {match["key"].lower(): match for match in _FIELD.finditer(line)}
    if "status" not in fields or status is None:
        return None
    edits: list[tuple[int, int, str]] = [
        (fields["status"].start("value"), fields["status"].end("value"), status)
    ]
    if "closed" in fields:
        found = fields["closed"]
        if closed:
            edits.append((found.start("value"), found.end("value"), closed))
        else:
            edits.append((found.start(), found.end("value"), ""))
    elif closed:
        after = fields["status"].end("value")
        edits.append((after, after, f"{fields['status']['sep']}closed: {closed}"))
    for start, end, value in sorted(edits, reverse=True):
        line = line[:start] + value + line[end:]
    return line
