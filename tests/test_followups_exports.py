"""`pmlint followups`, `pmlint export` and `pmlint report` as a user runs them.

Expected rows are read off the fixture postmortems in tests/data/report-repo
(see the table in tests/test_metrics.py), not computed by the code under test.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import FIXTURES
from test_metrics import REPO, TODAY

from pmlint.cli import main
from pmlint.reports.followups import COLUMNS

CONFIG = str(REPO / ".pmlint.toml")
POSTMORTEMS = str(REPO / "postmortems")


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(main, [*args, "--config", CONFIG], catch_exceptions=False)
    return result


def test_overdue_follow_ups_with_days_overdue() -> None:
    result = invoke("followups", POSTMORTEMS, "--overdue", "--today", TODAY, "-f", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["follow_ups"]
    # Open follow-ups due before 2026-07-15, oldest first: 02-15 is 150 days back,
    # 03-15 122, 03-20 117 (two), 05-01 75, 06-15 30.
    assert [(r["incident"], r["days_overdue"]) for r in rows] == [
        ("INC-2026-0105", 150),
        ("INC-2026-0212", 122),
        ("INC-2026-0302", 117),
        ("INC-2026-0302", 117),
        ("INC-2026-0406", 75),
        ("INC-2026-0521", 30),
    ]
    assert rows[0]["action"] == "Fix the index scheduler" and rows[0]["status"] == "in progress"


def test_overdue_fail_exits_1_only_when_something_is_overdue() -> None:
    assert invoke("followups", POSTMORTEMS, "--overdue", "--fail", "--today", TODAY).exit_code == 1
    # On 2026-01-10 the only follow-up due before it is INC-2025-1220's alert (due 01-15,
    # done): nothing is overdue.
    quiet = invoke("followups", POSTMORTEMS, "--overdue", "--fail", "--today", "2026-01-10")
    assert quiet.exit_code == 0
    assert quiet.output == "no follow-ups\n0 follow-ups, 0 overdue\n"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        # Eval lead owns the eval follow-ups of 0105, 0212, 0302, 0406, 0420 and 0702.
        (["--owner", "eval LEAD"], 6),
        # billing's open: 0302's two pending, 0615's drill, 0702's eval.
        (["--team", "billing", "--open"], 4),
        (["--type", "eval", "--open"], 2),
        (["--type", "drill", "--type", "escalation"], 4),
        ([], 26),
    ],
)
def test_filters(filters: list[str], expected: int) -> None:
    result = invoke("followups", POSTMORTEMS, "--today", TODAY, "-f", "csv", *filters)
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == expected


def test_table_is_aligned_and_markdown_is_a_table() -> None:
    table = invoke("followups", POSTMORTEMS, "--open", "--today", TODAY).output.splitlines()
    header, rule = table[0], table[1]
    assert header.split()[:3] == ["incident", "action", "owner"]
    starts = [i for i, ch in enumerate(rule) if ch == "-" and (i == 0 or rule[i - 1] == " ")]
    due = starts[header.split().index("due")]
    for line in table[2:-1]:  # every column starts where its rule starts
        padded = line.ljust(len(rule))
        assert all(padded[i - 1] == " " for i in starts[1:])
        assert re.fullmatch(r"2026-\d\d-\d\d", padded[due : due + 10])
    assert table[-1] == "10 follow-ups, 6 overdue"
    markdown = invoke("followups", POSTMORTEMS, "--open", "--today", TODAY, "-f", "markdown")
    lines = markdown.output.splitlines()
    assert lines[0].startswith("| incident | action |") and lines[1].startswith("| --- |")
    assert len(lines) == 2 + 10


def test_csv_has_every_column() -> None:
    result = invoke("followups", POSTMORTEMS, "--today", TODAY, "-f", "csv")
    assert result.output.splitlines()[0] == ",".join(COLUMNS)


def test_export_drills() -> None:
    result = invoke("export", POSTMORTEMS, "--what", "drills", "--today", TODAY)
    records = json.loads(result.output)["records"]
    assert [(r["incident"], r["source"]) for r in records] == [
        ("INC-2026-0212", "apparatus_update"),
        ("INC-2026-0212", "follow_up"),
        ("INC-2026-0406", "apparatus_update"),
        ("INC-2026-0420", "apparatus_update"),
        ("INC-2026-0420", "follow_up"),
        ("INC-2026-0615", "follow_up"),
    ]
    assert records[0]["text"] == "model rollback added to the drill calendar."
    assert records[1]["owner"] == "Drill lead" and records[1]["due"] == "2026-03-20"


def test_export_evals_from_eval_deltas_and_follow_ups() -> None:
    result = invoke("export", POSTMORTEMS, "--what", "evals", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    # Six postmortems name an eval gap, each with one eval follow-up; the others say "No gap:".
    assert [row["source"] for row in rows] == ["eval_delta", "follow_up"] * 6
    assert rows[0]["text"].startswith("The eval set missed this failure mode")


def test_export_postmortems_jsonl_carries_the_model() -> None:
    result = invoke("export", POSTMORTEMS, "--what", "postmortems", "--format", "jsonl")
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert len(lines) == 12
    first = lines[0]
    assert first["version"] == 1 and first["path"].endswith("inc-2025-1220.md")
    assert first["front_matter"]["team"] == "search"
    assert first["follow_ups"][0]["status"] == "done"
    assert first["apparatus_updates"][0] == {
        "kind": "alert", "text": "Alert: indexer lag alert added.", "records_change": True,
    }  # fmt: skip
    assert first["sections"]["eval_delta"]["empty"] is False


def test_export_postmortems_csv_is_one_row_each() -> None:
    result = invoke("export", POSTMORTEMS, "--what", "postmortems", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 12
    assert rows[1]["cause_primary"] == "retrieval/stale-index"
    assert rows[1]["duration_minutes"] == "45"
    assert (rows[1]["follow_ups"], rows[1]["follow_ups_closed"]) == ("4", "3")


def test_report_text_flags_teams_below_target() -> None:
    output = invoke("report", POSTMORTEMS, "--today", TODAY).output
    flagged = {line.split()[0] for line in output.splitlines() if "BELOW TARGET" in line}
    assert flagged == {"assist", "search", "(all"}


def test_report_csv_long_format() -> None:
    output = invoke("report", POSTMORTEMS, "--today", TODAY, "-f", "csv").output
    rows = list(csv.reader(io.StringIO(output)))
    assert rows[0] == ["table", "key", "column", "value"]
    assert ["closure", "billing", "rate", "0.8"] in rows
    assert ["slo_backlog", "INC-2026-0302", "business days", "95"] in rows


def test_report_markdown_has_a_section_per_table() -> None:
    output = invoke("report", POSTMORTEMS, "--today", TODAY, "-f", "markdown").output
    assert output.startswith("# Postmortem report\n")
    # The headline, closure per team per quarter and overdue by owner, then the seven tables.
    assert output.count("\n## ") == 10


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "markdown", "html"])
def test_report_is_byte_identical_run_to_run(fmt: str) -> None:
    first = invoke("report", POSTMORTEMS, "--today", TODAY, "-f", fmt).output
    second = invoke("report", POSTMORTEMS, "--today", TODAY, "-f", fmt).output
    assert first == second and first


def test_missing_path_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["report", "no/such/folder"], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.output.strip() == "pmlint: error: no/such/folder: no such file or directory"


def test_unreadable_file_is_skipped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "broken.md").write_bytes(b"\xff\xfe binary")
    done = subprocess.run(
        [sys.executable, "-m", "pmlint", "report", str(tmp_path), "--today", TODAY, "-f", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "broken.md: skipped: File is UTF-16" in done.stderr
    report = json.loads(done.stdout)
    assert report["inputs"]["skipped"][0]["reason"].startswith("File is UTF-16")
    assert report["periods"] == [] and report["closure"]["total"]["rate"] is None


HALF_ADOPTED = """---
title: Notifications stopped
date: 2023-12-01
---

# Notifications stopped

## Action Items

| Action Item | Owner |
|---|---|
| Add an alert in monitoring if no notifications happen in a certain period. | Notifications lead |
| Refactor the subscriptions and notifications codebase. | Notifications lead |
"""


def test_a_table_without_follow_up_columns_gives_no_rows(tmp_path: Path) -> None:
    """In a file not yet adopted, '| Action Item | Owner |' rows have no action: listing them
    showed rows with only an owner."""
    (tmp_path / "old.md").write_text(HALF_ADOPTED, encoding="utf-8")
    result = invoke("followups", str(tmp_path), "-f", "json", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["follow_ups"] == []
    table = invoke("followups", str(tmp_path), "--today", TODAY)
    assert table.output == "no follow-ups\n0 follow-ups, 0 overdue\n"


LONG_ACTION = "Expand the policy_comparison eval to every intent slice " * 3


@pytest.mark.parametrize(("columns", "fits"), [("120", 120), ("", 100), ("300", 300)])
def test_the_table_fits_the_terminal_by_cutting_the_action(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columns: str, fits: int
) -> None:
    """COLUMNS, else the terminal's width, else 100 columns (a pipe, a CI log)."""
    if columns:
        monkeypatch.setenv("COLUMNS", columns)
    else:  # and no terminal, as in a pipe, even under pytest -s

        def no_terminal(fd: int = 1) -> os.terminal_size:
            raise OSError(fd, "not a terminal")

        monkeypatch.delenv("COLUMNS", raising=False)
        monkeypatch.setattr(os, "get_terminal_size", no_terminal)
    worked = (FIXTURES / "good" / "worked-example.md").read_text(encoding="utf-8")
    text = worked.replace("Expand policy_comparison eval coverage", LONG_ACTION.strip())
    (tmp_path / "pm.md").write_text(text, encoding="utf-8")
    lines = invoke("followups", str(tmp_path), "--today", TODAY).output.splitlines()
    assert max(len(line) for line in lines) <= fits
    cut = [line for line in lines if "  Expand the " in line]
    assert len(cut) == 1
    assert (LONG_ACTION.strip() in cut[0]) == (fits == 300)
    assert cut[0].split("  ")[1].endswith("…") != (fits == 300)
    written = tmp_path / "followups.txt"
    assert invoke("followups", str(tmp_path), "--today", TODAY, "-o", str(written)).exit_code == 0
    assert LONG_ACTION.strip() in written.read_text(encoding="utf-8")  # a file is not cut
