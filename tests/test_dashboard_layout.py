"""The dashboard as a manager and a phone see it, in real headless Chromium.

At 1280 px and 390 px: nothing overflows sideways, every chart has a size and
a title, the headline figures are the JSON report's, and axe-core (injected
from .ci/node, where .ci/run installs it) finds no serious or critical
accessibility violation. Hostile team names, actions and tickets stay text.
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from conftest import require_npm_file, require_tool
from playwright.sync_api import sync_playwright
from test_dashboard import CHROMIUM_ARGS
from test_metrics import REPO, TODAY

from pmlint.cli import run
from pmlint.reports.headline import KEYS
from pmlint.reports.layout import percent

WIDTHS = (1280, 390)


def report_files(tmp: Path, repo: Path) -> tuple[Path, dict[str, Any]]:
    """The HTML page (in a folder of its own, so links must be relative) and the JSON report."""
    page = tmp / "site" / "report.html"
    common = [str(repo / "postmortems"), "--config", str(repo / ".pmlint.toml"), "--today", TODAY]
    assert run(["report", *common, "-f", "html", "-o", str(page)]) == 0
    assert run(["report", *common, "-f", "json", "-o", str(tmp / "report.json")]) == 0
    return page, json.loads((tmp / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    return report_files(tmp_path_factory.mktemp("layout"), REPO)


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    chromium = require_tool("chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def open_page(browser, path: Path, width: int):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(path.as_uri(), wait_until="load")
    return page


@pytest.mark.parametrize("width", WIDTHS)
def test_no_horizontal_overflow(browser, files, width: int) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, files[0], width)
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner == width
    # Nothing sticks out of the page either (a table too wide scrolls inside its own box).
    widest = page.evaluate(
        "Math.max(...[...document.querySelectorAll('main > *, figure, .figure, .panel')]"
        ".map(e => e.getBoundingClientRect().right))"
    )
    assert widest <= width
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_chart_has_a_size_and_a_title(browser, files, width: int) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, files[0], width)
    charts = page.eval_on_selector_all(
        "figure[data-chart]",
        "els => els.map(e => { const s = e.querySelector('svg');"
        " const b = s.getBoundingClientRect();"
        " return {name: e.dataset.chart, caption: e.querySelector('figcaption').textContent,"
        " label: s.getAttribute('aria-label'), width: b.width, height: b.height,"
        " right: b.right}; })",
    )
    assert [c["name"] for c in charts] == [
        "closure_by_period",
        "closure",
        "slo",
        "apparatus",
        "causes",
    ]
    for chart in charts:
        assert chart["caption"].strip() and chart["label"] == chart["caption"]
        assert (
            chart["width"] > 0.8 * min(width - 40, 560) and chart["height"] > 0.3 * chart["width"]
        )
        assert chart["right"] <= width
    page.close()


def shown(figure: dict[str, Any]) -> str:
    value = figure["value"]
    if value is None:
        return "-"
    return percent(value) if figure["unit"] == "rate" else str(value)


def test_headline_figures_are_the_json_reports(browser, files) -> None:  # type: ignore[no-untyped-def]
    page_file, report = files
    page = open_page(browser, page_file, 1280)
    cards = page.eval_on_selector_all(
        "[data-figure]",
        "els => els.map(e => [e.dataset.figure, e.querySelector('.value').textContent,"
        " e.classList.contains('off'), e.getBoundingClientRect().bottom])",
    )
    assert [key for key, *_ in cards] == list(KEYS)
    for key, value, off, bottom in cards:
        figure = report["headline"][key]
        assert value == shown(figure), key
        assert off is (figure["meets_target"] is False), key
        assert bottom < 800, f"{key} is below the first screen"
    # Hand-computed in test_review_metrics.py: 60.0% closure in 2026-Q2, 6 overdue.
    assert dict((k, v) for k, v, *_ in cards)["closure_rate"] == "60.0%"
    assert dict((k, v) for k, v, *_ in cards)["overdue_now"] == "6"
    page.close()


def test_who_owes_what_and_the_slipping_team_are_on_the_first_screen(browser, files) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, files[0], 1280)
    grid = page.eval_on_selector(
        'table[data-table="closure_by_period"]', "e => e.getBoundingClientRect().bottom"
    )
    owners = page.eval_on_selector(
        'table[data-table="overdue"]', "e => e.getBoundingClientRect().bottom"
    )
    assert grid < 800 and owners < 800
    below = page.eval_on_selector_all(
        'table[data-table="closure_by_period"] td.below',
        "els => els.map(e => e.closest('tr').querySelector('th').textContent)",
    )
    assert below == ["assist", "search", "(all teams)", "(all teams)"]
    empty = page.eval_on_selector_all(
        'table[data-table="closure_by_period"] td.empty', "els => els.map(e => e.textContent)"
    )
    assert "only drafts this quarter (2 drafts)" in empty
    assert "not yet published (1 in review)" in empty
    page.close()


def test_overdue_rows_link_to_their_postmortems(browser, files) -> None:  # type: ignore[no-untyped-def]
    page_file, report = files
    page = open_page(browser, page_file, 1280)
    links = page.eval_on_selector_all(
        'table[data-table="overdue"] td.id a',
        "els => els.map(e => [e.textContent, e.getAttribute('href'), e.href])",
    )
    assert [text for text, _, _ in links] == [
        f["incident"] for o in report["overdue"]["owners"] for f in o["follow_ups"]
    ]
    for _, href, resolved in links:
        assert not href.startswith(("/", "file:"))  # relative to the page's folder
        assert Path(unquote(urlsplit(resolved).path)).is_file()
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_serious_violation(browser, files, width: int) -> None:  # type: ignore[no-untyped-def]
    axe = require_npm_file("axe-core", "axe.min.js")
    page = open_page(browser, files[0], width)
    page.add_script_tag(content=axe.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [
        (v["id"], v["impact"], [node["target"] for node in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert result["passes"], "axe ran no check"
    page.close()


HOSTILE_TEAM = '<script>alert("team")</script>' + "W" * 40  # and too long for a phone
TICKET = 'https://tracker.test/T-1?a=1&b="2"'
HOSTILE_ACTION = '<img src=x onerror=alert(1)> & "quotes"'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The fixture repository with a team, an action and tickets written to break out."""
    tmp = tmp_path_factory.mktemp("hostile")
    shutil.copytree(REPO, tmp / "repo")
    target = tmp / "repo" / "postmortems" / "inc-2026-0406.md"
    text = target.read_text(encoding="utf-8").replace("team: assist", f"team: '{HOSTILE_TEAM}'")
    text = text.replace("| Action | Owner | Due | Status | Type | Closed |",
                        "| Action | Owner | Due | Status | Type | Closed | Ticket |")  # fmt: skip
    text = text.replace("|---|---|---|---|---|---|", "|---|---|---|---|---|---|---|")
    text = text.replace(
        "| Runbook for prompt rollback | Assist on-call | 2026-05-01 | open | runbook |  |",
        f"| {HOSTILE_ACTION} | Assist on-call | 2026-05-01 | open | runbook |  | "
        "javascript:alert(2) |",
    )
    target.write_text(text, encoding="utf-8")
    other = tmp / "repo" / "postmortems" / "inc-2026-0521.md"
    other.write_text(
        other.read_text(encoding="utf-8")
        .replace("| Action | Owner | Due | Status | Type | Closed |",
                 "| Action | Owner | Due | Status | Type | Closed | Ticket |")
        .replace("|---|---|---|---|---|---|", "|---|---|---|---|---|---|---|")
        .replace("| blocked | fix |  |", f"| blocked | fix |  | {TICKET} |"),
        encoding="utf-8",
    )  # fmt: skip
    return report_files(tmp, tmp / "repo")


def test_hostile_fields_stay_text(browser, hostile) -> None:  # type: ignore[no-untyped-def]
    page_file, report = hostile
    assert report["closure"]["teams"][0]["team"] == HOSTILE_TEAM  # the input really is hostile
    html = page_file.read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html and 'javascript:alert(2)"' not in html
    page = open_page(browser, page_file, 1280)
    assert page.evaluate("document.querySelectorAll('script, img, [onerror]').length") == 0
    texts = page.evaluate("document.body.innerText")
    assert HOSTILE_TEAM in texts and HOSTILE_ACTION in texts
    tickets = page.eval_on_selector_all(
        'table[data-table="overdue"] td:last-child',
        "els => els.map(e => [e.textContent, e.querySelector('a') && e.querySelector('a').href])",
    )
    assert ["javascript:alert(2)", None] in tickets  # shown, not a link
    assert [
        'https://tracker.test/T-1?a=1&b="2"',
        "https://tracker.test/T-1?a=1&b=%222%22",
    ] in tickets
    page.close()
    phone = open_page(browser, page_file, 390)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.close()


def test_print_stacks_the_page_in_one_column(browser, files) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, files[0], 1280)
    columns = "e => getComputedStyle(e).gridTemplateColumns.split(' ').length"
    assert page.eval_on_selector(".pair", columns) == 2
    page.emulate_media(media="print")
    assert page.eval_on_selector(".pair", columns) == 1
    assert page.eval_on_selector(".charts", columns) == 1
    page.close()


def test_the_screenshot_script_writes_both_widths(tmp_path: Path) -> None:
    """docs/screenshots.py: what the README's picture is made with."""
    chromium = require_tool("chromium")
    script = Path(__file__).resolve().parents[1] / "docs" / "screenshots.py"
    done = subprocess.run(
        [sys.executable, str(script), "--out", str(tmp_path), "--chromium", chromium],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    for width in WIDTHS:
        data = (tmp_path / f"dashboard-{width}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">I", data[16:20])[0] == width  # IHDR: the image's width
        assert len(data) > 50_000  # a blank page compresses to a few kB


def small_repo(tmp: Path, *names: str) -> Path:
    (tmp / "postmortems").mkdir(parents=True)
    for name in names:
        shutil.copy(REPO / "postmortems" / name, tmp / "postmortems" / name)
    (tmp / ".pmlint.toml").write_text('paths = ["postmortems"]\n', encoding="utf-8")
    return tmp


def test_a_one_postmortem_repository_counts_in_whole_numbers(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page_file, _ = report_files(tmp_path, small_repo(tmp_path / "repo", "inc-2026-0521.md"))
    page = open_page(browser, page_file, 1280)
    for chart in ("causes", "apparatus"):
        labels = page.eval_on_selector_all(
            f'figure[data-chart="{chart}"] svg .axis.y text', "els => els.map(e => e.textContent)"
        )
        assert labels == ["0", "1"], chart  # not 0.1 .. 0.9 "postmortems"
    page.close()


def test_a_repository_of_drafts_says_why_it_has_no_rate(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page_file, report = report_files(tmp_path, small_repo(tmp_path / "repo", "inc-2026-0709.md"))
    assert report["headline"]["closure_rate"]["value"] is None
    page = open_page(browser, page_file, 390)
    empty = page.eval_on_selector_all(
        "figure[data-chart] p.empty", "els => els.map(e => e.closest('figure').dataset.chart)"
    )
    assert empty == ["closure_by_period", "closure", "slo", "apparatus", "causes"]
    assert page.evaluate("document.querySelectorAll('figure svg').length") == 0  # no "No data"
    cells = page.eval_on_selector_all(
        'table[data-table="closure_by_period"] td', "els => els.map(e => e.textContent)"
    )
    assert cells == ["only drafts this quarter (1 draft)"] * 2
    value = page.eval_on_selector('[data-figure="closure_rate"] .value', "e => e.textContent")
    assert value == "-"
    page.close()
