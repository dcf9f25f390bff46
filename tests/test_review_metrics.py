"""Closure per team per quarter, the headline figures and overdue follow-ups by owner,
against numbers worked out by hand on tests/data/report-repo (table in test_metrics.py).

Closure windows (published + 30 days, last day included; reference day 2026-07-15):

| file | team | quarter | status | window ends | follow-ups (outcome) |
|---|---|---|---|---|---|
| 2025-1220 | search | 2025-Q4 | published | 02-05 | alert 01-10 in |
| 2026-0105 | search | 2026-Q1 | published | 02-08 | alert in, eval late, runbook won't do in, fix |
| 2026-0212 | search | 2026-Q1 | published | 03-25 | drill in, eval done no date, alert open |
| 2026-0302 | billing | 2026-Q1 | review | - | (no window) |
| 2026-0406 | assist | 2026-Q2 | published | 05-14 | alert 05-14 in, eval 05-15 late, runbook open |
| 2026-0420 | billing | 2026-Q2 | published | 05-24 | 4 in, fix won't do 06-01 late |
| 2026-0521 | assist | 2026-Q2 | published | 06-27 | escalation 06-01 in, fix blocked |
| 2026-0610 | assist | 2026-Q2 | published | 07-15 (open) | alert: pending |
| 2026-0615 | billing | 2026-Q2 | published | 07-20 (open) | 2 pending |
| 2026-0702, 0709, 0710 | billing, assist x2 | 2026-Q3 | draft | - | (no window) |
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest
from test_metrics import REPO, TODAY, settings

from pmlint import config as config_module
from pmlint.reports import metrics, overdue, records
from pmlint.reports.renderers import RENDERERS
from pmlint.reports.review import duration

QUARTERS = ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]


@pytest.fixture(scope="module")
def loaded() -> list[records.Postmortem]:
    config = config_module.load(REPO / ".pmlint.toml")
    return records.load([str(REPO / "postmortems")], config).postmortems


@pytest.fixture(scope="module")
def report(loaded: list[records.Postmortem]) -> dict[str, Any]:
    return metrics.compute(loaded, settings())


def cells(report: dict[str, Any], team: str) -> dict[str, dict[str, Any]]:
    by_period = report["closure_by_period"]
    row = (
        by_period["total"]
        if team == "(all teams)"
        else next(r for r in by_period["teams"] if r["team"] == team)
    )
    assert [cell["period"] for cell in row["periods"]] == QUARTERS
    return {cell["period"]: cell for cell in row["periods"]}


def summary(cell: dict[str, Any]) -> tuple[Any, ...]:
    return (cell["eligible"], cell["closed_in_window"], cell["pending"], cell["rate"],
            cell["below_target"], cell["empty"])  # fmt: skip


def test_closure_per_team_per_quarter_by_hand(report: dict[str, Any]) -> None:
    assert report["closure_by_period"]["periods"] == QUARTERS
    assert [r["team"] for r in report["closure_by_period"]["teams"]] == [
        "assist",
        "billing",
        "search",
    ]
    # assist: Q2 = 0406 (1 in, 1 late, 1 open) + 0521 (1 in, 1 blocked) = 2 / 5, 0610 pending.
    # Q3 holds only the drafts 0709 and 0710.
    assist = cells(report, "assist")
    assert summary(assist["2026-Q2"]) == (5, 2, 1, 0.4, True, None)
    assert summary(assist["2026-Q3"]) == (0, 0, 0, None, False, "only_drafts")
    assert assist["2026-Q3"]["drafts"] == 2
    assert assist["2025-Q4"]["empty"] == "no_postmortems"
    # billing: Q1 only 0302, in review; Q2 = 0420 4 / 5 (exactly on target), 0615's 2 pending.
    billing = cells(report, "billing")
    assert summary(billing["2026-Q1"]) == (0, 0, 0, None, False, "not_published")
    assert billing["2026-Q1"]["unpublished"] == 1
    assert summary(billing["2026-Q2"]) == (5, 4, 2, 0.8, False, None)
    assert billing["2026-Q2"]["published"] == 2
    assert summary(billing["2026-Q3"]) == (0, 0, 0, None, False, "only_drafts")
    # search: Q4 = 1220 1 / 1; Q1 = 0105 (2 in of 4) + 0212 (1 in of 3) = 3 / 7 = 0.4286.
    search = cells(report, "search")
    assert summary(search["2025-Q4"]) == (1, 1, 0, 1.0, False, None)
    assert summary(search["2026-Q1"]) == (7, 3, 0, 0.4286, True, None)
    assert (search["2026-Q1"]["closed_late"], search["2026-Q1"]["closed_without_date"]) == (1, 1)
    assert search["2026-Q1"]["not_closed"] == 2
    # All teams: Q2 = 2 + 4 in of 5 + 5 = 6 / 10; Q3 only the three drafts.
    total = cells(report, "(all teams)")
    assert summary(total["2026-Q2"]) == (10, 6, 3, 0.6, True, None)
    assert summary(total["2026-Q3"]) == (0, 0, 0, None, False, "only_drafts")
    assert total["2026-Q3"]["drafts"] == 3


def test_quarters_add_up_to_the_whole_period(report: dict[str, Any]) -> None:
    """Every team's cells sum to its row of the whole-period closure table."""
    parts = ("eligible", "closed_in_window", "closed_late", "closed_without_date", "not_closed",
             "pending")  # fmt: skip
    for row in report["closure"]["teams"]:
        quarters = cells(report, row["team"]).values()
        assert {p: sum(c[p] for c in quarters) for p in parts} == {p: row[p] for p in parts}


def test_a_quarter_whose_windows_are_all_open_says_so(loaded: list[records.Postmortem]) -> None:
    # A 120-day window: 0406 (published 04-14) runs to 08-12, 0420 to 08-22, all of Q2's
    # windows are open: assist 3 + 2 + 1 = 6 pending, billing 5 + 2 = 7. Q1's have ended
    # (0212: 02-23 + 120 = 06-23), so search Q1 is 3 + 2 (eval closed 03-01 is in) = 4 / 7.
    longer = metrics.compute(loaded, settings(closure_days=120))
    assert summary(cells(longer, "assist")["2026-Q2"]) == (0, 0, 6, None, False, "window_open")
    assert summary(cells(longer, "billing")["2026-Q2"]) == (0, 0, 7, None, False, "window_open")
    assert summary(cells(longer, "search")["2026-Q1"]) == (7, 4, 0, 0.5714, True, None)
    # The headline takes the latest quarter with a judged follow-up: Q1, against Q4.
    figure = longer["headline"]["closure_rate"]
    assert (figure["period"], figure["value"], figure["previous_period"]) == (
        "2026-Q1", 0.5714, "2025-Q4",
    )  # fmt: skip
    assert figure["teams_below_target"] == ["search"]


def test_headline_figures_by_hand(report: dict[str, Any]) -> None:
    figures = report["headline"]
    # Closure: the latest quarter with a judged follow-up is 2026-Q2 (6 / 10), before it
    # Q1 (3 / 7); only assist is below 80% in Q2.
    closure = figures["closure_rate"]
    assert (closure["period"], closure["value"], closure["count"], closure["of"]) == (
        "2026-Q2", 0.6, 6, 10,
    )  # fmt: skip
    assert (closure["previous_period"], closure["previous"]) == ("2026-Q1", 0.4286)
    assert (closure["target"], closure["meets_target"]) == (0.8, False)
    assert closure["teams_below_target"] == ["assist"]
    # Overdue on 07-15 (open, due before it; drafts left out, none of theirs is due yet):
    # 0105 fix, 0212 alert, 0302 eval + alert, 0406 runbook, 0521 fix = 6. On 06-30 (end of
    # Q2) the same six were already due and not closed; 0615's alert (due 07-01) was not due.
    overdue = figures["overdue_now"]
    assert (overdue["period"], overdue["value"]) == ("2026-07-15", 6)
    assert (overdue["previous_period"], overdue["previous"]) == ("2026-06-30", 6)
    # SLO: Q2 5 of 5 within, Q1 1 of 2 (test_metrics.test_slo_by_period).
    slo = figures["slo_within"]
    assert (slo["period"], slo["value"], slo["count"], slo["of"], slo["previous"]) == (
        "2026-Q2", 1.0, 5, 5, 0.5,
    )  # fmt: skip
    assert slo["meets_target"] is True
    # Backlog now: 0302 (95 business days) and 0702 (8). On 06-30: 0302 only (0702 was
    # resolved 07-03).
    backlog = figures["slo_backlog"]
    assert (backlog["value"], backlog["previous"], backlog["meets_target"]) == (2, 1, False)
    # Apparatus: Q2 alert 3 + runbook 1 + escalation 1 + drill 2 = 7, Q1 2 + 0 + 1 + 1 = 4;
    # 0615 records none, so 4 of Q2's 5 postmortems have one: off target.
    updates = figures["apparatus_updates"]
    assert (updates["period"], updates["value"], updates["previous"]) == ("2026-Q2", 7, 4)
    assert (updates["count"], updates["of"], updates["meets_target"]) == (4, 5, False)
    # Eval follow-ups: Q2 0406 + 0420 = 2, Q1 0105 + 0212 + 0302 = 3. Q2's eval deltas
    # naming a gap (0406, 0420) both have one.
    evals = figures["eval_follow_ups"]
    assert (evals["value"], evals["previous"], evals["count"], evals["of"]) == (2, 3, 2, 2)
    assert evals["meets_target"] is True


def test_overdue_follow_ups_by_owner(report: dict[str, Any]) -> None:
    overdue = report["overdue"]
    assert (overdue["as_of"], overdue["total"]) == (TODAY, 6)
    # One item each: ranked by the longest overdue. 0105's fix was due 02-15: 13 days of
    # February + 31 + 30 + 31 + 30 + 15 = 150.
    listed = [(o["owner"], f["incident"], f["days_overdue"]) for o in overdue["owners"]
              for f in o["follow_ups"]]  # fmt: skip
    assert listed == [
        ("Search lead", "INC-2026-0105", 150),
        ("Search on-call", "INC-2026-0212", 122),
        ("Billing on-call", "INC-2026-0302", 117),
        ("Eval lead", "INC-2026-0302", 117),
        ("Assist on-call", "INC-2026-0406", 75),
        ("Assist lead", "INC-2026-0521", 30),
    ]
    first = overdue["owners"][0]["follow_ups"][0]
    assert first["action"] == "Fix the index scheduler" and first["due"] == "2026-02-15"
    assert first["path"].endswith("inc-2026-0105.md") and first["position"] == 4


def test_every_format_carries_the_new_tables(report: dict[str, Any]) -> None:
    document = json.loads(RENDERERS["json"](report))
    assert document["headline"]["closure_rate"]["value"] == 0.6
    assert document["closure_by_period"]["teams"][0]["periods"][2]["rate"] == 0.4
    rows = list(csv.reader(io.StringIO(RENDERERS["csv"](report))))
    assert ["closure_by_period", "assist", "2026-Q2 rate", "0.4"] in rows
    assert ["closure_by_period", "assist", "2026-Q3 empty", "only_drafts"] in rows
    assert ["headline", "closure_rate", "meets_target", "false"] in rows
    text = RENDERERS["text"](report)
    assert "only drafts this quarter (2 drafts)" in text
    assert "40.0% (2/5) BELOW" in text
    markdown = RENDERERS["markdown"](report)
    assert markdown.index("## Headline") < markdown.index("## Follow-up closure within")
    assert "| Search lead | Fix the index scheduler | INC-2026-0105 |" in markdown


@pytest.mark.parametrize(
    ("minutes", "shown"),
    [
        (890.2, "14h 50m"),
        (135.0, "2h 15m"),
        (11, "11m"),
        (4320, "3d"),
        (4451, "3d 2h"),
        (None, "-"),
    ],
)
def test_durations_read_as_hours_and_minutes(minutes: float | None, shown: str) -> None:
    assert duration(minutes) == shown


def test_records_without_a_postmortem_give_empty_figures() -> None:
    empty = metrics.compute([], settings())
    assert empty["closure_by_period"] == {
        "periods": [], "teams": [], "total": {"team": "(all teams)", "periods": []},
    }  # fmt: skip
    assert empty["headline"]["closure_rate"]["value"] is None
    assert empty["headline"]["overdue_now"]["value"] == 0
    assert records.Postmortem("x.md").names_eval_gap is False


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ({"due": "2026-06-29", "status": "open"}, True),
        ({"due": "2026-06-30", "status": "open"}, False),  # due on the day: not yet overdue
        ({"due": "2026-06-01", "status": "done", "closed": "2026-07-02"}, True),  # closed later
        ({"due": "2026-06-01", "status": "done", "closed": "2026-06-30"}, False),
        ({"due": "2026-06-01", "status": "done"}, False),  # no date: taken as closed
    ],
)
def test_overdue_on_an_earlier_day_is_rebuilt_from_closed_dates(
    item: dict[str, Any], expected: bool
) -> None:
    assert overdue.was_overdue(item, dt.date(2026, 6, 30)) is expected
