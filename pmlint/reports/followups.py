"""Follow-ups across a repository: one row per follow-up, filters, days overdue.

Reads only the document model (through records); ``pmlint followups`` and the
follow-up export both list these rows.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import astuple, dataclass, fields
from typing import Any

from pmlint.days import calendar_date
from pmlint.reading.vocabulary import OPEN_STATUSES
from pmlint.reports import tables
from pmlint.reports.records import Postmortem
from pmlint.reports.tables import Cell, Table


@dataclass(frozen=True)
class FollowUp:
    """One follow-up with the incident it belongs to; ``position`` is 1-based in its file."""

    incident: str
    team: str
    action: str | None
    owner: str | None
    due: str | None
    status: str | None
    type: str | None
    closed: str | None
    ticket: str | None
    days_overdue: int | None
    path: str
    position: int
    #: The ticket's state and closed date from the snapshot ``pmlint sync`` wrote, if read.
    ticket_state: str | None = None
    ticket_closed: str | None = None

    @property
    def is_open(self) -> bool:
        """Open on the tracker when its ticket was read, else by the document's status."""
        if self.ticket_state is not None:
            return self.ticket_state == "open"
        return self.status in OPEN_STATUSES


COLUMNS = tuple(f.name for f in fields(FollowUp))
#: What :func:`render` writes, in the order ``pmlint followups --help`` lists them.
FORMATS = ("table", "json", "csv", "markdown")
_FIELDS = ("action", "owner", "due", "status", "type", "closed", "ticket")
#: The keys a follow-up of the model can have; any other is a column of some other table.
_KNOWN = frozenset({*_FIELDS, "ticket_state", "ticket_closed"})


def _text(item: Mapping[str, Any], name: str) -> str | None:
    value = item.get(name)
    return value if isinstance(value, str) else None


def _status(item: Mapping[str, Any]) -> str | None:
    """The status overdue is judged by: the tracker's when the ticket was read."""
    state = _text(item, "ticket_state")
    if state is not None:
        return "open" if state == "open" else "closed"
    return _text(item, "status")


def days_overdue(status: object, due: object, today: dt.date) -> int | None:
    """Days since an open follow-up's due date, or None when it is closed or not yet due."""
    day = calendar_date(due)
    if status not in OPEN_STATUSES or day is None or day >= today:
        return None
    return (today - day).days


def rows(postmortems: Iterable[Postmortem], today: dt.date) -> list[FollowUp]:
    """Every follow-up, sorted by due date (undated last), incident, then position.

    A row of a table whose columns are not follow-up columns is left out: in a
    file not yet adopted, ``| Action Item | Owner |`` under an action-items
    heading gives rows with no action and a column pmlint does not know, which
    would show as rows with only an owner. Lint reports them (PM201). A row of a
    follow-up table whose action is blank is kept (the export names it).
    """
    found: list[FollowUp] = []
    for pm in postmortems:
        for position, item in enumerate(pm.follow_ups, start=1):
            values = {name: _text(item, name) for name in _FIELDS}
            if values["action"] is None and not _KNOWN.issuperset(item):
                continue
            found.append(
                FollowUp(
                    incident=pm.id,
                    team=pm.team,
                    **values,
                    days_overdue=days_overdue(_status(item), values["due"], today),
                    path=pm.path,
                    position=position,
                    ticket_state=_text(item, "ticket_state"),
                    ticket_closed=_text(item, "ticket_closed"),
                )
            )
    return sorted(found, key=lambda f: (f.due is None, f.due or "", f.incident, f.path, f.position))


def select(
    items: Iterable[FollowUp],
    *,
    open_only: bool = False,
    overdue_only: bool = False,
    owners: Collection[str] = (),
    teams: Collection[str] = (),
    types: Collection[str] = (),
) -> list[FollowUp]:
    """The follow-ups that pass every given filter (names compared case-insensitively)."""

    def matches(value: str | None, wanted: Collection[str]) -> bool:
        return not wanted or (value or "").casefold() in {w.casefold() for w in wanted}

    return [
        item
        for item in items
        if (not open_only or item.is_open)
        and (not overdue_only or item.days_overdue is not None)
        and matches(item.owner, owners)
        and matches(item.team, teams)
        and matches(item.type, types)
    ]


def table(items: Iterable[FollowUp]) -> Table:
    return Table("", COLUMNS, tuple(astuple(item) for item in items), "followups")


def to_json(items: Iterable[FollowUp]) -> list[dict[str, object]]:
    return [dict(zip(COLUMNS, astuple(item), strict=True)) for item in items]


def render(items: Sequence[FollowUp], fmt: str, today: dt.date, width: int | None = None) -> str:
    """``table`` for a terminal, ``markdown`` for a job summary, ``json`` or ``csv`` for tools.

    ``width`` fits the table's lines to a terminal by cutting the action column."""
    if fmt == "json":
        document = {"version": 1, "today": today.isoformat(), "follow_ups": to_json(items)}
        return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return tables.csv_text(COLUMNS, [astuple(item) for item in items])
    tracked = any(item.ticket_state for item in items)  # columns only with a ticket snapshot
    columns = (*_SHOWN, *_TICKET_SHOWN) if tracked else _SHOWN
    rows = tuple(
        _shown_row(item) + ((item.ticket_state, item.ticket_closed) if tracked else ())
        for item in items
    )
    shown = Table("", columns, rows, "followups")
    if fmt == "markdown":
        return tables.markdown(shown, empty="no follow-ups")
    summary = f"{len(items)} follow-up{'s' * (len(items) != 1)}"
    overdue = sum(item.days_overdue is not None for item in items)
    listed = tables.text(shown, empty="no follow-ups", width=width, cuts=_CUTS)
    return listed + f"{summary}, {overdue} overdue\n"


#: The columns a person reads; the path and position stay in json and csv.
_SHOWN = ("incident", "action", "owner", "due", "status", "type", "ticket", "days overdue")
_TICKET_SHOWN = ("ticket state", "ticket closed")
#: To fit a terminal the action is cut first, then the owner, each to a floor.
_CUTS = (("action", 24), ("owner", 16), ("action", 12), ("owner", 10))


def _shown_row(item: FollowUp) -> tuple[Cell, ...]:
    return (
        item.incident,
        item.action,
        item.owner,
        item.due,
        item.status,
        item.type,
        item.ticket,
        item.days_overdue,
    )
