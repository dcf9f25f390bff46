"""The report as one self-contained HTML page a manager reads in ten seconds.

Headline figures first (each against its target and the period before), then
closure per team per period beside who owes what, then the charts and every
table. Nothing is fetched when it opens: no script, stylesheet or font from
outside. Every value from a postmortem is escaped; only http(s) tickets become
links, and links to postmortems are relative to the page.
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from pmlint.reports import charts, review, tables
from pmlint.reports.headline import KEYS
from pmlint.reports.layout import percent, report_tables
from pmlint.reports.page_style import CSS
from pmlint.reports.review import duration
from pmlint.version import __version__


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _arrow(figure: Mapping[str, Any]) -> str:
    """How the figure moved since the period before, in words (not only in colour)."""
    now, before = figure["value"], figure["previous"]
    if now is None or before is None:
        return f"no figure for {_e(figure['previous_period'] or 'the period before')}"
    shown = review.value_text(figure, before, current=False)
    at = "on" if figure["measured"] == "on_day" else "in"
    if now == before:
        move = "unchanged from"
    else:
        good = (now > before) == (figure["better"] == "higher")
        way = "&#9650; up" if now > before else "&#9660; down"
        move = f"{way} ({'better' if good else 'worse'}) from"
    return f"{move} {_e(shown)} {at} {_e(figure['previous_period'])}"


def _figure_card(report: Mapping[str, Any], key: str) -> str:
    figure = report["headline"][key]
    value = figure["value"]
    shown = (
        (percent(value) if figure["unit"] == "rate" else str(value)) if value is not None else "-"
    )
    met = figure["meets_target"]
    status = {True: ("on", "&#10003; on target"), False: ("off", "&#10007; off target")}.get(
        met, ("none", "nothing to judge yet")
    )
    at = "on" if figure["measured"] == "on_day" else "in"
    detail = f"{at} {figure['period'] or '-'}"
    if figure["unit"] == "rate" and figure.get("of"):
        detail = f"{figure['count']} of {figure['of']}, {detail}"
    if key == "closure_rate" and figure.get("empty"):
        detail += f" ({figure['empty'].replace('_', ' ')})"
    return (
        f'<div class="figure {status[0]}" data-figure="{key}">'
        f'<p class="label">{_e(review.label(report, key))}</p>'
        f'<p class="value">{_e(shown)}</p>{_meter(figure)}'
        f'<p class="detail">{_e(detail)}</p>'
        f'<p class="target">Target: {_e(review.target_text(report, key, figure))}. '
        f'<span class="status">{status[1]}</span></p>'
        f'<p class="before">{_arrow(figure)}</p></div>'
    )


def _meter(figure: Mapping[str, Any]) -> str:
    """A rate as a bar with its target marked: how far from the line, at a glance."""
    if figure["unit"] != "rate" or figure["value"] is None:
        return ""
    fill, mark = round(figure["value"] * 100, 1), round(figure["target"] * 100, 1)
    return (
        f'<div class="meter" aria-hidden="true"><span style="width: {fill}%"></span>'
        f'<i style="left: {mark}%"></i></div>'
    )


def _headline(report: Mapping[str, Any]) -> str:
    cards = "".join(_figure_card(report, key) for key in KEYS)
    slipping = report["headline"]["closure_rate"]["teams_below_target"]
    period = report["headline"]["closure_rate"]["period"]
    if slipping:
        rates = {
            row["team"]: cell
            for row in report["closure_by_period"]["teams"]
            for cell in row["periods"]
            if cell["period"] == period
        }
        names = ", ".join(
            f"<strong>{_e(team)}</strong> {percent(rates[team]['rate'])} "
            f"({rates[team]['closed_in_window']} of {rates[team]['eligible']})"
            for team in slipping
        )
        target = percent(report["settings"]["closure_target"])
        note = f"Slipping in {_e(period)}, below the {target} closure target: {names}."
    elif report["headline"]["closure_rate"]["value"] is None:
        note = "No closure rate yet: no follow-up's window has ended."
    else:
        note = f"No team is below the closure target in {_e(period)}."
    return (
        '<section class="headline" aria-labelledby="h-headline">'
        '<h2 id="h-headline" class="visually-hidden">Headline figures</h2>'
        f'<div class="figures">{cards}</div><p class="slipping">{note}</p></section>'
    )


def _closure_grid(report: Mapping[str, Any]) -> str:
    by_period = report["closure_by_period"]
    group = report["settings"]["group"]
    head = "".join(f'<th scope="col">{_e(period)}</th>' for period in by_period["periods"])
    body = []
    for row in [*by_period["teams"], by_period["total"]]:
        cells = []
        for cell in row["periods"]:
            if cell["rate"] is None:
                kind, text = "empty", review.empty_text(cell, group)
            else:
                kind = "below" if cell["below_target"] else "met"
                mark = (
                    ' <span class="mark">&#10007; below target</span>'
                    if cell["below_target"]
                    else ""
                )
                text = f"{percent(cell['rate'])} ({cell['closed_in_window']}/{cell['eligible']})"
                cells.append(f'<td class="{kind}">{_e(text)}{mark}</td>')
                continue
            cells.append(f'<td class="{kind}">{_e(text)}</td>')
        total = ' class="total"' if row is by_period["total"] else ""
        body.append(f'<tr{total}><th scope="row">{_e(row["team"])}</th>{"".join(cells)}</tr>')
    target = percent(report["settings"]["closure_target"])
    return (
        '<section class="panel" aria-labelledby="h-closure-grid">'
        f'<h2 id="h-closure-grid">Closure per team per {_e(group)}</h2>'
        f'<p class="note">Follow-ups closed within {report["settings"]["closure_days"]} days of '
        f"publication, by the {_e(group)} of the incident; target {_e(target)}.</p>"
        f'{_scroll("closure per team")}<table class="grid" data-table="closure_by_period">'
        f'<thead><tr><th scope="col">team</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div></section>"
    )


def _scroll(name: str) -> str:
    """A box a wide table scrolls in on a narrow screen; focusable so a keyboard can scroll it."""
    return f'<div class="scroll" tabindex="0" role="region" aria-label="{_e(name)}">'


def _link(path: str, base: Path, text: str) -> str:
    """A relative link from the page's folder to a postmortem file."""
    target = os.path.relpath(os.path.abspath(path), os.path.abspath(base))
    return f'<a href="{_e(quote(Path(target).as_posix()))}">{_e(text)}</a>'


def _ticket(ticket: str | None) -> str:
    """Only http(s) tickets become links; anything else is shown as text."""
    if not ticket:
        return ""
    parts = urlsplit(ticket.strip())
    if parts.scheme in ("http", "https") and parts.netloc:
        return f'<a href="{_e(ticket.strip())}" rel="noreferrer">{_e(ticket)}</a>'
    return _e(ticket)


def _overdue(report: Mapping[str, Any], base: Path) -> str:
    overdue = report["overdue"]
    rows = []
    for owner in overdue["owners"]:
        items = owner["follow_ups"]
        for index, item in enumerate(items):
            who = (
                f'<th scope="rowgroup" rowspan="{len(items)}">{_e(owner["owner"])}</th>'
                if index == 0
                else ""
            )
            rows.append(
                f"<tr>{who}<td>{_e(item['action'])}</td>"
                f'<td class="id">{_link(item["path"], base, item["incident"] or item["path"])}</td>'
                f'<td class="day">{_e(item["due"])}</td><td class="num">{item["days_overdue"]}</td>'
                f"<td>{_ticket(item['ticket'])}</td></tr>"
            )
    if not rows:
        rows.append('<tr><td colspan="6">No follow-up is overdue.</td></tr>')
    head = "".join(
        f'<th scope="col">{name}</th>'
        for name in ("owner", "action", "incident", "due", "days overdue", "ticket")
    )
    return (
        '<section class="panel" aria-labelledby="h-overdue">'
        f'<h2 id="h-overdue">Who owes what: {overdue["total"]} overdue '
        f"on {_e(overdue['as_of'])}</h2>"
        f'{_scroll("overdue follow-ups")}<table data-table="overdue"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _charts(report: Mapping[str, Any]) -> str:
    figures = []
    for name, draw in charts.CHARTS.items():
        empty = charts.has_data(report, name)
        body = draw(report) if empty is None else f'<p class="empty">{_e(empty)}</p>'
        caption = f"<figcaption>{_e(charts.title(report, name))}</figcaption>"
        figures.append(f'<figure data-chart="{name}">{caption}{body}</figure>')
    return f'<section class="charts" aria-label="Charts">{"".join(figures)}</section>'


def _html_table(table: tables.Table) -> str:
    """A report table; rates as percentages, mean minutes as ``14h 50m``."""
    columns = [
        "mean time to contain" if name == "mean minutes to contain" else name
        for name in table.columns
    ]
    head = "".join(f'<th scope="col">{_e(name)}</th>' for name in columns)
    body = []
    for row in table.rows:
        cells = []
        for name, value in zip(table.columns, row, strict=True):
            text = _cell(name, value)
            flag = ' class="flag"' if text == "BELOW TARGET" else ""
            cells.append(f"<td{flag}>{_e(text)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    if not body:
        body.append(f'<tr><td colspan="{len(table.columns)}">(none)</td></tr>')
    title = table.title.replace("(minutes, from 'duration')", "(from 'duration')")
    return (
        f'<h3>{_e(title)}</h3>\n{_scroll(table.title)}<table data-table="{table.name}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _cell(column: str, value: tables.Cell) -> str:
    if column == "rate":
        return percent(value if isinstance(value, float | int) else None)
    if column == "mean minutes to contain":
        return duration(value if isinstance(value, float | int) else None)
    return tables.cell(value)


def render(report: Mapping[str, Any], links_from: Path = Path(".")) -> str:
    """The whole page; ``links_from`` is the folder it is written to (for relative links)."""
    settings, inputs = report["settings"], report["inputs"]
    scope = (
        f"{review.plural(inputs['in_period'], 'postmortem')} "
        f"({review.plural(inputs['drafts'], 'draft')}), "
        f"{settings['since'] or 'first incident'} to {settings['until'] or 'last incident'}, "
        f"by {settings['group']}, as of {settings['today']}"
    )
    details = "\n".join(_html_table(table) for table in report_tables(report))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Postmortem report</title>\n"
        f'<meta name="generator" content="pmlint {__version__}">\n'
        f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        f'<header><h1>Postmortem report</h1><p class="scope">{_e(scope)}</p></header>\n'
        f"{_headline(report)}\n"
        f'<div class="pair">{_closure_grid(report)}{_overdue(report, links_from)}</div>\n'
        f"{_charts(report)}\n"
        f'<section class="tables" aria-labelledby="h-tables"><h2 id="h-tables">All tables</h2>\n'
        f"{details}</section>\n</main>\n</body>\n</html>\n"
    )
