"""The six figures a review reads first, each against its target and the period before.

Built from the computed report (so they cannot disagree with its tables) plus
two looks back in time the tables do not hold: follow-ups overdue and
postmortems past the SLO at the end of the previous period. Definitions are in
docs/metrics.md ("Headline figures").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pmlint.days import business_days_between
from pmlint.reports import overdue
from pmlint.reports.periods import Grouping, period_of, period_start
from pmlint.reports.records import Postmortem

#: The order a page shows them in.
KEYS = (
    "closure_rate",
    "overdue_now",
    "slo_within",
    "slo_backlog",
    "apparatus_updates",
    "eval_follow_ups",
)


def previous_day(today: dt.date, group: Grouping) -> dt.date:
    """The last day of the period before the reference day's: "at the end of last quarter"."""
    return period_start(today, group) - dt.timedelta(days=1)


Row = Mapping[str, Any]


def _latest(rows: Sequence[Row], has_data: Callable[[Row], bool]) -> int:
    """Index of the latest row with data (the last row when none has any); -1 when no rows."""
    found = [index for index, row in enumerate(rows) if has_data(row)]
    return found[-1] if found else len(rows) - 1


def _per_period(
    rows: Sequence[Mapping[str, Any]],
    has_data: Callable[[Mapping[str, Any]], bool],
    value: Callable[[Mapping[str, Any]], Any],
) -> dict[str, Any]:
    """This period (the latest with data) and the one before it, with their values."""
    index = _latest(rows, has_data)
    this = rows[index] if index >= 0 else None
    before = rows[index - 1] if index >= 1 else None
    return {
        "measured": "per_period",
        "period": this["period"] if this else None,
        "value": value(this) if this else None,
        "previous_period": before["period"] if before else None,
        "previous": value(before) if before else None,
        "_row": this,
    }


def _closure(report: Mapping[str, Any]) -> dict[str, Any]:
    target = report["settings"]["closure_target"]
    rows = report["closure_by_period"]["total"]["periods"]
    figure = _per_period(rows, lambda r: r["eligible"] > 0, lambda r: r["rate"])
    row = figure.pop("_row") or {}
    period = figure["period"]
    below = [
        team["team"]
        for team in report["closure_by_period"]["teams"]
        for cell in team["periods"]
        if cell["period"] == period and cell["below_target"]
    ]
    return {
        **figure,
        "unit": "rate",
        "count": row.get("closed_in_window"),
        "of": row.get("eligible"),
        "empty": row.get("empty"),
        "target": target,
        "better": "higher",
        "meets_target": None if figure["value"] is None else figure["value"] >= target,
        "teams_below_target": below,
    }


def _slo_within(report: Mapping[str, Any]) -> dict[str, Any]:
    rows = report["slo"]["periods"]
    figure = _per_period(rows, lambda r: r["published"] > 0, lambda r: r["rate"])
    row = figure.pop("_row") or {}
    return {
        **figure,
        "unit": "rate",
        "count": row.get("within"),
        "of": row.get("published"),
        "target": 1.0,
        "better": "higher",
        "meets_target": None if figure["value"] is None else figure["value"] >= 1.0,
    }


def _apparatus(report: Mapping[str, Any], kind: str) -> dict[str, Any]:
    kinds = report["apparatus"]["kinds"]

    def value(row: Mapping[str, Any]) -> int:
        return sum(row[name] for name in kinds) if kind == "apparatus_updates" else row[kind]

    figure = _per_period(report["apparatus"]["periods"], lambda r: r["postmortems"] > 0, value)
    del figure["_row"]
    return {**figure, "unit": "count", "target": None, "better": "higher"}


def _covered(figure: dict[str, Any], count: int, of: int) -> dict[str, Any]:
    """``count`` of ``of`` postmortems meet the figure's target (every one should)."""
    return {**figure, "count": count, "of": of, "meets_target": count == of if of else None}


def _eval_gaps(
    finished: Sequence[Postmortem], period: str | None, group: Grouping
) -> tuple[int, int]:
    """Postmortems of ``period`` whose eval delta names a gap: backed by an eval follow-up, all."""
    named = [
        pm
        for pm in finished
        if (day := pm.day("date")) is not None
        and period_of(day, group) == period
        and pm.names_eval_gap
    ]
    backed = sum(any(f.get("type") == "eval" for f in pm.follow_ups) for pm in named)
    return backed, len(named)


def _on_day(today: dt.date, before: dt.date, now: int, then: int) -> dict[str, Any]:
    return {
        "measured": "on_day",
        "period": today.isoformat(),
        "value": now,
        "previous_period": before.isoformat(),
        "previous": then,
        "unit": "count",
        "target": 0,
        "better": "lower",
        "meets_target": now == 0,
    }


def _unpublished_past_slo(
    postmortems: Sequence[Postmortem],
    day: dt.date,
    allowed: Callable[[str | None], int],
    holidays: frozenset[dt.date],
) -> int:
    """The SLO backlog as it stood on ``day``: resolved, not yet published then, past the SLO."""
    count = 0
    for pm in postmortems:
        resolved, published = pm.day("resolved"), pm.day("published")
        if resolved is None or resolved > day:
            continue
        if pm.status == "published" and (published is None or published <= day):
            continue
        count += business_days_between(resolved, day, holidays) > allowed(pm.text("severity"))
    return count


def build(
    report: Mapping[str, Any],
    in_period: Sequence[Postmortem],
    allowed: Callable[[str | None], int],
    holidays: frozenset[dt.date],
) -> dict[str, Any]:
    """The headline figures of a computed report, keyed as in ``KEYS``."""
    today = dt.date.fromisoformat(report["settings"]["today"])
    group: Grouping = report["settings"]["group"]
    before = previous_day(today, group)
    finished = [pm for pm in in_period if pm.status != "draft"]
    updates = _apparatus(report, "apparatus_updates")
    row: Row = next(
        (r for r in report["apparatus"]["periods"] if r["period"] == updates["period"]), {}
    )
    postmortems = row.get("postmortems", 0)
    evals = _apparatus(report, "eval_follow_ups")
    backlog_then = _unpublished_past_slo(in_period, before, allowed, holidays)
    return {
        "closure_rate": _closure(report),
        "overdue_now": _on_day(
            today, before, report["overdue"]["total"], overdue.count_on(finished, before)
        ),
        "slo_within": _slo_within(report),
        "slo_backlog": _on_day(today, before, len(report["slo"]["backlog"]), backlog_then),
        "apparatus_updates": _covered(
            updates, postmortems - row.get("without_updates", 0), postmortems
        ),
        "eval_follow_ups": _covered(evals, *_eval_gaps(finished, evals["period"], group)),
    }
