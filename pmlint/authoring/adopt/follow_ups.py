"""Stage 6: every follow-up item gets the fields of the format, keeping owners and tickets."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from markdown_it.token import Token

from pmlint.authoring.adopt.model import Line
from pmlint.reading.body import markdown
from pmlint.reading.vocabulary import is_placeholder, normalise_heading

#: Follow-up table columns, normalised -> the format's column.
COLUMNS: dict[str, str] = {
    "action": "action",
    "action item": "action",
    "action items": "action",
    "item": "action",
    "task": "action",
    "owner": "owner",
    "owners": "owner",
    "who": "owner",
    "assignee": "owner",
    "due": "due",
    "due date": "due",
    "status": "status",
    "type": "type",
    "ticket": "ticket",
    "issue": "ticket",
    "bug": "ticket",
    "bug #": "ticket",
    "closed": "closed",
}


_REQUIRED_COLUMNS = ("action", "owner", "due", "status", "type")


#: What the author writes where the original holds nothing to infer.
PLACEHOLDERS: dict[str, str] = {
    "owner": "<owner>",
    "due": "<YYYY-MM-DD>",
    "status": "<status>",
    "type": "<type>",
}


_TASK = re.compile(r"^\s*\[([ xX])\]")


_OWNER = re.compile(r"\b(?:owner|assignee|assigned to)\s*[:\-]?\s*(@[\w-]+)", re.IGNORECASE)


_TRAILING_HANDLE = re.compile(r"\((@[\w-]+)\)\s*\.?$")


_HAS_FIELDS = re.compile(r"\u2014\s*(?:owner|due|status|type)\s*:", re.IGNORECASE)


_WORD = re.compile(r"[^\W_]+")


_BARE_URL = re.compile(r"https?://[^\s<>()]+[^\s<>().,;:]")


_TICKET_URL = re.compile(r"/(?:issues|pull|pulls|merge_requests)/\d+|/browse/[A-Z][A-Z0-9]*-\d+")


def follow_ups(content: list[Line]) -> list[Line]:
    """Every stretch of text between sub-headings, with its items given the format's fields."""
    result: list[Line] = []
    stretch: list[str] = []
    for item in content:
        if isinstance(item, str):
            stretch.append(item)
        else:
            result += [*_follow_up_items(stretch), item]
            stretch = []
    return [*result, *_follow_up_items(stretch)]


def _follow_up_items(lines: list[str]) -> list[str]:
    tokens = markdown().parse("\n".join(lines))
    replaced: dict[int, list[str]] = {}
    for index, token in enumerate(tokens):
        if token.level != 0 or token.map is None:
            continue
        if token.type == "table_open":
            start, end = token.map
            table = _table(tokens, index)
            if table is not None and not _words(lines[start:end]) - _words(table):
                replaced[start] = table
                replaced.update({line: [] for line in range(start + 1, end)})
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            for line, suffix in _list_fields(tokens, index):
                replaced[line] = [lines[line].rstrip() + suffix]
    return [out for i, line in enumerate(lines) for out in replaced.get(i, [line])]


def _words(lines: list[str]) -> Counter[str]:
    """Words of ``lines`` (runs of letters and digits, lower-case), to prove nothing is dropped."""
    return Counter(word.lower() for line in lines for word in _WORD.findall(line))


def _table(tokens: list[Token], index: int) -> list[str] | None:
    """A follow-up table with the format's columns; the original header kept in a comment."""
    rows: list[list[str]] = []
    row: list[str] = []
    for token in tokens[index + 1 :]:
        if token.type == "table_close":
            break
        if token.type == "tr_open":
            row = []
        elif token.type == "inline":
            row.append(token.content.strip())
        elif token.type == "tr_close":
            rows.append(row)
    header, body = rows[0], rows[1:]
    columns = [COLUMNS.get(normalise_heading(cell), "") for cell in header]
    if "action" not in columns:
        return None
    names = [
        column.capitalize() if column else cell
        for column, cell in zip(columns, header, strict=True)
    ]
    missing = [name for name in _REQUIRED_COLUMNS if name not in columns]
    names += [name.capitalize() for name in missing]
    lines = []
    if names[: len(header)] != header:
        lines.append(f"<!-- pmlint adopt: the columns were {' | '.join(header)} -->")
    lines.append("| " + " | ".join(names) + " |")
    lines.append("|" + "---|" * len(names))
    for row_cells in body:
        cells = [*row_cells, *[""] * (len(header) - len(row_cells))][: len(header)]
        values = [
            cell or (PLACEHOLDERS.get(column, "") if column else "")
            for cell, column in zip(cells, columns, strict=True)
        ]
        values += [PLACEHOLDERS[name] for name in missing]
        lines.append("| " + " | ".join(values) + " |")
    return lines


def _list_fields(tokens: list[Token], index: int) -> Iterator[tuple[int, str]]:
    """For each top-level item of the list at ``index``: the line to extend, and the fields."""
    close = (
        "bullet_list_close" if tokens[index].type == "bullet_list_open" else "ordered_list_close"
    )
    for position in range(index + 1, len(tokens)):
        token = tokens[position]
        if token.type == close and token.level == 0:
            return
        if token.type != "list_item_open" or token.level != 1:
            continue
        paragraph = tokens[position + 1]
        if paragraph.type != "paragraph_open" or paragraph.map is None:
            continue
        text = tokens[position + 2].content
        action = _TASK.sub("", text)
        if is_placeholder(action) or not action.strip() or _HAS_FIELDS.search(text):
            continue
        yield paragraph.map[1] - 1, _fields(text, _item_links(tokens, position))


def _item_links(tokens: list[Token], position: int) -> list[str]:
    """Link targets anywhere in the item opening at ``position``, nested lists included."""
    level = tokens[position].level
    links: list[str] = []
    for token in tokens[position + 1 :]:
        if token.type == "list_item_close" and token.level == level:
            break
        for child in token.children or []:
            href = child.attrGet("href") if child.type == "link_open" else None
            if isinstance(href, str):
                links.append(href)
            elif child.type == "text":
                links.extend(_BARE_URL.findall(child.content))
    return links


def _fields(text: str, links: list[str]) -> str:
    """`` — owner: ... — due: ... — status: ... — type: ...`` for one list item."""
    task = _TASK.match(text)
    status = PLACEHOLDERS["status"]
    if task:
        status = "open" if task.group(1) == " " else "done"
    owner = _OWNER.search(text) or _TRAILING_HANDLE.search(text.strip())
    values = {
        "owner": owner.group(1) if owner else PLACEHOLDERS["owner"],
        "due": PLACEHOLDERS["due"],
        "status": status,
        "type": PLACEHOLDERS["type"],
    }
    ticket = next((link for link in links if _TICKET_URL.search(link)), None)
    if ticket:
        values["ticket"] = ticket
    return "".join(f" \u2014 {key}: {value}" for key, value in values.items())
