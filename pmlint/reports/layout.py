"""A computed report laid out as tables: one per metric, built once from the report.

The text, Markdown, JSON and CSV renderers (pmlint.reports.renderers) and the
HTML dashboard (pmlint.reports.dashboard) all read these tables, so the numbers
cannot differ between a terminal, a job summary, a spreadsheet and a chart.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pmlint.reports.tables import Table


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.1f}%"


def closure_table(report: Mapping[str, Any]) -> Table:
    closure = report["closure"]
    target = report["settings"]["closure_target"]
    tracked = "from_tracker" in closure["total"]  # a ticket snapshot judged some follow-ups
    rows = [
        (
            row["team"],
            row["eligible"],
            row["closed_in_window"],
            row["closed_late"],
            row["closed_without_date"],
            row["not_closed"],
            row["pending"],
            *([row["from_tracker"]] if tracked else []),
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
            *(["from tracker"] if tracked else []),
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
