"""Every report metric against numbers worked out by hand on tests/data/report-repo.

The fixture repository (reference day 2026-07-15, a Wednesday; holidays
2025-12-25, 2026-01-01 and 2026-05-25; SLO 5 business days, 3 for P0;
closure window 30 days, target 80%):

| file | team | sev | status | date | resolved | published | duration |
|---|---|---|---|---|---|---|---|
| inc-2025-1220 | search | P3 | published | 2025-12-20 | 2025-12-22 Mon | 2026-01-06 Tue | 30m |
| inc-2026-0105 | search | P2 | published | 2026-01-05 | 2026-01-05 Mon | 2026-01-09 Fri | 45m |
| inc-2026-0212 | search | P1 | published | 2026-02-12 | 2026-02-13 Fri | 2026-02-23 Mon | 2h |
| inc-2026-0302 | billing | P1 | review | 2026-03-02 | 2026-03-03 Tue | - | 4h |
| inc-2026-0406 | assist | P2 | published | 2026-04-06 | 2026-04-07 Tue | 2026-04-14 Tue | 1h30m |
| inc-2026-0420 | billing | P2 | published | 2026-04-20 | 2026-04-20 Mon | 2026-04-24 Fri | 25m |
| inc-2026-0521 | assist | P0 | published | 2026-05-21 | 2026-05-22 Fri | 2026-05-28 Thu | 11m |
| inc-2026-0610 | assist | P3 | published | 2026-06-10 | 2026-06-11 Thu | 2026-06-15 Mon | 5m |
| inc-2026-0615 | billing | P3 | published | 2026-06-15 | 2026-06-15 Mon | 2026-06-20 Sat | 3d |
| inc-2026-0702 | billing | P2 | draft | 2026-07-02 | 2026-07-03 Fri | - | 1h |
| inc-2026-0709 | assist | P2 | draft | 2026-07-09 | 2026-07-10 Fri | - | 20m |
| inc-2026-0710 | assist | P4 | draft | 2026-07-10 | - | - | 10m |
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from pmlint import config as config_module
from pmlint.cli import run
from pmlint.days import business_days_between
from pmlint.reports import metrics, periods, records, selection
from pmlint.reports.renderers import RENDERERS

REPO = ROOT / "tests" / "data" / "report-repo"
TODAY = "2026-07-15"


def settings(**overrides: object) -> selection.Settings:
    config = config_module.load(REPO / ".pmlint.toml")
    values: dict[str, object] = {
        "today": dt.date(2026, 7, 15),
        "slo_business_days": config.slo_business_days,
        "slo_business_days_by_severity": dict(config.slo_business_days_by_severity),
        "holidays": config.holidays,
    }
    values.update(overrides)
    return selection.Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def loaded() -> list[records.Postmortem]:
    config = config_module.load(REPO / ".pmlint.toml")
    result = records.load([str(REPO / "postmortems")], config)
    assert result.skipped == []
    return result.postmortems


@pytest.fixture(scope="module")
def report(loaded: list[records.Postmortem]) -> dict[str, Any]:
    return metrics.compute(loaded, settings())


def team(report: dict[str, Any], name: str) -> dict[str, Any]:
    return next(row for row in report["closure"]["teams"] if row["team"] == name)


def test_inputs_and_periods(report: dict[str, Any]) -> None:
    assert report["inputs"] == {
        "postmortems": 12,
        "in_period": 12,
        "drafts": 3,
        "outside_period": 0,
        "undated": 0,
        "skipped": [],
    }
    # From the earliest incident (2025-12-20) to the latest (2026-07-10), empty Q3 included.
    assert report["periods"] == ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]


def test_closure_rate_search(report: dict[str, Any]) -> None:
    # Windows: 2025-1220 published 01-06 -> ends 02-05; 0105 published 01-09 -> 02-08;
    # 0212 published 02-23 -> 03-25. All ended before 07-15.
    # 1220: alert closed 01-10 (in).
    # 0105: alert closed 01-20 (in); eval closed 03-01 (late); runbook "won't do" closed
    #       01-15 (in: a decision is a closure); fix "in progress" (not closed).
    # 0212: drill closed 03-20 (in); eval "done" without a date (not countable);
    #       alert "scheduled" (not closed).
    assert team(report, "search") == {
        "team": "search",
        "eligible": 8,
        "closed_in_window": 4,
        "closed_late": 1,
        "closed_without_date": 1,
        "not_closed": 2,
        "pending": 0,
        "rate": 0.5,
        "below_target": True,
    }


def test_closure_rate_assist_window_boundaries(report: dict[str, Any]) -> None:
    # 0406 published 04-14 -> window ends 05-14: alert closed 05-14 is in (the last day
    # counts), eval closed 05-15 is late, runbook open.
    # 0521 published 05-28 -> 06-27: escalation closed 06-01 in; fix blocked.
    # 0610 published 06-15 -> 07-15 = today: the window has not ended, so its alert
    # (closed 06-20) is pending, not counted either way.
    # Drafts 0709 and 0710 have no window.
    assert team(report, "assist") == {
        "team": "assist",
        "eligible": 5,
        "closed_in_window": 2,
        "closed_late": 1,
        "closed_without_date": 0,
        "not_closed": 2,
        "pending": 1,
        "rate": 0.4,
        "below_target": True,
    }


def test_closure_rate_billing_exactly_on_target_is_not_flagged(report: dict[str, Any]) -> None:
    # 0420 published 04-24 -> window ends 05-24: alert 05-01, eval 05-10, drill 05-24,
    # runbook "shipped" (a configured synonym of done) 04-30: 4 in; fix "won't do" closed
    # 06-01: late. 0615 published 06-20 (a Saturday) -> 07-20: both pending.
    # 0302 is in review (unpublished): no window. 0702 is a draft.
    row = team(report, "billing")
    assert (row["eligible"], row["closed_in_window"], row["closed_late"]) == (5, 4, 1)
    assert row["pending"] == 2
    assert row["rate"] == 0.8
    assert row["below_target"] is False


def test_closure_total_and_team_order(report: dict[str, Any]) -> None:
    assert [row["team"] for row in report["closure"]["teams"]] == ["assist", "billing", "search"]
    total = report["closure"]["total"]
    # 10 closed in window of 8 + 5 + 5 = 18 eligible; 10 / 18 = 0.5556 (4 places).
    assert (total["eligible"], total["closed_in_window"], total["pending"]) == (18, 10, 3)
    assert total["rate"] == 0.5556


def test_closure_target_and_window_are_settings(loaded: list[records.Postmortem]) -> None:
    # A 45-day window: 0105's eval (closed 03-01, window to 02-23) stays late, but
    # 0406's eval (05-15, window to 05-29) is now in: assist 3 / 5. 0610's window
    # (to 07-30) and 0615's (to 08-04) are still open.
    longer = metrics.compute(loaded, settings(closure_days=45, closure_target=0.5))
    assist = team(longer, "assist")
    assert (assist["closed_in_window"], assist["eligible"], assist["rate"]) == (3, 5, 0.6)
    assert assist["below_target"] is False
    assert team(longer, "search")["below_target"] is False  # 0.5 is not below 0.5


def test_slo_by_period(report: dict[str, Any]) -> None:
    # 1220 (P3): business days after Mon 12-22 up to Tue 01-06, skipping 12-25, 01-01
    # and weekends: 23 24 26 29 30 31 02 05 06 = 9 > 5, missed.
    # 0105: Tue..Fri = 4, within. 0212 (P1): Fri 02-13 -> Mon 02-23: 16-20, 23 = 6, missed.
    # 0406: Tue 04-07 -> Tue 04-14: 8 9 10 13 14 = 5, within (exactly N is within).
    # 0420: 4, within. 0521 (P0, SLO 3): Fri 05-22 -> Thu 05-28, Mon 05-25 a holiday:
    # 26 27 28 = 3, within. 0610: Fri, Mon = 2. 0615: Mon 06-15 -> Sat 06-20: 4.
    assert report["slo"]["periods"] == [
        {"period": "2025-Q4", "published": 1, "within": 0, "rate": 0.0},
        {"period": "2026-Q1", "published": 2, "within": 1, "rate": 0.5},
        {"period": "2026-Q2", "published": 5, "within": 5, "rate": 1.0},
        {"period": "2026-Q3", "published": 0, "within": 0, "rate": None},
    ]
    assert report["slo"]["total"] == {"published": 8, "within": 6, "rate": 0.75}


def test_slo_backlog_of_unpublished_postmortems(report: dict[str, Any]) -> None:
    # 0302 (review): Tue 03-03 to Wed 07-15 is 134 days = 19 weeks (95 business days)
    # + Wed 07-15 = 96, less the 05-25 holiday = 95. 0702 (draft): Fri 07-03 ->
    # Mon 06 .. Fri 10, Mon 13, Tue 14, Wed 15 = 8 > 5. 0709 (draft): Fri 07-10 ->
    # 13 14 15 = 3, still within. 0710 has no 'resolved'.
    backlog = report["slo"]["backlog"]
    assert [(row["id"], row["business_days"], row["allowed"]) for row in backlog] == [
        ("INC-2026-0302", 95, 5),
        ("INC-2026-0702", 8, 5),
    ]
    assert report["slo"]["unpublished_within_slo"] == 1
    assert report["slo"]["without_resolved"] == 1


def test_holidays_move_the_slo(loaded: list[records.Postmortem]) -> None:
    # Without the Memorial Day holiday the P0 (0521) takes 25 26 27 28 = 4 > 3.
    plain = metrics.compute(loaded, settings(holidays=frozenset()))
    q2 = next(row for row in plain["slo"]["periods"] if row["period"] == "2026-Q2")
    assert (q2["published"], q2["within"]) == (5, 4)


def test_cause_distribution_rolls_up_sub_categories(report: dict[str, Any]) -> None:
    causes = report["causes"]
    # Taxonomy order; 'apparatus' never occurs, so it is not listed.
    assert causes["categories"] == [
        "prompt", "model", "retrieval", "data", "tooling", "gateway", "upstream",
    ]  # fmt: skip
    by_period = {row["period"]: row for row in causes["periods"]}
    nonzero = {p: {k: v for k, v in row["primary"].items() if v} for p, row in by_period.items()}
    # 0105's primary retrieval/stale-index counts as retrieval; drafts (Q3) are not counted.
    assert nonzero == {
        "2025-Q4": {"tooling": 1},
        "2026-Q1": {"model": 1, "retrieval": 1, "data": 1},
        "2026-Q2": {"prompt": 1, "retrieval": 1, "data": 1, "gateway": 1, "upstream": 1},
        "2026-Q3": {},
    }
    # 0212 lists retrieval/stale-index and retrieval: retrieval counts once.
    contributing = {k: v for k, v in by_period["2026-Q1"]["contributing"].items() if v}
    assert contributing == {"retrieval": 1, "data": 1}


def test_apparatus_updates_and_eval_follow_ups(report: dict[str, Any]) -> None:
    apparatus = report["apparatus"]
    # 0105's "Runbook: unchanged" and 0615's "unchanged"/"none" record no change; 0615
    # is the only finished postmortem without any.
    q1 = apparatus["periods"][1]
    assert q1 == {
        "period": "2026-Q1", "postmortems": 3, "alert": 2, "runbook": 0, "escalation": 1,
        "drill": 1, "without_updates": 0, "eval_follow_ups": 3,
    }  # fmt: skip
    assert apparatus["total"] == {
        "postmortems": 9, "alert": 6, "runbook": 1, "escalation": 2, "drill": 3,
        "without_updates": 1, "eval_follow_ups": 5,
    }  # fmt: skip


def test_severity_mix_and_time_to_contain(report: dict[str, Any]) -> None:
    severity = report["severity"]
    assert severity["severities"] == ["P0", "P1", "P2", "P3"]  # P4 only in a draft
    q1, q2 = severity["periods"][1], severity["periods"][2]
    # Q1: 45m, 2h, 4h -> (45 + 120 + 240) / 3 = 135.
    assert q1["counts"] == {"P0": 0, "P1": 2, "P2": 1, "P3": 0}
    assert q1["mean_minutes_to_contain"] == 135.0
    # Q2: 90 + 25 + 11 + 5 + 4320 (3d) = 4451 / 5 = 890.2.
    assert q2["mean_minutes_to_contain"] == 890.2
    # All: (30 + 405 + 4451) / 9 = 542.888...
    assert severity["total"]["mean_minutes_to_contain"] == 542.9
    assert severity["periods"][3]["mean_minutes_to_contain"] is None


def test_since_and_until_select_by_incident_date(loaded: list[records.Postmortem]) -> None:
    window = metrics.compute(
        loaded, settings(since=dt.date(2026, 1, 1), until=dt.date(2026, 6, 30))
    )
    assert window["periods"] == ["2026-Q1", "2026-Q2"]
    assert window["inputs"]["outside_period"] == 4  # 2025-1220 and the three July drafts
    # search loses 1220's one in-window follow-up: 3 / 7.
    assert team(window, "search")["rate"] == 0.4286
    assert window["slo"]["total"] == {"published": 7, "within": 6, "rate": 0.8571}
    assert [row["id"] for row in window["slo"]["backlog"]] == ["INC-2026-0302"]


def test_monthly_grouping(loaded: list[records.Postmortem]) -> None:
    monthly = metrics.compute(loaded, settings(group="month"))
    assert monthly["periods"] == [
        "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07",
    ]  # fmt: skip
    slo = {row["period"]: (row["published"], row["within"]) for row in monthly["slo"]["periods"]}
    assert slo["2026-01"] == (1, 1) and slo["2026-02"] == (1, 0) and slo["2026-03"] == (0, 0)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2026, 7, 3), dt.date(2026, 7, 6), 1),  # Fri -> Mon
        (dt.date(2026, 7, 3), dt.date(2026, 7, 4), 0),  # Fri -> Sat
        (dt.date(2026, 5, 22), dt.date(2026, 5, 26), 1),  # Fri -> Tue over a holiday Monday
        (dt.date(2026, 7, 6), dt.date(2026, 7, 6), 0),
    ],
)
def test_business_days(start: dt.date, end: dt.date, expected: int) -> None:
    holidays = frozenset({dt.date(2026, 5, 25)})
    assert business_days_between(start, end, holidays) == expected


def test_periods_cover_year_boundaries() -> None:
    assert periods.periods_between(dt.date(2025, 11, 30), dt.date(2026, 2, 1), "quarter") == [
        "2025-Q4",
        "2026-Q1",
    ]
    assert periods.periods_between(dt.date(2025, 11, 30), dt.date(2026, 2, 1), "month") == [
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
    ]


def test_report_json_is_identical_from_an_export_and_from_split_roots(tmp_path: Path) -> None:
    """A portfolio report over JSON Lines exports equals the report over the files."""
    config = str(REPO / ".pmlint.toml")
    common = ["--config", config, "--today", TODAY, "-f", "json"]
    direct = tmp_path / "direct.json"
    assert run(["report", str(REPO / "postmortems"), *common, "-o", str(direct)]) == 0
    # Two "repositories": the 2025-2026Q1 files exported, the rest read directly.
    files = sorted((REPO / "postmortems").glob("*.md"))
    export = tmp_path / "first.jsonl"
    first = [str(path) for path in files[:4]]
    args = ["export", *first, "--what", "postmortems", "--format", "jsonl", "--config", config]
    assert run([*args, "-o", str(export)]) == 0
    assert len(export.read_text(encoding="utf-8").splitlines()) == 4
    merged = tmp_path / "merged.json"
    rest = [str(path) for path in files[4:]]
    assert run(["report", str(export), *rest, *common, "-o", str(merged)]) == 0
    assert json.loads(merged.read_text()) == json.loads(direct.read_text())


def test_a_broken_export_line_is_one_clear_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    export = tmp_path / "broken.jsonl"
    export.write_text('{"version": 1, "path": "a.md", "front_matter": {}}\n{"version": 1}\n')
    assert run(["report", str(export), "--today", TODAY]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        f"pmlint: error: {export}:2: not a pmlint postmortem record: 'path' must be a string"
    ]


def test_the_documented_json_report_has_the_real_shape(report: dict[str, Any]) -> None:
    """docs/metrics.md's example names exactly the keys the report has ('...' elides)."""
    text = (ROOT / "docs" / "metrics.md").read_text(encoding="utf-8")
    example = json.loads(text.split("```json\n", 1)[1].split("```", 1)[0])
    actual = json.loads(RENDERERS["json"](report))

    def compare(documented: object, real: object, where: str) -> None:
        if isinstance(documented, dict):
            assert isinstance(real, dict), where
            keys = set(documented) - {"..."}
            if "..." in documented:
                assert keys <= set(real), where
            else:
                assert keys == set(real), where
            for key in keys:
                compare(documented[key], real[key], f"{where}/{key}")
        elif isinstance(documented, list) and documented and isinstance(documented[0], dict):
            assert isinstance(real, list), where
            if real:  # an empty list (no skipped file here) has no shape to compare
                compare(documented[0], real[0], f"{where}/0")

    compare(example, actual, "")
