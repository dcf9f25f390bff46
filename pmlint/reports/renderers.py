"""Render a computed report (pmlint.reports.metrics.compute) as text, JSON, CSV or Markdown.

Every format reads the same tables, built once from the report, so the numbers
cannot differ between a terminal, a job summary and a spreadsheet. The HTML
dashboard (pmlint.reports.dashboard) draws charts from the same tables.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pmlint.reports import review, tables
from pmlint.reports.layout import percent, report_tables
from pmlint.reports.tables import Cell, Table
from pmlint.version import __version__


def people_tables(report: Mapping[str, Any]) -> list[Table]:
    """The headline first, closure per team then per period, who owes what, then the rest."""
    closure, *rest = report_tables(report)
    return [
        review.headline_table(report),
        closure,
        review.closure_period_table(report),
        review.overdue_table(report),
        *rest,
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
        f"{review.plural(inputs['in_period'], 'postmortem')} from {span} "
        f"({review.plural(inputs['drafts'], 'draft')}), "
        f"by {settings['group']}, as of {settings['today']}; "
        f"{inputs['outside_period']} outside the period, {inputs['undated']} without a date, "
        f"{review.plural(len(inputs['skipped']), 'file')} skipped"
    )


def render_text(report: Mapping[str, Any]) -> str:
    parts = [f"pmlint report: {_scope(report)}\n"]
    parts += [tables.text(_shown(table)) for table in people_tables(report)]
    return "\n".join(parts)


def render_markdown(report: Mapping[str, Any]) -> str:
    parts = [f"# Postmortem report\n\n{_scope(report)}.\n"]
    for table in people_tables(report):
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
    rows += review.csv_rows(report)
    return tables.csv_text(("table", "key", "column", "value"), rows)


def render_html(report: Mapping[str, Any], links_from: Path = Path(".")) -> str:
    """The dashboard; links to postmortems are relative to ``links_from``, the page's folder."""
    from pmlint.reports import dashboard  # pygal is only imported when a dashboard is asked for

    return dashboard.render(report, links_from)


RENDERERS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "text": render_text,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
    "html": render_html,
}
