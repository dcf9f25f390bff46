"""The dashboard's charts: static SVG drawn by pygal, offline and byte-stable.

pygal writes SVG from pure Python (no browser, no JavaScript needed to see a
chart). Its tooltip script is turned off (it would load from the network), its
inline configuration and its dated "generated" comment are removed, and its
random chart ids are replaced by fixed ones, so the same report gives the same
bytes. Counts get whole-number axes; rates get a dashed target line.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

import pygal
from pygal.style import Style

from pmlint.reports.layout import percent
from pmlint.reports.review import empty_text

#: Colour-blind-safe (Okabe-Ito, darkened where needed for 3:1 against white).
COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#8a6d00", "#56b4e9", "#555555", "#e69f00")
TARGET_COLOUR = "#c00000"
ON_TARGET, BELOW_TARGET = "#1b7a3d", "#c00000"
_STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#222",
    foreground_strong="#111",
    foreground_subtle="#555",
    colors=COLOURS,
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    title_font_size=16,
    value_font_size=12,
)
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_UNIT_LABELS = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]


def _target_css(name: str) -> str:
    """pygal marks the guide at a "major" y label; this makes it the dashed target line."""
    return (
        f"inline:#chart-{name} .axis.y .guides .major.guide.line "
        f"{{stroke: {TARGET_COLOUR} !important; stroke-width: 2px; "
        "stroke-dasharray: 6,3 !important; opacity: 1}"
        f"#chart-{name} .axis.y .guides text.major {{fill: {TARGET_COLOUR}; font-weight: bold}}"
    )


def _config(name: str, **options: Any) -> dict[str, Any]:
    """The page shows the title above the chart (a figcaption), so pygal draws none."""
    return {
        "style": _STYLE,
        "js": [],  # the default tooltip script would be fetched from the network
        "disable_xml_declaration": True,
        "width": 640,
        "height": 340,
        "explicit_size": False,  # the page sizes it: the SVG scales to its column
        "legend_at_bottom": True,
        "margin": 12,
        "classes": ["pygal-chart", f"chart-{name}"],
        **options,
    }


def _render(chart: pygal.graph.graph.Graph, name: str, title: str) -> str:
    """The SVG, named for assistive technology by the chart's title."""
    chart.uuid = name  # pygal's default is a random uuid4, which would change every run
    svg = _COMMENT.sub("", _SCRIPT.sub("", str(chart.render(is_unicode=True))))
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title, quote=True)}" ', 1)


def _count_axis(totals: Sequence[int]) -> dict[str, Any]:
    """Whole-number y labels from 0 to at least the largest column (never 0.1 "postmortems")."""
    top = max([*totals, 1])
    step = max(1, math.ceil(top / 6))
    labels = list(range(0, (math.ceil(top / step) + 1) * step, step))
    return {"y_labels": labels, "range": (0, labels[-1]), "value_formatter": _whole}


def _whole(value: float) -> str:
    return f"{value:.0f}"


def _rate_axis(name: str, target: float) -> dict[str, Any]:
    return {
        "css": ["file://style.css", "file://graph.css", _target_css(name)],
        "range": (0, 1),
        "include_x_axis": True,
        "y_labels": sorted({*_UNIT_LABELS, target}),
        "y_labels_major": [target],
        "value_formatter": percent,
        "print_values": True,
    }


def _count_or_none(value: int) -> int | None:
    """Zero draws a zero-height bar; None draws none."""
    return value or None


def empty_label(cell: Mapping[str, Any], group: str) -> str:
    """A short reason under an empty period: "only drafts", "window open"."""
    return empty_text(cell, group).split(" (")[0].replace(f" this {group}", "")


def title(report: Mapping[str, Any], name: str) -> str:
    settings = report["settings"]
    target = percent(settings["closure_target"])
    return {
        "closure_by_period": f"Closure per team per {settings['group']} (target {target})",
        "closure": f"Closed within {settings['closure_days']} days, whole period (target {target})",
        "slo": "Published within the SLO, by period (target 100%)",
        "apparatus": "Apparatus updates recorded, by kind",
        "causes": "Primary cause category by period",
    }[name]


def closure_periods_chart(report: Mapping[str, Any]) -> str:
    """Closure rate per team, grouped by period, against the target line."""
    by_period = report["closure_by_period"]
    target = report["settings"]["closure_target"]
    chart = pygal.Bar(**_config("closure_by_period", **_rate_axis("closure_by_period", target)))
    group = report["settings"]["group"]
    chart.x_labels = [
        cell["period"]
        if cell["rate"] is not None
        else f"{cell['period']}: {empty_label(cell, group)}"
        for cell in by_period["total"]["periods"]
    ]
    for row in by_period["teams"]:
        chart.add(row["team"], [cell["rate"] for cell in row["periods"]])
    return _render(chart, "closure_by_period", title(report, "closure_by_period"))


def closure_chart(report: Mapping[str, Any]) -> str:
    """Closure rate per team over the whole period, red when below the target."""
    target = report["settings"]["closure_target"]
    teams = [row for row in report["closure"]["teams"] if row["rate"] is not None]
    chart = pygal.Bar(**_config("closure", show_legend=False, **_rate_axis("closure", target)))
    chart.x_labels = [row["team"] for row in teams]
    chart.add(
        "closure rate",
        [
            {"value": row["rate"], "color": BELOW_TARGET if row["below_target"] else ON_TARGET}
            for row in teams
        ],
    )
    return _render(chart, "closure", title(report, "closure"))


def slo_chart(report: Mapping[str, Any]) -> str:
    rows = report["slo"]["periods"]
    chart = pygal.Bar(**_config("slo", show_legend=False, **_rate_axis("slo", 1.0)))
    chart.x_labels = [
        row["period"] if row["published"] else f"{row['period']}: none published" for row in rows
    ]
    chart.add("within SLO", [row["rate"] for row in rows])
    return _render(chart, "slo", title(report, "slo"))


def cause_chart(report: Mapping[str, Any]) -> str:
    causes = report["causes"]
    rows = causes["periods"]
    totals = [sum(row["primary"].values()) for row in rows]
    chart = pygal.StackedBar(**_config("causes", y_title="postmortems", **_count_axis(totals)))
    chart.x_labels = [row["period"] for row in rows]
    for category in causes["categories"]:
        values = [_count_or_none(row["primary"][category]) for row in rows]
        if any(values):
            chart.add(category, values)
    return _render(chart, "causes", title(report, "causes"))


def apparatus_chart(report: Mapping[str, Any]) -> str:
    apparatus = report["apparatus"]
    rows = apparatus["periods"]
    totals = [sum(row[kind] for kind in apparatus["kinds"]) for row in rows]
    chart = pygal.StackedBar(**_config("apparatus", y_title="updates", **_count_axis(totals)))
    chart.x_labels = [row["period"] for row in rows]
    for kind in apparatus["kinds"]:
        chart.add(kind, [_count_or_none(row[kind]) for row in rows])
    return _render(chart, "apparatus", title(report, "apparatus"))


def has_data(report: Mapping[str, Any], name: str) -> str | None:
    """None when chart ``name`` has something to draw, else why it is empty (shown instead)."""
    if name == "closure_by_period":
        cells = [c for row in report["closure_by_period"]["teams"] for c in row["periods"]]
        if not any(cell["rate"] is not None for cell in cells):
            pending = sum(cell["pending"] for cell in cells)
            if pending:
                return f"No follow-up has been judged yet: {pending} still in their window."
            return "No published postmortem with follow-ups yet."
    if name == "closure" and all(row["rate"] is None for row in report["closure"]["teams"]):
        return "No team has a follow-up whose window has ended."
    if name == "slo" and not report["slo"]["total"]["published"]:
        return "No postmortem is published yet."
    finished = report["apparatus"]["total"]["postmortems"]
    if name in ("causes", "apparatus") and not finished:
        return f"Only drafts ({report['inputs']['drafts']}): nothing finished to count."
    if name == "causes" and not report["causes"]["categories"]:
        return _none_of(finished, "names a cause category", "names no cause category")
    total = report["apparatus"]["total"]
    if name == "apparatus" and not any(total[kind] for kind in report["apparatus"]["kinds"]):
        return _none_of(finished, "records an apparatus change", "records no apparatus change")
    return None


CHARTS = {
    "closure_by_period": closure_periods_chart,
    "closure": closure_chart,
    "slo": slo_chart,
    "apparatus": apparatus_chart,
    "causes": cause_chart,
}


def _none_of(finished: int, does: str, does_not: str) -> str:
    """Why a chart is empty, in a sentence that agrees with the count."""
    if finished == 1:
        return f"The one finished postmortem {does_not}."
    return f"None of the {finished} finished postmortems {does}."
