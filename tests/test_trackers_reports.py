"""followups and report read the ticket snapshot: the tracker's state beside the document's,
and closure judged from the tracker."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import invoke
from test_trackers_lint import CONFIG, _snapshot
from tracker_docs import postmortem, write_repo

A, B, C = (f"https://github.com/o/r/issues/{n}" for n in (1, 2, 3))


def _repo(root: Path) -> None:
    # Published 2026-05-15: the closure window ends 2026-06-14.
    rows = [("open", "", A), ("done", "2026-05-20", B), ("in progress", "", C)]
    write_repo(root, CONFIG, {"a.md": postmortem(rows)})


def test_followups_show_the_ticket_beside_the_document(tmp_path: Path) -> None:
    _repo(tmp_path)
    before = json.loads(invoke(tmp_path, "followups", "-f", "json", "--today", "2026-07-01").stdout)
    assert {(f["ticket_state"], f["ticket_closed"]) for f in before["follow_ups"]} == {(None, None)}
    _snapshot(tmp_path, {A: ("closed", "2026-05-30"), B: ("open", None)}, "2026-06-30T06:00:00Z")
    shown = json.loads(invoke(tmp_path, "followups", "-f", "json", "--today", "2026-07-01").stdout)
    by_ticket = {f["ticket"]: f for f in shown["follow_ups"]}
    assert (
        by_ticket[A]["status"],
        by_ticket[A]["ticket_state"],
        by_ticket[A]["ticket_closed"],
    ) == (
        "open",
        "closed",
        "2026-05-30",
    )
    assert (by_ticket[B]["ticket_state"], by_ticket[B]["ticket_closed"]) == ("open", None)
    assert by_ticket[C]["ticket_state"] is None  # not in the snapshot
    table = invoke(tmp_path, "followups", "--today", "2026-07-01").stdout
    assert "ticket state" in table.splitlines()[0] and "2026-05-30" in table
    rows = list(csv.DictReader(io.StringIO(invoke(tmp_path, "followups", "-f", "csv").stdout)))
    assert {row["ticket"]: row["ticket_state"] for row in rows}[A] == "closed"
    markdown = invoke(tmp_path, "followups", "-f", "markdown").stdout
    assert "| ticket state | ticket closed |" in markdown


def test_report_judges_closure_from_the_tracker(tmp_path: Path) -> None:
    _repo(tmp_path)
    without = json.loads(invoke(tmp_path, "report", "-f", "json", "--today", "2026-07-01").stdout)
    team = without["closure"]["teams"][0]
    assert (team["closed_in_window"], team["not_closed"]) == (1, 2)
    assert "from_tracker" not in team  # no snapshot: the report is as it always was
    # A closed on the tracker within the window; B reopened; C unknown to the tracker.
    _snapshot(tmp_path, {A: ("closed", "2026-05-30"), B: ("open", None)}, "2026-06-30T06:00:00Z")
    judged = json.loads(invoke(tmp_path, "report", "-f", "json", "--today", "2026-07-01").stdout)
    team = judged["closure"]["teams"][0]
    assert (team["closed_in_window"], team["not_closed"], team["from_tracker"]) == (1, 2, 2)
    # Closed on the tracker after the window: late, by the tracker's date.
    _snapshot(tmp_path, {A: ("closed", "2026-06-20"), B: ("closed", None)}, "2026-06-30T06:00:00Z")
    judged = json.loads(invoke(tmp_path, "report", "-f", "json", "--today", "2026-07-01").stdout)
    team = judged["closure"]["teams"][0]
    # B has no tracker date: the document's 2026-05-20 counts, in the window.
    assert (team["closed_in_window"], team["closed_late"], team["not_closed"]) == (1, 1, 1)
    text = invoke(tmp_path, "report", "--today", "2026-07-01").stdout
    assert "from tracker" in text


def test_overdue_is_judged_by_the_tracker(tmp_path: Path) -> None:
    """A ticket closed on the tracker is not overdue; one reopened there is."""
    _repo(tmp_path)
    listed = invoke(tmp_path, "followups", "--overdue", "-f", "json", "--today", "2026-07-01")
    assert {f["ticket"] for f in json.loads(listed.stdout)["follow_ups"]} == {A, C}
    _snapshot(tmp_path, {A: ("closed", "2026-05-30"), B: ("open", None)}, "2026-06-30T06:00:00Z")
    listed = invoke(tmp_path, "followups", "--overdue", "-f", "json", "--today", "2026-07-01")
    assert {f["ticket"] for f in json.loads(listed.stdout)["follow_ups"]} == {B, C}
