"""The HTML dashboard, opened in real headless Chromium: the charts must draw.

Bars are counted and measured in the browser's layout, against numbers worked
out by hand from tests/data/report-repo (see tests/test_metrics.py for the
derivations), and every request the page makes is recorded: a self-contained
dashboard makes none beyond its own file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import require_tool
from playwright.sync_api import Page, sync_playwright
from test_metrics import REPO, TODAY

from pmlint.cli import run

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dashboard") / "report.html"
    code = run(["report", str(REPO), "--config", str(REPO / ".pmlint.toml"), "--today", TODAY,
                "-f", "html", "-o", str(out)])  # fmt: skip
    assert code == 0
    return out


@pytest.fixture(scope="module")
def requested() -> list[str]:
    """Every URL the dashboard's page requested, in order."""
    return []


@pytest.fixture(scope="module")
def page(
    dashboard: Path, requested: list[str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Page]:
    chromium = require_tool("chromium")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")),  # a fresh profile every run
            executable_path=chromium,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1600, "height": 1200},
        )
        try:
            page = context.new_page()
            page.on("request", lambda request: requested.append(request.url))
            page.goto(dashboard.as_uri(), wait_until="load")
            yield page
        finally:
            context.close()


def bars(page: Page, chart: str) -> list[dict[str, float]]:
    """Bounding boxes of the bars pygal drew in one chart, as the browser laid them out."""
    boxes: list[dict[str, float]] = page.eval_on_selector_all(
        f'figure[data-chart="{chart}"] svg .series rect.rect',
        "els => els.map(e => { const b = e.getBoundingClientRect();"
        " return {x: b.x, y: b.y, width: b.width, height: b.height}; })",
    )
    return boxes


def test_the_page_fetches_nothing_but_itself(
    page: Page, requested: list[str], dashboard: Path
) -> None:
    assert requested == [dashboard.as_uri()]
    html = dashboard.read_text(encoding="utf-8")
    assert "<script" not in html and "<link" not in html and "@import" not in html


def test_five_charts_render_with_a_size(page: Page) -> None:
    boxes = page.eval_on_selector_all(
        "figure[data-chart] > svg",
        "els => els.map(e => [e.closest('figure').dataset.chart,"
        " e.getBoundingClientRect().width, e.getBoundingClientRect().height])",
    )
    assert [name for name, _, _ in boxes] == [
        "closure_by_period", "closure", "slo", "apparatus", "causes",
    ]  # fmt: skip
    assert all(width > 300 and height > 150 for _, width, height in boxes)


def test_closure_chart_has_a_bar_per_team_against_the_target_line(page: Page) -> None:
    # assist 40%, billing 80%, search 50% (hand-computed in test_metrics.py).
    drawn = bars(page, "closure")
    assert len(drawn) == 3
    assist, billing, search = drawn
    assert all(bar["width"] > 0 and bar["height"] > 0 for bar in drawn)
    assert assist["height"] == pytest.approx(billing["height"] / 2, rel=0.02)
    assert search["height"] == pytest.approx(billing["height"] * 5 / 8, rel=0.02)
    line = page.eval_on_selector(
        'figure[data-chart="closure"] svg .axis.y path.major.guide',
        "e => { const b = e.getBoundingClientRect();"
        " return {y: b.y, width: b.width, stroke: getComputedStyle(e).stroke}; }",
    )
    assert line["width"] > 300
    assert line["stroke"] == "rgb(192, 0, 0)"
    # billing's rate equals the 80% target: its bar top sits on the target line.
    assert billing["y"] == pytest.approx(line["y"], abs=2)
    labels = page.eval_on_selector_all(
        'figure[data-chart="closure"] svg .axis.x text', "els => els.map(e => e.textContent)"
    )
    assert labels == ["assist", "billing", "search"]


def column_heights(drawn: list[dict[str, float]]) -> list[float]:
    """Total height of the visible stacked bars in each column, left to right."""
    columns: dict[int, float] = {}
    for bar in drawn:
        if bar["height"] > 0.5:
            columns[round(bar["x"])] = columns.get(round(bar["x"]), 0) + bar["height"]
    return [columns[x] for x in sorted(columns)]


def test_cause_and_apparatus_charts_stack_one_bar_per_counted_cell(page: Page) -> None:
    # Primary causes: 2025-Q4 tooling; 2026-Q1 model, retrieval, data; 2026-Q2 prompt,
    # retrieval, data, gateway, upstream: 9 non-zero cells of 7 categories x 4 periods
    # (pygal stacks an empty cell as a zero-height rect).
    causes = bars(page, "causes")
    assert len(causes) == 7 * 4
    assert sum(bar["height"] > 0.5 for bar in causes) == 9
    q4, q1, q2 = column_heights(causes)  # 2026-Q3 has no finished postmortem
    assert (q1 / q4, q2 / q4) == pytest.approx((3, 5), rel=0.02)
    # Apparatus kinds: Q4 alert; Q1 alert x2, escalation, drill; Q2 alert x3, runbook,
    # escalation, drill x2: 8 non-zero cells of 4 kinds x 4 periods, columns 1, 4, 7.
    apparatus = bars(page, "apparatus")
    assert len(apparatus) == 4 * 4
    assert sum(bar["height"] > 0.5 for bar in apparatus) == 8
    q4, q1, q2 = column_heights(apparatus)
    assert (q1 / q4, q2 / q4) == pytest.approx((4, 7), rel=0.02)
    legend = page.eval_on_selector_all(
        'figure[data-chart="apparatus"] svg .legends text', "els => els.map(e => e.textContent)"
    )
    assert legend == ["alert", "runbook", "escalation", "drill"]


def test_slo_chart_draws_each_period_with_a_rate(page: Page) -> None:
    # 2025-Q4 0% (a zero-height bar), 2026-Q1 50%, 2026-Q2 100%, 2026-Q3 none published.
    drawn = bars(page, "slo")
    assert len(drawn) == 3
    zero, half, full = drawn
    assert zero["height"] == pytest.approx(0, abs=1)
    assert full["height"] == pytest.approx(half["height"] * 2, rel=0.02)


def test_screenshot_is_taken_for_a_person_to_look_at(page: Page, tmp_path: Path) -> None:
    """PMLINT_DASHBOARD_SCREENSHOT=FILE keeps the PNG to look at."""
    shot = Path(os.environ.get("PMLINT_DASHBOARD_SCREENSHOT") or tmp_path / "dashboard.png")
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000  # a blank page compresses to a few kB
