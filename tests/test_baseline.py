"""Baseline and enforce_from: old problems are known, new ones fail, fixed ones go stale."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, FIXTURES, invoke, require_shared

from pmlint.config import Config
from pmlint.problem import Problem, Severity
from pmlint.running import baseline
from pmlint.running.linter import lint_text
from pmlint.running.report import Report

WORKED = (FIXTURES / "good" / "worked-example.md").read_text(encoding="utf-8")
#: An old postmortem with two gaps: no Eval delta section, a number-free blast radius.
OLD = (
    WORKED.replace(WORKED[WORKED.index("## Eval delta") : WORKED.index("## Follow-up")], "")
    .replace("38 user sessions across 14 tenants over 42 minutes", "Some sessions")
    .replace("22% thumbs-down", "high thumbs-down")
    .replace("INC-2026-0512", "INC-2019-0001")
    .replace("2026-05-1", "2019-05-1")
)


def problem(line: int, code: str, pointer: str, message: str, path: str = "a.md") -> Problem:
    return Problem(path, line, 1, code, "slug", Severity.ERROR, message, pointer)


def test_old_postmortem_has_the_two_gaps() -> None:
    codes = sorted(p.code for p in lint_text(OLD, "old.md", Config()))
    assert codes == ["PM101", "PM401"]


def test_matching_ignores_lines_and_reports_new_and_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    known = [
        baseline.Entry("a.md", "PM101", "/sections/eval_delta", "Section 'Eval delta' is missing"),
        baseline.Entry("a.md", "PM401", "/sections/blast_radius", "Blast radius has no number"),
    ]
    today = Report(
        (
            # the same problem, 20 lines further down after an unrelated edit
            problem(61, "PM101", "/sections/eval_delta", "Section 'Eval delta' is missing"),
            # a new problem
            problem(70, "PM102", "/sections/cause", "Section 'Cause' is empty"),
        ),
        files_checked=1,
        files=("a.md",),
    )
    monkeypatch.chdir(tmp_path)
    result = baseline.apply(today, known, tmp_path, ".pmlint-baseline.json")
    assert [p.code for p in result.problems] == ["PM102"]
    assert result.baseline is not None
    assert result.baseline.known == 1
    assert [e.rule for e in result.baseline.stale] == ["PM401"]


def test_several_problems_at_one_pointer_are_told_apart_by_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    known = [
        baseline.Entry("a.md", "PM403", "/sections/cause", "blames Alice"),
        baseline.Entry("a.md", "PM403", "/sections/cause", "blames Bob"),
    ]
    today = Report(
        (
            problem(9, "PM403", "/sections/cause", "blames Bob"),
            problem(12, "PM403", "/sections/cause", "blames Carol"),
        ),
        files_checked=1,
        files=("a.md",),
    )
    result = baseline.apply(today, known, tmp_path, "b.json")
    # Bob is known; Carol pairs with the unmatched Alice entry (a reworded message)
    assert result.problems == ()
    assert result.baseline is not None and result.baseline.stale == ()
    fewer = Report((problem(9, "PM403", "/sections/cause", "blames Bob"),), 1, ("a.md",))
    result = baseline.apply(fewer, known, tmp_path, "b.json")
    assert result.baseline is not None
    assert [e.message for e in result.baseline.stale] == ["blames Alice"]
    more = Report(
        tuple(problem(n, "PM403", "/sections/cause", f"blames {n}") for n in (1, 2, 3)),
        1,
        ("a.md",),
    )
    assert [p.line for p in baseline.apply(more, known, tmp_path, "b.json").problems] == [3]


def test_entries_of_files_outside_the_run_are_not_stale_unless_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "other.md").write_text("x", encoding="utf-8")
    known = [
        baseline.Entry("other.md", "PM101", "/sections/cause", "m"),
        baseline.Entry("deleted.md", "PM101", "/sections/cause", "m"),
    ]
    result = baseline.apply(Report((), 1, ("a.md",)), known, tmp_path, "b.json")
    assert result.baseline is not None
    assert [e.path for e in result.baseline.stale] == ["deleted.md"]


def test_file_is_sorted_one_entry_per_line_and_round_trips(tmp_path: Path) -> None:
    entries = [
        baseline.Entry("b.md", "PM101", "/sections/cause", "z"),
        baseline.Entry("a.md", "PM401", "/sections/blast_radius", "ünïcode"),
        baseline.Entry("a.md", "PM101", "/sections/cause", "y"),
    ]
    text = baseline.render(entries)
    assert text == baseline.render(reversed(entries))
    lines = text.splitlines()
    assert lines[4].startswith('  {"path": "a.md", "rule": "PM101"')
    assert "ünïcode" in text
    path = tmp_path / "b.json"
    path.write_text(text, encoding="utf-8")
    assert baseline.load(path) == sorted(entries)
    path.write_text(baseline.render([]), encoding="utf-8")
    assert baseline.load(path) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"version": 1,\n"problems": [}', "b.json:2: not valid JSON"),
        ('{"version": 7, "problems": []}', "not a pmlint baseline"),
        ('{"version": 1, "problems": [{"path": "a.md"}]}', "problems[0] needs the strings"),
    ],
)
def test_a_broken_baseline_is_one_clear_error(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "b.json").write_text(content, encoding="utf-8")
    (tmp_path / "old.md").write_text(OLD, encoding="utf-8")
    (tmp_path / ".pmlint.toml").write_text('baseline = "b.json"\n', encoding="utf-8")
    result = invoke(tmp_path, "old.md")
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.splitlines()) == 1


def test_configured_baseline_that_is_missing_says_how_to_create_it(tmp_path: Path) -> None:
    (tmp_path / "old.md").write_text(OLD, encoding="utf-8")
    (tmp_path / ".pmlint.toml").write_text('baseline = "b.json"\n', encoding="utf-8")
    result = invoke(tmp_path, "old.md")
    assert result.exit_code == 2
    assert "baseline file not found; run 'pmlint baseline'" in result.output


def test_cli_baseline_then_lint(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "old.md").write_text(OLD, encoding="utf-8")
    (docs / "good.md").write_text(WORKED, encoding="utf-8")
    assert invoke(tmp_path, "docs").exit_code == 1

    written = invoke(tmp_path, "baseline", "docs")
    assert written.exit_code == 0, written.output
    assert written.output.startswith(".pmlint-baseline.json: ")
    assert "Add  baseline" in written.output
    before = (tmp_path / ".pmlint-baseline.json").read_text(encoding="utf-8")
    assert invoke(tmp_path, "baseline", "docs").exit_code == 0
    assert (tmp_path / ".pmlint-baseline.json").read_text(encoding="utf-8") == before

    (tmp_path / ".pmlint.toml").write_text(
        'paths = ["docs"]\nbaseline = ".pmlint-baseline.json"\n', encoding="utf-8"
    )
    clean = invoke(tmp_path)
    assert clean.exit_code == 0, clean.output
    assert "known problem" in clean.output and "hidden by the baseline" in clean.output
    assert invoke(tmp_path, "--no-baseline").exit_code == 1

    # an unrelated edit moves every line: still known
    (docs / "old.md").write_text(OLD.replace("\n## Summary", "\n\n\n\n## Summary"), "utf-8")
    assert invoke(tmp_path).exit_code == 0

    # a new bad postmortem fails, alone
    (docs / "new.md").write_text(OLD.replace("INC-2019-0001", "INC-2026-0999"), "utf-8")
    failing = invoke(tmp_path, "--format", "json")
    assert failing.exit_code == 1
    report = json.loads(failing.output)
    assert {p["path"] for p in report["problems"]} == {"docs/new.md"}
    assert report["baseline"]["stale"] == []

    # fixing the old gap leaves a stale entry, reported but not failing
    (docs / "new.md").unlink()
    (docs / "old.md").write_text(OLD.replace("Some sessions", "12 sessions"), "utf-8")
    stale = invoke(tmp_path)
    assert stale.exit_code == 0
    assert "stale entry: docs/old.md PM401 /sections/blast_radius is fixed" in stale.output
    assert invoke(tmp_path, "baseline").exit_code == 0
    after = (tmp_path / ".pmlint-baseline.json").read_text(encoding="utf-8")
    assert "PM401" in before and "PM401" not in after
    assert "stale" not in invoke(tmp_path).output


def test_baseline_of_some_files_keeps_the_others(tmp_path: Path) -> None:
    (tmp_path / "one.md").write_text(OLD, encoding="utf-8")
    (tmp_path / "two.md").write_text(OLD.replace("INC-2019-0001", "INC-2019-0002"), "utf-8")
    assert invoke(tmp_path, "baseline", ".").exit_code == 0
    (tmp_path / "one.md").write_text(WORKED, encoding="utf-8")
    assert invoke(tmp_path, "baseline", "one.md").exit_code == 0
    known = baseline.load(tmp_path / ".pmlint-baseline.json")
    assert {e.path for e in known} == {"two.md"}


def test_enforce_from_turns_errors_of_older_postmortems_into_warnings() -> None:
    old = lint_text(OLD, "old.md", Config(enforce_from=dt.date(2020, 1, 1)))
    assert old and all(p.severity is Severity.WARNING for p in old)
    new = OLD.replace("2019-05-1", "2021-05-1")
    enforced = lint_text(new, "new.md", Config(enforce_from=dt.date(2020, 1, 1)))
    assert any(p.severity is Severity.ERROR for p in enforced)


def test_enforce_from_in_configuration(tmp_path: Path) -> None:
    (tmp_path / "old.md").write_text(OLD, encoding="utf-8")
    (tmp_path / ".pmlint.toml").write_text('enforce_from = "2019-05-12"\n', encoding="utf-8")
    assert invoke(tmp_path, "old.md").exit_code == 1  # the same day is enforced
    (tmp_path / ".pmlint.toml").write_text('enforce_from = "2019-05-13"\n', encoding="utf-8")
    result = invoke(tmp_path, "old.md")
    assert result.exit_code == 0 and "[warning] missing-section" in result.output
    (tmp_path / ".pmlint.toml").write_text('enforce_from = "May 2019"\n', encoding="utf-8")
    assert invoke(tmp_path, "old.md").exit_code == 2


def test_lint_paths_applies_the_configured_baseline_as_the_cli_prints(tmp_path: Path) -> None:
    """A library caller gets the report ``pmlint lint`` prints, baseline included."""
    import os
    from dataclasses import replace

    from pmlint import config as config_module
    from pmlint import lint_paths
    from pmlint.formats import as_json

    (tmp_path / "old.md").write_text(OLD, encoding="utf-8")
    assert invoke(tmp_path, "baseline", ".").exit_code == 0
    (tmp_path / "new.md").write_text(OLD.replace("INC-2019-0001", "INC-2026-0999"), "utf-8")
    (tmp_path / ".pmlint.toml").write_text('baseline = ".pmlint-baseline.json"\n', "utf-8")
    printed = invoke(tmp_path, "-f", "json", ".").output
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        settings = config_module.load()
        report = lint_paths(["."], settings)
        everything = lint_paths(["."], replace(settings, baseline=None))
    finally:
        os.chdir(old)
    assert as_json(report) == printed
    assert report.baseline is not None and report.baseline.known == 2
    assert {p.path for p in report.problems} == {"new.md"}
    assert everything.baseline is None and len(everything.problems) == 4


def _follow_ups(rows: str) -> str:
    """OLD with its follow-up table replaced by ``rows``, a list of follow-ups."""
    start, end = OLD.index("## Follow-up actions"), OLD.index("## Apparatus updates")
    return OLD[:start] + f"## Follow-up actions\n\n{rows}\n" + OLD[end:]


def test_an_entry_stops_matching_when_the_text_it_points_at_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The item is still /follow_ups/0 after a rewrite, but no longer what was recorded."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    before = _follow_ups("- Fix the deploy check")
    after = _follow_ups("- Fix the deploy check — owner: <owner> — due: <YYYY-MM-DD>")
    rewrapped = _follow_ups("- Fix   the deploy\n  check")
    known = baseline.entries(lint_text(before, "a.md", Config()), tmp_path)
    assert {"/follow_ups/0", "/follow_ups"} <= {e.pointer for e in known}
    assert all(len(e.hash) == 16 for e in known)

    def shown(text: str) -> list[str]:
        report = Report(tuple(lint_text(text, "a.md", Config())), 1, ("a.md",))
        return [p.pointer for p in baseline.apply(report, known, tmp_path, "b.json").problems]

    assert shown(before) == [] and shown(rewrapped) == []
    assert "/follow_ups/0" in shown(after)


def test_a_version_1_baseline_matches_as_before_and_says_to_rewrite_it(tmp_path: Path) -> None:
    (tmp_path / "old.md").write_text(OLD, encoding="utf-8")
    assert invoke(tmp_path, "baseline", ".").exit_code == 0
    written = json.loads((tmp_path / ".pmlint-baseline.json").read_text(encoding="utf-8"))
    assert written["version"] == 2 and all(e["hash"] for e in written["problems"])
    for entry in written["problems"]:
        del entry["hash"]
    written["version"] = 1
    (tmp_path / ".pmlint-baseline.json").write_text(json.dumps(written), encoding="utf-8")
    (tmp_path / ".pmlint.toml").write_text('baseline = ".pmlint-baseline.json"\n', "utf-8")
    # a version 1 entry matches whatever its section says now, as it did
    (tmp_path / "old.md").write_text(OLD.replace("Some sessions", "Sessions"), "utf-8")
    result = invoke(tmp_path, ".")
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if "older pmlint" in line]
    assert len(notes) == 1 and "run 'pmlint baseline'" in notes[0]
    assert invoke(tmp_path, "baseline", ".").exit_code == 0
    assert "older pmlint" not in invoke(tmp_path, ".").output


def test_the_old_baseline_does_not_hide_what_adopt_leaves_to_fill_in(tmp_path: Path) -> None:
    """The README's adoption walk on a postmortem with front-matter and follow-ups: once the
    converted file replaces the original, its placeholder follow-ups fail, though the old
    baseline had entries at the same pointers."""
    original = require_shared(
        CORPUS / "openSUSE__obs-landing___posts__deployments__2022-12-06-post-mortem.md"
    )
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile(original, docs / "outage.md")
    (tmp_path / ".pmlint.toml").write_text(
        'paths = ["docs"]\nbaseline = ".pmlint-baseline.json"\n', encoding="utf-8"
    )
    assert invoke(tmp_path, "baseline").exit_code == 0
    recorded = baseline.load(tmp_path / ".pmlint-baseline.json")
    assert {"/follow_ups/0", "/follow_ups/1"} <= {e.pointer for e in recorded if e.rule == "PM201"}
    assert invoke(tmp_path, "adopt", "docs/outage.md").exit_code == 0
    (docs / "outage.pmlint.md").replace(docs / "outage.md")
    assert "owner: <owner> — due: <YYYY-MM-DD>" in (docs / "outage.md").read_text("utf-8")
    result = invoke(tmp_path, "-f", "json")
    assert result.exit_code == 1
    shown = {(p["rule"], p["pointer"]) for p in json.loads(result.output)["problems"]}
    assert {
        ("PM201", "/follow_ups/0"),
        ("PM201", "/follow_ups/1"),
        ("PM203", "/follow_ups"),
    } <= shown
