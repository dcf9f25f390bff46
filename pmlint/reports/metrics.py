"""The numbers a postmortem review looks at, computed from loaded postmortems.

Pure functions over a list of records and the report's settings: no I/O, no
rendering. Each metric's exact definition is in docs/metrics.md; the results
are plain JSON values (rates are fractions in [0, 1], ``None`` when nothing
was counted) in a fixed order, so every format renders the same numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from pmlint.days import business_days_between, duration_minutes
from pmlint.reading.vocabulary import APPARATUS_KINDS, TAXONOMY
from pmlint.reports import headline, overdue
from pmlint.reports.closure import closure, closure_by_period
from pmlint.reports.records import Postmortem
from pmlint.reports.selection import (
    Selection,
    Settings,
    incident_period,
    rate,
    report_periods,
    select,
)

REPORT_VERSION = 1


def roll_up(category: object) -> str | None:
    """``retrieval/stale-index`` counts as ``retrieval``."""
    if not isinstance(category, str) or not category.strip():
        return None
    return category.strip().split("/", 1)[0]


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
            tally = published[incident_period(pm, settings)]
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
        period = incident_period(pm, settings)
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
        tally = tallies[incident_period(pm, settings)]
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
        period = incident_period(pm, settings)
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
