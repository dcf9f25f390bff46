"""The numbers a postmortem review looks at, computed from loaded postmortems.

Pure functions over a list of records and the report's settings: no I/O, no
rendering. Each metric's exact definition is in docs/metrics.md; the results
are plain JSON values (rates are fractions in [0, 1], ``None`` when nothing
was counted) in a fixed order, so every format renders the same numbers.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pmlint.days import business_days_between, calendar_date, duration_minutes
from pmlint.reading.vocabulary import APPARATUS_KINDS, CLOSED_STATUSES, SEVERITIES, TAXONOMY
from pmlint.reports import headline, overdue
from pmlint.reports.periods import Grouping, period_of, periods_between
from pmlint.reports.records import Postmortem

REPORT_VERSION = 1


@dataclass(frozen=True)
class Settings:
    """What a report is computed over; every field is echoed in the JSON report."""

    today: dt.date
    since: dt.date | None = None
    until: dt.date | None = None
    group: Grouping = "quarter"
    closure_days: int = 30
    closure_target: float = 0.8
    slo_business_days: int = 5
    slo_business_days_by_severity: Mapping[str, int] = field(default_factory=dict)
    holidays: frozenset[dt.date] = frozenset()
    severities: tuple[str, ...] = SEVERITIES

    def slo_days(self, severity: str | None) -> int:
        if severity is not None and severity in self.slo_business_days_by_severity:
            return self.slo_business_days_by_severity[severity]
        return self.slo_business_days


def rate(numerator: int, denominator: int) -> float | None:
    """A fraction rounded to 4 places, or None when the denominator is zero."""
    return round(numerator / denominator, 4) if denominator else None


def roll_up(category: object) -> str | None:
    """``retrieval/stale-index`` counts as ``retrieval``."""
    if not isinstance(category, str) or not category.strip():
        return None
    return category.strip().split("/", 1)[0]


@dataclass(frozen=True)
class Selection:
    """The postmortems a report covers, split the way every metric needs them."""

    in_period: list[Postmortem]  # incident date within since..until, drafts included
    undated: int  # no valid incident `date`: in no period
    outside: int  # dated outside since..until

    @property
    def finished(self) -> list[Postmortem]:
        """Not drafts: their content is complete enough to count."""
        return [pm for pm in self.in_period if pm.status != "draft"]

    @property
    def drafts(self) -> int:
        return sum(pm.status == "draft" for pm in self.in_period)


def select(postmortems: Iterable[Postmortem], settings: Settings) -> Selection:
    """Postmortems whose incident ``date`` is within ``since``..``until`` (inclusive)."""
    chosen: list[Postmortem] = []
    undated = outside = 0
    for pm in postmortems:
        day = pm.day("date")
        if day is None:
            undated += 1
        elif (settings.since and day < settings.since) or (settings.until and day > settings.until):
            outside += 1
        else:
            chosen.append(pm)
    return Selection(chosen, undated, outside)


def report_periods(selection: Selection, settings: Settings) -> list[str]:
    """From ``since`` (or the earliest incident) to ``until`` (or the latest)."""
    days = [day for pm in selection.in_period if (day := pm.day("date")) is not None]
    first = settings.since or (min(days) if days else None)
    last = settings.until or (max(days) if days else None)
    if first is None or last is None or first > last:
        return []
    return periods_between(first, last, settings.group)


def _period(pm: Postmortem, settings: Settings) -> str:
    day = pm.day("date")
    assert day is not None  # selected postmortems are dated
    return period_of(day, settings.group)


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
        tally = cells.setdefault(pm.team, {p: Counter() for p in periods})[_period(pm, settings)]
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


def slo(selection: Selection, periods: Sequence[str], settings: Settings) -> dict[str, Any]:
    """Share of postmortems published within the SLO, and drafts already past it.

    Business days are counted from ``resolved``'s calendar date, skipping
    weekends and holidays; exactly the SLO's number of days is within.
    """
    published: dict[str, Counter[str]] = {period: Counter() for period in periods}
    backlog: list[dict[str, Any]] = []
    waiting = no_resolved = 0
    for pm in selection.in_period:
        resolved = pm.day("resolved")
        if resolved is None:
            no_resolved += 1
            continue
        severity = pm.text("severity")
        allowed = settings.slo_days(severity)
        done = pm.day("published")
        if pm.status == "published" and done is not None:
            taken = business_days_between(resolved, done, settings.holidays)
            tally = published[_period(pm, settings)]
            tally["published"] += 1
            tally["within"] += taken <= allowed
        elif pm.status != "published":
            taken = business_days_between(resolved, settings.today, settings.holidays)
            if taken <= allowed:
                waiting += 1
                continue
            backlog.append(
                {
                    "id": pm.id,
                    "team": pm.team,
                    "severity": severity,
                    "status": pm.status,
                    "resolved": resolved.isoformat(),
                    "business_days": taken,
                    "allowed": allowed,
                    "path": pm.path,
                }
            )
    rows = [{"period": period, **_within_slo(tally)} for period, tally in published.items()]
    return {
        "periods": rows,
        "total": _within_slo(sum(published.values(), Counter())),
        "backlog": sorted(backlog, key=lambda row: (-row["business_days"], row["id"], row["path"])),
        "unpublished_within_slo": waiting,
        "without_resolved": no_resolved,
    }


def _within_slo(tally: Counter[str]) -> dict[str, Any]:
    """How many were published, how many of them within the SLO, and the rate."""
    published, within = tally["published"], tally["within"]
    return {"published": published, "within": within, "rate": rate(within, published)}


def _ordered(counts: Counter[str], known: Sequence[str]) -> list[str]:
    """Known names in their order, then any others alphabetically."""
    return [name for name in known if name in counts] + sorted(set(counts) - set(known))


def causes(
    finished: Sequence[Postmortem], periods: Sequence[str], settings: Settings
) -> dict[str, Any]:
    """Primary and contributing cause categories per period, sub-categories rolled up.

    A contributing category is counted once per postmortem however many of its
    sub-categories are listed.
    """
    primary = {period: Counter[str]() for period in periods}
    contributing = {period: Counter[str]() for period in periods}
    for pm in finished:
        period = _period(pm, settings)
        cause = pm.front_matter.get("cause")
        cause = cause if isinstance(cause, Mapping) else {}
        if (category := roll_up(cause.get("primary"))) is not None:
            primary[period][category] += 1
        listed = cause.get("contributing")
        listed = listed if isinstance(listed, list) else []
        contributing[period].update({c for item in listed if (c := roll_up(item)) is not None})
    every = sum((*primary.values(), *contributing.values()), Counter())
    categories = _ordered(every, TAXONOMY)
    return {
        "categories": categories,
        "periods": [
            {
                "period": period,
                "primary": {name: primary[period][name] for name in categories},
                "contributing": {name: contributing[period][name] for name in categories},
            }
            for period in periods
        ],
    }


def apparatus(
    finished: Sequence[Postmortem], periods: Sequence[str], settings: Settings
) -> dict[str, Any]:
    """Apparatus updates that record a change, by kind, and eval follow-ups, per period."""
    tallies = {period: Counter[str]() for period in periods}
    for pm in finished:
        tally = tallies[_period(pm, settings)]
        tally["postmortems"] += 1
        changes = [u for u in pm.apparatus_updates if u.get("records_change") is True]
        tally.update(str(u.get("kind")) for u in changes if u.get("kind") in APPARATUS_KINDS)
        tally["without_updates"] += not changes
        tally["eval_follow_ups"] += sum(item.get("type") == "eval" for item in pm.follow_ups)
    names = ("postmortems", *APPARATUS_KINDS, "without_updates", "eval_follow_ups")
    rows = [{"period": p, **{name: tallies[p][name] for name in names}} for p in periods]
    total = {name: sum(tallies[p][name] for p in periods) for name in names}
    return {"kinds": list(APPARATUS_KINDS), "periods": rows, "total": total}


def severity(
    finished: Sequence[Postmortem], periods: Sequence[str], settings: Settings
) -> dict[str, Any]:
    """Incidents per severity and mean time to contain (from ``duration``), per period."""
    counts = {period: Counter[str]() for period in periods}
    minutes: dict[str, list[int]] = {period: [] for period in periods}
    for pm in finished:
        period = _period(pm, settings)
        counts[period][pm.text("severity") or "(none)"] += 1
        if (value := duration_minutes(pm.front_matter.get("duration"))) is not None:
            minutes[period].append(value)
    levels = _ordered(sum(counts.values(), Counter()), settings.severities)

    def row(label: str, tally: Counter[str], durations: list[int]) -> dict[str, Any]:
        mean = round(sum(durations) / len(durations), 1) if durations else None
        return {
            "period": label,
            "postmortems": sum(tally.values()),
            "counts": {level: tally[level] for level in levels},
            "with_duration": len(durations),
            "mean_minutes_to_contain": mean,
        }

    rows = [row(period, counts[period], minutes[period]) for period in periods]
    total = row(
        "(all periods)",
        sum(counts.values(), Counter()),
        [value for values in minutes.values() for value in values],
    )
    return {"severities": levels, "periods": rows, "total": total}


def compute(
    postmortems: Sequence[Postmortem], settings: Settings, skipped: Sequence[Mapping[str, str]] = ()
) -> dict[str, Any]:
    """Every metric over ``postmortems``: the JSON report, before rendering."""
    selection = select(postmortems, settings)
    periods = report_periods(selection, settings)
    finished = selection.finished
    report: dict[str, Any] = {
        "version": REPORT_VERSION,
        "settings": {
            "today": settings.today.isoformat(),
            "since": settings.since.isoformat() if settings.since else None,
            "until": settings.until.isoformat() if settings.until else None,
            "group": settings.group,
            "closure_days": settings.closure_days,
            "closure_target": settings.closure_target,
            "slo_business_days": settings.slo_business_days,
            "slo_business_days_by_severity": dict(
                sorted(settings.slo_business_days_by_severity.items())
            ),
            "holidays": sorted(day.isoformat() for day in settings.holidays),
        },
        "inputs": {
            "postmortems": len(postmortems),
            "in_period": len(selection.in_period),
            "drafts": selection.drafts,
            "outside_period": selection.outside,
            "undated": selection.undated,
            "skipped": [dict(item) for item in skipped],
        },
        "periods": periods,
        "closure": closure(finished, settings),
        "closure_by_period": closure_by_period(selection, periods, settings),
        "slo": slo(selection, periods, settings),
        "causes": causes(finished, periods, settings),
        "apparatus": apparatus(finished, periods, settings),
        "severity": severity(finished, periods, settings),
        "overdue": overdue.by_owner(finished, settings.today),
    }
    report["headline"] = headline.build(
        report, selection.in_period, settings.slo_days, settings.holidays
    )
    return report
