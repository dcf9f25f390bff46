"""Who owes what: open follow-ups past their due date, grouped by owner.

Uses the same test as ``pmlint followups --overdue`` (and PM205) for the
reference day, and a reconstruction from ``closed`` dates for an earlier day,
so the headline can say whether the pile is growing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from pmlint.days import calendar_date
from pmlint.reading.vocabulary import CLOSED_STATUSES, OPEN_STATUSES
from pmlint.reports import followups
from pmlint.reports.records import Postmortem

NO_OWNER = "(no owner)"
_ITEM_KEYS = ("incident", "team", "action", "due", "days_overdue", "status", "type", "ticket")
_WHERE = ("path", "position")


def by_owner(postmortems: Sequence[Postmortem], today: dt.date) -> dict[str, Any]:
    """Overdue follow-ups on ``today``, by owner: most items first, then the longest overdue."""
    owners: dict[str, list[followups.FollowUp]] = {}
    for item in followups.rows(postmortems, today):
        if item.days_overdue is not None:
            owners.setdefault(item.owner or NO_OWNER, []).append(item)
    ranked = sorted(
        owners.items(),
        key=lambda pair: (-len(pair[1]), -max(f.days_overdue or 0 for f in pair[1]), pair[0]),
    )
    return {
        "as_of": today.isoformat(),
        "total": sum(len(items) for items in owners.values()),
        "owners": [
            {"owner": owner, "count": len(items), "follow_ups": _listed(items)}
            for owner, items in ranked
        ],
    }


def _listed(items: list[followups.FollowUp]) -> list[dict[str, Any]]:
    ordered = sorted(items, key=lambda f: (-(f.days_overdue or 0), f.incident, f.path, f.position))
    return [{key: getattr(item, key) for key in (*_ITEM_KEYS, *_WHERE)} for item in ordered]


def was_overdue(item: Mapping[str, Any], day: dt.date) -> bool:
    """Past due on ``day`` and not yet closed then: open now, or closed on a later date.

    A closed follow-up without a ``closed`` date cannot be placed in time and
    is taken as closed.
    """
    due = calendar_date(item.get("due"))
    if due is None or due >= day:
        return False
    status = item.get("status")
    if status in OPEN_STATUSES:
        return True
    closed = calendar_date(item.get("closed"))
    return status in CLOSED_STATUSES and closed is not None and closed > day


def count_on(postmortems: Sequence[Postmortem], day: dt.date) -> int:
    return sum(was_overdue(item, day) for pm in postmortems for item in pm.follow_ups)
