"""The report as one self-contained HTML file: inline SVG charts and the tables.

Charts are drawn by pygal, which writes static SVG from pure Python (no
browser, no JavaScript needed to see a chart). Its tooltip script is turned
off (it would load from the network) and its random chart ids are replaced
by fixed ones, so the file opens offline and the same report gives the same
bytes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

import pygal
from pygal.style import Style

from pmlint.reports import tables
from pmlint.reports.layout import percent, report_tables
from pmlint.version import __version__

#: One colour per cause category and apparatus kind, readable on white.
_COLOURS = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)
_STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#222",
    foreground_strong="#111",
    foreground_subtle="#666",
    colors=_COLOURS,
    font_family="sans-serif",
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=12,
    title_font_size=15,
    value_font_size=11,
)
#: The target line: pygal marks the guide at a "major" y label; this makes it stand out.
#: (pygal does not template inline CSS, so the chart id is written out.)
_TARGET_CSS = (
    "inline:#chart-closure .axis.y .guides .major.guide.line "
    "{stroke: #c00000 !important; stroke-width: 2px; stroke-dasharray: 6,3 !important; opacity: 1}"
    "#chart-closure .axis.y .guides text.major {fill: #c00000; font-weight: bold}"
)
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL)
_UNIT_LABELS = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]


def _config(name: str, title: str, **options: Any) -> dict[str, Any]:
    return {
        "title": title,
        "style": _STYLE,
        "js": [],  # the default tooltip script would be fetched from the network
        "disable_xml_declaration": True,
        "width": 760,
        "height": 360,
        "explicit_size": True,
        "legend_at_bottom": True,
        "margin": 16,
        "classes": ["pygal-chart", f"chart-{name}"],
        **options,
    }


def _render(chart: pygal.graph.graph.Graph, name: str) -> str:
    chart.uuid = name  # pygal's default is a random uuid4, which would change every run
    svg = str(chart.render(is_unicode=True))
    # pygal always inlines its configuration for the tooltip script we do not load.
    return _SCRIPT.sub("", svg)


def _count_or_none(value: int) -> int | None:
    """Zero draws a zero-height bar; None draws none."""
    return value or None


def cause_chart(report: Mapping[str, Any]) -> str:
    causes = report["causes"]
    chart = pygal.StackedBar(
        **_config("causes", "Primary cause category by period", y_title="postmortems")
    )
    chart.x_labels = [row["period"] for row in causes["periods"]]
    for category in causes["categories"]:
        values = [_count_or_none(row["primary"][category]) for row in causes["periods"]]
        if any(values):
            chart.add(category, values)
    return _render(chart, "causes")


def closure_chart(report: Mapping[str, Any]) -> str:
    target = report["settings"]["closure_target"]
    teams = [row for row in report["closure"]["teams"] if row["rate"] is not None]
    chart = pygal.Bar(
        **_config(
            "closure",
            f"Follow-ups closed within {report['settings']['closure_days']} days, "
            f"per team (target {percent(target)})",
            css=["file://style.css", "file://graph.css", _TARGET_CSS],
            range=(0, 1),
            include_x_axis=True,
            y_labels=sorted({*_UNIT_LABELS, target}),
            y_labels_major=[target],
            value_formatter=percent,
            show_legend=False,
            print_values=True,
        )
    )
    chart.x_labels = [row["team"] for row in teams]
    chart.add(
        "closure rate",
        [
            {"value": row["rate"], "color": "#c00000" if row["below_target"] else "#2ca02c"}
            for row in teams
        ],
    )
    return _render(chart, "closure")


def apparatus_chart(report: Mapping[str, Any]) -> str:
    apparatus = report["apparatus"]
    chart = pygal.StackedBar(
        **_config("apparatus", "Apparatus updates recorded, by kind", y_title="updates")
    )
    chart.x_labels = [row["period"] for row in apparatus["periods"]]
    for kind in apparatus["kinds"]:
        chart.add(kind, [_count_or_none(row[kind]) for row in apparatus["periods"]])
    return _render(chart, "apparatus")


def slo_chart(report: Mapping[str, Any]) -> str:
    rows = report["slo"]["periods"]
    chart = pygal.Bar(
        **_config(
            "slo",
            "Postmortems published within the SLO, by period",
            range=(0, 1),
            include_x_axis=True,
            y_labels=_UNIT_LABELS,
            value_formatter=percent,
            show_legend=False,
            print_values=True,
        )
    )
    chart.x_labels = [row["period"] for row in rows]
    chart.add("within SLO", [row["rate"] for row in rows])
    return _render(chart, "slo")


_PAGE_CSS = """
body { font-family: sans-serif; margin: 24px auto; max-width: 1600px; color: #222; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(760px, 1fr)); gap: 16px; }
figure { margin: 0; border: 1px solid #ddd; padding: 8px; }
table { border-collapse: collapse; font-size: 13px; margin-bottom: 12px; }
th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; }
th { background: #f3f3f3; }
td.flag { color: #c00000; font-weight: bold; }
"""


def _html_table(table: tables.Table) -> str:
    head = "".join(f"<th>{html.escape(name)}</th>" for name in table.columns)
    rate = {i for i, name in enumerate(table.columns) if name == "rate"}
    body = []
    for row in table.rows:
        cells = []
        for index, value in enumerate(row):
            text = percent(value) if index in rate else tables.cell(value)  # type: ignore[arg-type]
            flag = ' class="flag"' if text == "BELOW TARGET" else ""
            cells.append(f"<td{flag}>{html.escape(text)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    if not body:
        body.append(f'<tr><td colspan="{len(table.columns)}">(none)</td></tr>')
    return (
        f'<h2>{html.escape(table.title)}</h2>\n<table data-table="{table.name}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _figures(charts: Sequence[tuple[str, str]]) -> str:
    return "\n".join(f'<figure data-chart="{name}">{svg}</figure>' for name, svg in charts)


def render(report: Mapping[str, Any]) -> str:
    """The whole dashboard page; nothing in it is fetched when it opens."""
    settings, inputs = report["settings"], report["inputs"]
    charts = [
        ("causes", cause_chart(report)),
        ("closure", closure_chart(report)),
        ("apparatus", apparatus_chart(report)),
        ("slo", slo_chart(report)),
    ]
    summary = (
        f"{inputs['in_period']} postmortems ({inputs['drafts']} drafts), "
        f"{settings['since'] or 'first incident'} to {settings['until'] or 'last incident'}, "
        f"by {settings['group']}, as of {settings['today']}"
    )
    tables_html = "\n".join(_html_table(table) for table in report_tables(report))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>Postmortem report</title>\n"
        f'<meta name="generator" content="pmlint {__version__}">\n'
        f"<style>{_PAGE_CSS}</style>\n</head>\n<body>\n"
        f"<h1>Postmortem report</h1>\n<p>{html.escape(summary)}</p>\n"
        f'<div class="charts">\n{_figures(charts)}\n</div>\n'
        f"{tables_html}\n</body>\n</html>\n"
    )
