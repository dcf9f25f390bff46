"""What a repository owner uses to lock the check against the pull request it runs on.

A pull request may edit inline comments and the configuration; ``--no-inline-config`` makes
every ``pmlint-disable`` comment silence nothing, and a run that checks no file at all (every
file excluded, paths that hold none) fails unless ``--allow-empty`` says it is expected.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import invoke

SKELETON = "---\nid: INC-2026-0600\n---\n\n{comment}\n## Summary\n\nTODO\n"
#: Each silences some of the 17 errors above; the comment sits on line 5, the heading on 6.
DIRECTIVES = [
    "<!-- pmlint-disable-file -->",
    "<!-- pmlint-disable -->",
    "<!-- pmlint-disable-file PM010 PM101 -->",
    "<!-- pmlint-disable PM102 -->",
    "<!-- pmlint-disable-next-line -->",
]


def problems(folder: Path, *args: str) -> tuple[int, list[tuple[str, int]]]:
    result = invoke(folder, "lint", "-f", "json", *args)
    found = json.loads(result.stdout)["problems"]
    return result.exit_code, sorted((p["rule"], p["line"]) for p in found)


@pytest.mark.parametrize("directive", DIRECTIVES)
def test_no_inline_config_reports_what_the_comments_silence(tmp_path: Path, directive: str) -> None:
    (tmp_path / "plain.md").write_text(SKELETON.format(comment="<!-- a note -->"))
    code, expected = problems(tmp_path, "--no-cache", "plain.md")
    assert code == 1 and len(expected) == 17
    (tmp_path / "a.md").write_text(SKELETON.format(comment=directive), encoding="utf-8")
    code, silenced = problems(tmp_path, "a.md")  # cached: the flag must not reuse this result
    assert len(silenced) < len(expected)
    assert problems(tmp_path, "--no-inline-config", "a.md") == (1, expected)


def configured(folder: Path, settings: str = 'paths = ["postmortems"]\n') -> Path:
    """A repository with one failing postmortem, an empty folder and a README."""
    for name in ("postmortems", "empty"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    (folder / "postmortems" / "a.md").write_text(SKELETON.format(comment=""), encoding="utf-8")
    (folder / "README.md").write_text("# Reviews\n", encoding="utf-8")
    (folder / "pyproject.toml").write_text(f"[tool.pmlint]\n{settings}", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("settings", "args"),
    [
        ('paths = ["postmortems"]\nexclude = ["*.md"]\n', ()),  # a pull request's edit
        ('paths = ["postmortems"]\nextend_exclude = ["a.md"]\n', ()),
        ('paths = ["empty"]\n', ()),
        ('paths = ["postmortems"]\n', ("README.md",)),  # excluded by default
        ("", ("empty",)),
    ],
    ids=["exclude everything", "extend_exclude", "empty paths", "only README", "empty folder"],
)
def test_a_run_that_checks_no_file_fails_unless_allowed(
    tmp_path: Path, settings: str, args: tuple[str, ...]
) -> None:
    folder = configured(tmp_path, settings)
    result = invoke(folder, "lint", "-f", "json", "-o", "report.json", *args)
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "pmlint: error: no file was checked: the paths hold no postmortem, or every one is "
        "excluded (pass --allow-empty if that is expected)\n"
    )
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["errors"] == 0  # the report is still written
    allowed = invoke(folder, "lint", "--allow-empty", *args)
    assert allowed.exit_code == 0, allowed.output
    assert "0 files checked" in allowed.output


def test_allow_empty_changes_nothing_when_files_are_checked(tmp_path: Path) -> None:
    folder = configured(tmp_path, "")
    assert invoke(folder, "lint", "--allow-empty").exit_code == 1  # the skeleton's errors
    assert invoke(folder, "lint", "--allow-empty", "missing.md").exit_code == 2
