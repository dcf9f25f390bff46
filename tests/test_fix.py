"""``pmlint fix``: the safe fixes remove their problems and touch nothing else (issue 19)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import invoke

from pmlint.authoring.fix import fix_text, plan
from pmlint.config import Config
from pmlint.running.linter import lint_text

WORKED = (Path(__file__).resolve().parent.parent / "fixtures/good/worked-example.md").read_text()
HYPHENS = "- Fix X - owner: @dana - due: 2026-12-15 - status: open - type: alert"


def fixed(text: str) -> str:
    config = Config()
    return fix_text(text, lint_text(text, "pm.md", config), config)[0]


def codes(text: str) -> list[tuple[str, int]]:
    return [(p.code, p.line) for p in lint_text(text, "pm.md", Config())]


def drop_section(text: str, heading: str) -> str:
    start = text.index(f"## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[:start] + (text[end + 1 :] if end >= 0 else "")


def as_list(text: str) -> str:
    """The worked example with a hyphen-separated list item after its follow-up table."""
    end = text.index("## Apparatus updates")
    return text[:end] + HYPHENS + "\n\n" + text[end:]


TYPOS = [
    pytest.param(WORKED.replace("## Blast radius", "## Blast Radious"), id="heading"),
    pytest.param(WORKED.replace("## Follow-up actions", "## Follow up Actions"), id="heading2"),
    pytest.param(WORKED.replace("severity: P2", "serverity: P2"), id="key"),
    pytest.param(WORKED.replace("  primary: prompt", "  primay: prompt"), id="nested-key"),
    pytest.param(
        WORKED.replace("status: published", "status: published\nparnet: INC-2026-0512"),
        id="optional-key",
    ),
    pytest.param(as_list(WORKED), id="hyphens"),
]


@pytest.mark.parametrize("text", TYPOS)
def test_a_typo_fix_gives_back_a_clean_file(text: str) -> None:
    assert codes(text), "the typo must be reported"
    after = fixed(text)
    assert codes(after) == [] or all(code == "PM602" for code, _ in codes(after))
    assert len(after.splitlines()) == len(text.splitlines())


def test_hyphen_separators_become_em_dashes_and_nothing_else_changes() -> None:
    text = as_list(WORKED)
    after = fixed(text)
    line = HYPHENS.replace(" - owner", " \u2014 owner").replace(" - due", " \u2014 due")
    line = line.replace(" - status", " \u2014 status").replace(" - type", " \u2014 type")
    assert after == text.replace(HYPHENS, line)


@pytest.mark.parametrize(
    "heading",
    ["Summary", "Cause", "Eval delta", "Apparatus updates", "What did not go well"],
)
def test_a_missing_section_is_inserted_at_its_place_in_the_template(heading: str) -> None:
    text = drop_section(WORKED, heading)
    assert ("PM101", 1) in codes(text)
    after = fixed(text)
    headings = [line for line in after.splitlines() if line.startswith("## ")]
    assert headings == [line for line in WORKED.splitlines() if line.startswith("## ")]
    inserted = after.splitlines().index(f"## {heading}") + 1
    # The hints are left to replace: the section reads as empty (or as no change recorded).
    assert codes(after) in (
        [("PM102", inserted)],
        [("PM301", inserted)],
    )


def test_several_missing_sections_go_in_template_order_with_one_blank_line_between() -> None:
    text = drop_section(drop_section(drop_section(WORKED, "Summary"), "Timeline"), "Cause")
    text = drop_section(drop_section(text, "What went well"), "What did not go well")
    after = fixed(text)
    headings = [line for line in after.splitlines() if line.startswith("## ")]
    assert headings == [line for line in WORKED.splitlines() if line.startswith("## ")]
    assert "\n\n\n" not in after
    assert fixed(after) == after


def test_missing_fields_are_added_with_hints_before_the_closing_line() -> None:
    text = WORKED.replace("team: insurance-ai\n", "").replace("duration: 11m\n", "")
    after = fixed(text)
    block = after.split("---\n")[1]
    assert "team: <owning team>\n" in block and "duration: <time to contain" in block
    assert [code for code, _ in codes(after)] == ["PM011", "PM011"]  # hints to replace


def test_an_apparatus_follow_up_row_is_added_from_the_apparatus_updates() -> None:
    text = WORKED.replace("| pending | alert |", "| pending | fix |").replace(
        "| scheduled | drill |", "| scheduled | eval |"
    )
    assert "PM203" in [code for code, _ in codes(text)]
    after = fixed(text)
    row = (
        "| slice-level alert sensitivity tightened for high-traffic intents (follow-up 3). "
        "| <owner> | <YYYY-MM-DD> | open | alert |"
    )
    assert row in after.splitlines()
    assert "PM203" not in [code for code, _ in codes(after)]
    assert fixed(after) == after


@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_crlf_and_bom_are_kept_and_only_the_fixed_bytes_change(bom: str) -> None:
    text = bom + drop_section(WORKED.replace("## Blast radius", "## Blast Radious"), "Cause")
    crlf = text.replace("\n", "\r\n")
    after = fixed(crlf)
    assert after.startswith(bom + "---\r\n")
    assert "\n" not in after.replace("\r\n", "")
    assert after.replace("\r\n", "\n") == fixed(text)
    assert fixed(after) == after


def test_every_fix_names_the_problem_it_answers() -> None:
    text = drop_section(WORKED.replace("severity: P2", "serverity: P2"), "Cause")
    problems = lint_text(text, "pm.md", Config())
    fixes = plan(text, problems, Config())
    assert {(f.code, f.line, f.kind) for f in fixes} == {
        ("PM010", 5, "rename-key"),
        ("PM101", 1, "insert-section"),
    }
    assert {(f.code, f.line) for f in fixes} <= {(p.code, p.line) for p in problems}


def test_cli_fixes_in_place_prints_what_changed_and_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_bytes(WORKED.replace("## Blast radius", "## Blast Radious").encode())
    path.chmod(0o640)
    result = invoke(tmp_path, "fix", "pm.md")
    assert result.exit_code == 0, result.output
    assert path.stat().st_mode & 0o777 == 0o640  # the file keeps its mode
    assert "pm.md:38: Rename 'Blast Radious' to 'Blast radius'" in result.output
    assert path.read_bytes() == WORKED.encode()
    again = invoke(tmp_path, "fix", "pm.md")
    assert "Fixed 0 problems in 0 files" in again.output and path.read_bytes() == WORKED.encode()


def test_cli_diff_prints_a_unified_diff_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    before = WORKED.replace("severity: P2", "serverity: P2").replace("\n", "\r\n").encode()
    path.write_bytes(before)
    stamp = path.stat().st_mtime_ns
    result = invoke(tmp_path, "fix", "--diff", "pm.md")
    assert result.exit_code == 1
    assert "--- a/pm.md\n+++ b/pm.md\n" in result.output
    assert b"-serverity: P2\r\n+severity: P2\r\n" in result.stdout_bytes
    assert path.read_bytes() == before and path.stat().st_mtime_ns == stamp


def test_cli_never_writes_through_a_link(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "real.md"
    before = WORKED.replace("severity: P2", "serverity: P2").encode()
    target.write_bytes(before)
    repo = tmp_path / "repo"
    (repo / "linked").mkdir(parents=True)
    os.symlink(target, repo / "link.md")
    os.symlink(outside, repo / "linked" / "folder")
    result = invoke(repo, "fix", ".")
    assert "link.md: is a symbolic link; pmlint fix never writes through a link" in result.output
    named = invoke(repo, "fix", "link.md")
    assert "never writes through a link" in named.output
    assert target.read_bytes() == before


def test_cli_fixes_only_the_paths_given(tmp_path: Path) -> None:
    broken = WORKED.replace("severity: P2", "serverity: P2").encode()
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_bytes(broken)
    invoke(tmp_path, "fix", "a.md")
    assert (tmp_path / "a.md").read_bytes() == WORKED.encode()
    assert (tmp_path / "b.md").read_bytes() == broken


def test_the_installed_command_fixes_a_file(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_text(drop_section(WORKED, "Timeline"))
    script = Path(sys.executable).parent / "pmlint"
    done = subprocess.run(
        [str(script), "fix", str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert f"{path}:1: Add the '## Timeline' section" in done.stdout
    assert "## Timeline\n\n- <HH:MM" in path.read_text()
