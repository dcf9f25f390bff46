"""Render a computed report (pmlint.reports.metrics.compute) as text, JSON, CSV or Markdown.

Every format reads the same tables, built once from the report, so the numbers
cannot differ between a terminal, a job summary and a spreadsheet. The HTML
dashboard (pmlint.reports.dashboard) draws charts from the same tables.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from pmlint import __version__
from pmlint.reports import tables
from pmlint.reports.tables import Cell, Table


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.1f}%"


def closure_table(report: Mapping[str, Any]) -> Table:
    closure = report["closure"]
    target = report["settings"]["closure_target"]
    rows = [
        (
            row["team"],
            row["eligible"],
            row["closed_in_window"],
            row["closed_late"],
            row["closed_without_date"],
            row["not_closed"],
            row["pending"],
            row["rate"],
            "BELOW TARGET" if row["below_target"] else "",
        )
        for row in [*closure["teams"], closure["total"]]
    ]
    return Table(
        f"Follow-up closure within {report['settings']['closure_days']} days of publication "
        f"(target {percent(target)})",
        (
            "team",
            "eligible",
            "closed in window",
            "closed late",
            "closed, no date",
            "not closed",
            "window open",
            "rate",
            "flag",
        ),
        tuple(rows),
        "closure",
    )


def slo_table(report: Mapping[str, Any]) -> Table:
    slo = report["slo"]
    rows = [(r["period"], r["published"], r["within"], r["rate"]) for r in slo["periods"]]
    total = slo["total"]
    rows.append(("(all periods)", total["published"], total["within"], total["rate"]))
    return Table(
        "Postmortem SLO: published within the SLO's business days after 'resolved'",
        ("period", "published", "within SLO", "rate"),
        tuple(rows),
        "slo",
    )


def backlog_table(report: Mapping[str, Any]) -> Table:
    slo = report["slo"]
    rows = [
        (
            r["id"],
            r["team"],
            r["status"],
            r["resolved"],
            r["business_days"],
            r["allowed"],
            r["path"],
        )
        for r in slo["backlog"]
    ]
    return Table(
        f"SLO backlog: unpublished past the SLO ({slo['unpublished_within_slo']} unpublished "
        f"still within it, {slo['without_resolved']} without 'resolved')",
        ("id", "team", "status", "resolved", "business days", "allowed", "path"),
        tuple(rows),
        "slo_backlog",
    )


def causes_table(report: Mapping[str, Any], kind: str) -> Table:
    causes = report["causes"]
    names = causes["categories"]
    rows = [(r["period"], *(r[kind][name] for name in names)) for r in causes["periods"]]
    return Table(f"Cause categories ({kind})", ("period", *names), tuple(rows), f"causes_{kind}")


def apparatus_table(report: Mapping[str, Any]) -> Table:
    apparatus = report["apparatus"]
    names = ("postmortems", *apparatus["kinds"], "without_updates", "eval_follow_ups")
    rows = [(r["period"], *(r[n] for n in names)) for r in apparatus["periods"]]
    rows.append(("(all periods)", *(apparatus["total"][n] for n in names)))
    headers = [name.replace("_", " ") for name in names]
    title = "Apparatus updates recorded, by kind, and eval follow-ups"
    return Table(title, ("period", *headers), tuple(rows), "apparatus")


def severity_table(report: Mapping[str, Any]) -> Table:
    severity = report["severity"]
    levels = severity["severities"]
    rows = [
        (
            r["period"],
            r["postmortems"],
            *(r["counts"][level] for level in levels),
            r["mean_minutes_to_contain"],
        )
        for r in [*severity["periods"], severity["total"]]
    ]
    return Table(
        "Severity mix and mean time to contain (minutes, from 'duration')",
        ("period", "postmortems", *levels, "mean minutes to contain"),
        tuple(rows),
        "severity",
    )


def report_tables(report: Mapping[str, Any]) -> list[Table]:
    return [
        closure_table(report),
        slo_table(report),
        backlog_table(report),
        causes_table(report, "primary"),
        causes_table(report, "contributing"),
        apparatus_table(report),
        severity_table(report),
    ]


def _shown(table: Table) -> Table:
    """Rates as percentages for people; JSON and CSV keep fractions."""
    rate_columns = {i for i, name in enumerate(table.columns) if name == "rate"}
    rows = tuple(
        tuple(percent(v) if i in rate_columns else v for i, v in enumerate(row))  # type: ignore[arg-type]
        for row in table.rows
    )
    return Table(table.title, table.columns, rows, table.name)


def _scope(report: Mapping[str, Any]) -> str:
    settings, inputs = report["settings"], report["inputs"]
    span = f"{settings['since'] or 'the first incident'} to {settings['until'] or 'the last'}"
    return (
        f"{inputs['in_period']} postmortems from {span} ({inputs['drafts']} drafts), "
        f"by {settings['group']}, as of {settings['today']}; "
        f"{inputs['outside_period']} outside the period, {inputs['undated']} without a date, "
        f"{len(inputs['skipped'])} unreadable"
    )


def render_text(report: Mapping[str, Any]) -> str:
    parts = [f"pmlint report: {_scope(report)}\n"]
    parts += [tables.text(_shown(table)) for table in report_tables(report)]
    return "\n".join(parts)


def render_markdown(report: Mapping[str, Any]) -> str:
    parts = [f"# Postmortem report\n\n{_scope(report)}.\n"]
    for table in report_tables(report):
        parts.append(f"## {table.title}\n\n{tables.markdown(_shown(table))}")
    return "\n".join(parts)


def render_json(report: Mapping[str, Any]) -> str:
    document = {"tool": {"name": "pmlint", "version": __version__}, **report}
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def render_csv(report: Mapping[str, Any]) -> str:
    """Long format: one value per row, ``table, key, column, value``."""
    rows: list[tuple[Cell, ...]] = []
    for table in report_tables(report):
        for row in table.rows:
            for column, value in zip(table.columns[1:], row[1:], strict=True):
                rows.append((table.name, row[0], column, value))
    return tables.csv_text(("table", "key", "column", "value"), rows)


def render_html(report: Mapping[str, Any]) -> str:
    from pmlint.reports import dashboard  # pygal is only imported when a dashboard is asked for

    return dashboard.render(report)


RENDERERS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "text": render_text,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
    "html": render_html,
}
