"""What a quarterly review reads first, as tables: headline figures, closure per team per
period, overdue follow-ups by owner; and how figures read for people.

The text, Markdown and HTML reports show these words; CSV gets the raw
numbers of the same rows, so a spreadsheet and a page cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pmlint.reports.headline import KEYS
from pmlint.reports.layout import percent
from pmlint.reports.tables import Cell, Table

LABELS = {
    "closure_rate": "Follow-ups closed within {days} days",
    "overdue_now": "Follow-ups overdue now",
    "slo_within": "Postmortems published within the SLO",
    "slo_backlog": "Postmortems past the SLO, unpublished",
    "apparatus_updates": "Apparatus updates recorded",
    "eval_follow_ups": "Eval follow-ups",
}


def duration(minutes: float | None) -> str:
    """``14h 50m`` rather than 890.2 minutes; ``3d 2h`` from a day up."""
    if minutes is None:
        return "-"
    whole = round(minutes)
    days, rest = divmod(whole, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h" if hours else f"{days}d"
    return f"{hours}h {mins}m" if hours else f"{mins}m"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def label(report: Mapping[str, Any], key: str) -> str:
    return LABELS[key].format(days=report["settings"]["closure_days"])


def value_text(figure: Mapping[str, Any], value: Any = None, *, current: bool = True) -> str:
    """``60.0% (6 of 10)`` for a rate, the number for a count."""
    shown = figure["value"] if current else value
    if figure["unit"] != "rate":
        return "-" if shown is None else str(shown)
    if current and figure.get("of"):
        return f"{percent(shown)} ({figure['count']} of {figure['of']})"
    return percent(shown)


def target_text(report: Mapping[str, Any], key: str, figure: Mapping[str, Any]) -> str:
    if key == "closure_rate":
        return f"at least {percent(figure['target'])}"
    if key == "slo_within":
        return "all (100%)"
    if key == "apparatus_updates":
        return f"one per postmortem ({figure['count']} of {figure['of']} have one)"
    if key == "eval_follow_ups":
        return f"one per eval gap ({figure['count']} of {figure['of']} gaps backed)"
    return "0"


def status_text(figure: Mapping[str, Any]) -> str:
    met = figure["meets_target"]
    return "-" if met is None else ("on target" if met else "OFF TARGET")


def empty_text(cell: Mapping[str, Any], group: str) -> str:
    """Why a closure cell has no rate, with the count behind it."""
    reason = cell["empty"]
    if reason == "window_open":
        return f"window still open ({plural(cell['pending'], 'follow-up')})"
    if reason == "only_drafts":
        return f"only drafts this {group} ({plural(cell['drafts'], 'draft')})"
    if reason == "not_published":
        drafts = f", {plural(cell['drafts'], 'draft')}" if cell["drafts"] else ""
        return f"not yet published ({cell['unpublished']} in review{drafts})"
    if reason == "no_follow_ups":
        return f"no follow-ups ({plural(cell['published'], 'postmortem')})"
    return "no postmortems"


def cell_text(cell: Mapping[str, Any], group: str) -> str:
    if cell["rate"] is None:
        return empty_text(cell, group)
    flag = " BELOW" if cell["below_target"] else ""
    return f"{percent(cell['rate'])} ({cell['closed_in_window']}/{cell['eligible']}){flag}"


def headline_table(report: Mapping[str, Any]) -> Table:
    figures = report["headline"]
    rows: list[tuple[Cell, ...]] = []
    for key in KEYS:
        figure = figures[key]
        before = value_text(figure, figure["previous"], current=False)
        at = "on" if figure["measured"] == "on_day" else "in"
        rows.append(
            (
                label(report, key),
                f"{value_text(figure)} {at} {figure['period'] or '-'}",
                f"{before} {at} {figure['previous_period'] or '-'}",
                target_text(report, key, figure),
                status_text(figure),
            )
        )
    return Table(
        "Headline", ("figure", "now", "before", "target", "status"), tuple(rows), "headline"
    )


def closure_period_table(report: Mapping[str, Any]) -> Table:
    by_period = report["closure_by_period"]
    group = report["settings"]["group"]
    rows = tuple(
        (row["team"], *(cell_text(cell, group) for cell in row["periods"]))
        for row in [*by_period["teams"], by_period["total"]]
    )
    title = (
        f"Follow-up closure per team per {group} of the incident "
        f"(BELOW: under {percent(report['settings']['closure_target'])})"
    )
    return Table(title, ("team", *by_period["periods"]), rows, "closure_by_period")


_OVERDUE_COLUMNS = ("owner", "action", "incident", "team", "due", "days overdue", "ticket")


def overdue_table(report: Mapping[str, Any]) -> Table:
    overdue = report["overdue"]
    rows = tuple(
        (
            owner["owner"],
            f["action"],
            f["incident"],
            f["team"],
            f["due"],
            f["days_overdue"],
            f["ticket"],
        )
        for owner in overdue["owners"]
        for f in owner["follow_ups"]
    )
    title = f"Overdue follow-ups by owner on {overdue['as_of']} ({overdue['total']})"
    return Table(title, _OVERDUE_COLUMNS, rows, "overdue")


def csv_rows(report: Mapping[str, Any]) -> list[tuple[Cell, ...]]:
    """``table, key, column, value`` rows of the headline, closure per period and overdue."""
    return [*_headline_csv(report), *_closure_csv(report), *_overdue_csv(report)]


def _flag(value: bool | None) -> str | None:
    return None if value is None else str(value).lower()


def _headline_csv(report: Mapping[str, Any]) -> list[tuple[Cell, ...]]:
    found: list[tuple[Cell, ...]] = []
    columns = ("period", "value", "count", "of", "previous_period", "previous", "target")
    for key in KEYS:
        figure = report["headline"][key]
        found += [("headline", key, column, figure.get(column)) for column in columns]
        found.append(("headline", key, "meets_target", _flag(figure["meets_target"])))
    return found


def _closure_csv(report: Mapping[str, Any]) -> list[tuple[Cell, ...]]:
    found: list[tuple[Cell, ...]] = []
    fields = ("eligible", "closed_in_window", "pending", "drafts", "unpublished", "rate", "empty")
    by_period = report["closure_by_period"]
    for row in [*by_period["teams"], by_period["total"]]:
        for cell in row["periods"]:
            where = ("closure_by_period", row["team"])
            found += [(*where, f"{cell['period']} {name}", cell[name]) for name in fields]
            found.append((*where, f"{cell['period']} below_target", _flag(cell["below_target"])))
    return found


def _overdue_csv(report: Mapping[str, Any]) -> list[tuple[Cell, ...]]:
    found: list[tuple[Cell, ...]] = []
    columns = ("action", "incident", "team", "due", "days_overdue", "ticket")
    for owner in report["overdue"]["owners"]:
        for item in owner["follow_ups"]:
            key = f"{item['path']}#{item['position']}"
            found.append(("overdue", key, "owner", owner["owner"]))
            found += [("overdue", key, column, item[column]) for column in columns]
    return found
