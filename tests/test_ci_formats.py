"""The formats a CI job shows: GitHub annotations (capped) and the Markdown job summary (all)."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from pmlint import cli, formats
from pmlint.problem import Problem, Severity
from pmlint.running.report import Report


def problem(path: str, line: int, code: str, severity: Severity, message: str = "gap") -> Problem:
    return Problem(path, line, 1, code, "slug", severity, message)


def many(count: int, severity: Severity, code: str, path: str = "b.md") -> list[Problem]:
    return [problem(path, line, code, severity) for line in range(1, count + 1)]


def workflow_commands(report: Report, quiet: bool = False) -> list[tuple[str, str]]:
    """(level, "file:line CODE") of each workflow command, in order."""
    found = []
    for line in formats.github(report, quiet).splitlines():
        match = re.match(r"::(\w+) ([^:]*)::", line)
        assert match is not None, line
        level, props = match.groups()
        fields = dict(part.split("=", 1) for part in props.split(","))
        found.append((level, f"{fields.get('file')}:{fields.get('line')} {fields['title']}"))
    return found


def test_github_annotates_errors_before_warnings_whatever_the_path_order() -> None:
    report = Report(
        (problem("a.md", 1, "PM401", Severity.WARNING), *many(2, Severity.ERROR, "PM102")), 2
    )
    assert workflow_commands(report) == [
        ("error", "b.md:1 PM102 slug"),
        ("error", "b.md:2 PM102 slug"),
        ("warning", "a.md:1 PM401 slug"),
    ]


def test_github_caps_each_level_at_ten_and_counts_the_rest() -> None:
    problems = [*many(13, Severity.WARNING, "PM401", "a.md"), *many(12, Severity.ERROR, "PM102")]
    report = Report(tuple(sorted(problems)), 2)
    found = workflow_commands(report)
    levels = [level for level, _ in found]
    assert levels == ["error"] * 10 + ["warning"] * 10 + ["notice"]
    notice = formats.github(report).splitlines()[-1]
    assert notice.startswith("::notice title=pmlint::5 more problems were not annotated")


def test_github_puts_whole_file_gaps_first_within_a_level() -> None:
    problems = [
        *many(10, Severity.ERROR, "PM201", "a.md"),
        problem("z.md", 1, "PM101", Severity.ERROR),
    ]
    found = workflow_commands(Report(tuple(sorted(problems)), 2))
    assert found[0] == ("error", "z.md:1 PM101 slug")  # a missing section outranks item gaps
    assert found[-1] == ("notice", "None:None pmlint")


def test_github_quiet_drops_warnings_and_no_notice_when_all_fit() -> None:
    report = Report((*many(3, Severity.ERROR, "PM102"), *many(20, Severity.WARNING, "PM401")), 1)
    assert [level for level, _ in workflow_commands(report, quiet=True)] == ["error"] * 3


def test_markdown_groups_every_problem_by_file_in_tables() -> None:
    problems = [
        *many(12, Severity.ERROR, "PM102", "a.md"),
        problem("b.md", 7, "PM401", Severity.WARNING),
    ]
    out = formats.markdown(Report(tuple(problems), 3))
    assert out.startswith("## pmlint\n\n12 errors, 1 warning in 2 files (3 files checked)\n")
    assert out.count("| Line | Rule | Severity | Message |") == 2
    a_table = out[out.index("### a.md") : out.index("### b.md")]
    assert (
        a_table.count("| PM102 slug | error | gap |") == 12
    )  # nothing dropped, unlike annotations
    assert out.endswith("### b.md\n\n| Line | Rule | Severity | Message |\n|---:|---|---|---|\n"
                        "| 7 | PM401 slug | warning | gap |\n")  # fmt: skip


def test_markdown_escapes_user_text_so_it_cannot_break_the_table_or_inject_html() -> None:
    message = "Section | <script>alert(1)</script> has `code` and *stars*\nand a newline"
    out = formats.markdown(Report((problem("dir/x_y.md", 3, "PM102", Severity.ERROR, message),), 1))
    row = next(line for line in out.splitlines() if line.startswith("| 3 |"))
    assert row.count(" | ") == 3  # four cells: the message's pipe is escaped
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "\\`code\\`" in row and "\\*stars\\*" in row and "and a newline" in row
    assert "### dir/x\\_y.md" in out


def test_markdown_stays_under_the_limit_and_says_what_it_left_out() -> None:
    problems = tuple(
        problem(f"f{n:03d}.md", line, "PM102", Severity.ERROR, "x" * 200)
        for n in range(100)
        for line in range(1, 11)
    )
    report = Report(problems, 100)
    full = formats.markdown(report, limit=10**9)
    cut = formats.markdown(report, limit=50_000)
    assert len(full.encode()) > 200_000 and "not shown" not in full
    assert len(cut.encode()) <= 50_000
    shown = cut.count("| PM102 slug |")
    assert 0 < shown < 1000
    assert f"**{1000 - shown} more problems not shown**" in cut
    rows = [line for line in cut.splitlines() if line.startswith("| ")]
    assert all(line.endswith(" |") for line in rows)  # cut at a whole row


def test_markdown_default_limit_is_under_githubs_one_mebibyte() -> None:
    problems = tuple(
        problem(f"f{n:04d}.md", 1, "PM102", Severity.ERROR, "y" * 300) for n in range(5000)
    )
    out = formats.markdown(Report(problems, 5000))
    assert len(out.encode()) < 1024 * 1024
    assert "more problems not shown" in out


def test_markdown_quiet_shows_errors_only() -> None:
    report = Report(
        (
            problem("a.md", 1, "PM102", Severity.ERROR),
            problem("a.md", 2, "PM401", Severity.WARNING),
        ),
        1,
    )
    out = formats.markdown(report, quiet=True)
    assert "PM102" in out and "PM401" not in out


def test_every_formatter_is_a_cli_choice() -> None:
    option = next(p for p in cli.main.commands["lint"].params if p.name == "formats")
    assert isinstance(option.type, click.Choice)
    assert list(option.type.choices) == list(formats.FORMATTERS)


def test_github_and_markdown_in_one_run(tmp_path: Path) -> None:
    """The action's call: the summary to a file, the annotations to stdout."""
    (tmp_path / "pm.md").write_text("---\nid: INC-1\n---\n", encoding="utf-8")
    summary = tmp_path / "summary.md"
    runner = CliRunner()
    result = runner.invoke(
        cli.main, ["-f", "markdown", "-o", str(summary), "-f", "github", str(tmp_path)]
    )
    assert result.exit_code == 1
    annotated = result.output.count("::error ")
    tabled = summary.read_text(encoding="utf-8").count("| error |")
    assert annotated == 10 and tabled > annotated


def test_markdown_says_how_many_problems_the_baseline_hides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "postmortems").mkdir()
    (tmp_path / "postmortems" / "old.md").write_text("---\nid: INC-1\n---\n", encoding="utf-8")
    (tmp_path / ".pmlint.toml").write_text(
        'paths = ["postmortems"]\nbaseline = ".pmlint-baseline.json"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli.main, ["baseline"]).exit_code == 0
    result = runner.invoke(cli.main, ["-f", "markdown"])
    assert result.exit_code == 0, result.output
    notes = re.findall(
        r"\n(\d+) known problems hidden by the baseline \.pmlint-baseline\.json\n", result.output
    )
    assert notes and int(notes[0]) > 5
    assert "| error |" not in result.output
