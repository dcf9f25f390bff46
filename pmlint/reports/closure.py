"""The follow-up closure rate: per team, and per team per period of the incident.

A follow-up counts once its window (``closure_days`` after ``published``) has
ended; it is judged from the tracker when its ticket was read
(``reports.tickets``), else from the document. Definitions: docs/metrics.md.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from pmlint.days import calendar_date
from pmlint.reading.vocabulary import CLOSED_STATUSES
from pmlint.reports.records import Postmortem
from pmlint.reports.selection import Selection, Settings, incident_period, rate


def closure(postmortems: Sequence[Postmortem], settings: Settings) -> dict[str, Any]:
    """Follow-ups closed within ``closure_days`` of ``published``, per team.

    Only published postmortems have a window. A follow-up counts once its
    window has ended (``today`` is after ``published + closure_days``); it is
    closed in time when its status is closed and its ``closed`` date is on or
    before the window's last day.
    """
    counts: dict[str, Counter[str]] = {}
    for pm in postmortems:
        outcomes = _outcomes(pm, settings)
        if outcomes is not None:
            counts.setdefault(pm.team, Counter()).update(outcomes)
    tracked = any(team["from_tracker"] for team in counts.values())
    teams = [_closure_row(name, counts[name], settings, tracked) for name in sorted(counts)]
    total = _closure_row("(all teams)", sum(counts.values(), Counter()), settings, tracked)
    return {"teams": teams, "total": total}


def _outcomes(pm: Postmortem, settings: Settings) -> Counter[str] | None:
    """How each follow-up of a published postmortem stands; None when it has no window."""
    published = pm.day("published")
    if pm.status != "published" or published is None:
        return None
    window = dt.timedelta(days=settings.closure_days)
    # published 9999-12-31 is an author's typo, not a crash: the window ends at date.max
    deadline = published + window if published <= dt.date.max - window else dt.date.max
    outcomes: Counter[str] = Counter()
    for item in pm.follow_ups:
        outcome = _closure_outcome(item, deadline, settings.today)
        outcomes[outcome] += 1
        if outcome != "pending" and "ticket_state" in item:  # judged from the tracker
            outcomes["from_tracker"] += 1
    return outcomes


def closure_by_period(
    selection: Selection, periods: Sequence[str], settings: Settings
) -> dict[str, Any]:
    """Closure per team per period of the incident date; an empty cell says why it is empty.

    Each cell sums like ``closure`` over the team's postmortems of that period,
    and also counts the postmortems that have no window yet (``drafts``,
    ``unpublished``) so a page can say "only drafts this quarter".
    """
    cells: dict[str, dict[str, Counter[str]]] = {}
    for pm in selection.in_period:
        tally = cells.setdefault(pm.team, {p: Counter() for p in periods})[
            incident_period(pm, settings)
        ]
        outcomes = _outcomes(pm, settings)
        if pm.status == "draft":
            tally["drafts"] += 1
        elif outcomes is None:
            tally["unpublished"] += 1
        else:
            tally["published"] += 1
            tally.update(outcomes)
    every = {p: sum((cells[team][p] for team in cells), Counter()) for p in periods}

    def row(team: str, tallies: Mapping[str, Counter[str]]) -> dict[str, Any]:
        return {"team": team, "periods": [_period_cell(p, tallies[p], settings) for p in periods]}

    return {
        "periods": list(periods),
        "teams": [row(team, cells[team]) for team in sorted(cells)],
        "total": row("(all teams)", every),
    }


def _period_cell(period: str, tally: Counter[str], settings: Settings) -> dict[str, Any]:
    cell = _closure_row("", tally, settings)
    del cell["team"]
    counts = {name: tally[name] for name in ("published", "unpublished", "drafts")}
    return {"period": period, **counts, **cell, "empty": _empty_reason(cell, counts)}


def _empty_reason(cell: Mapping[str, Any], counts: Mapping[str, int]) -> str | None:
    """Why a cell has no rate: the first of these that holds, None when it has one."""
    if cell["rate"] is not None:
        return None
    if cell["pending"]:
        return "window_open"
    if counts["published"]:
        return "no_follow_ups"
    if counts["unpublished"]:
        return "not_published"
    return "only_drafts" if counts["drafts"] else "no_postmortems"


def _closure_outcome(item: Mapping[str, Any], deadline: dt.date, today: dt.date) -> str:
    """In window, late, without a date or not closed: from the tracker when the follow-up's
    ticket was read (``reports.tickets``), on its closed date, else the document's."""
    if today <= deadline:
        return "pending"
    if "ticket_state" in item:
        if item["ticket_state"] != "closed":
            return "not_closed"
        closed = calendar_date(item.get("ticket_closed") or item.get("closed"))
    elif item.get("status") not in CLOSED_STATUSES:
        return "not_closed"
    else:
        closed = calendar_date(item.get("closed"))
    if closed is None:
        return "closed_without_date"
    return "closed_in_window" if closed <= deadline else "closed_late"


def _closure_row(
    team: str, counts: Counter[str], settings: Settings, tracked: bool = False
) -> dict[str, Any]:
    """One team's closure; ``from_tracker`` (how many were judged from the tracker) only
    when a ticket snapshot judged any, so reports without one stay as they were."""
    parts = ("closed_in_window", "closed_late", "closed_without_date", "not_closed")
    eligible = sum(counts[part] for part in parts)
    closure_rate = rate(counts["closed_in_window"], eligible)
    return {
        "team": team,
        "eligible": eligible,
        **{part: counts[part] for part in parts},
        "pending": counts["pending"],
        **({"from_tracker": counts["from_tracker"]} if tracked else {}),
        "rate": closure_rate,
        "below_target": closure_rate is not None and closure_rate < settings.closure_target,
    }
