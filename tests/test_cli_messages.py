"""The command line's own messages, as a new user meets them (issue 17, items 5, 10 and 11).

Every usage error is one line on stderr and exit 2, as the README says; a slip gets the
nearest right spelling.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from conftest import invoke


def test_a_misspelt_command_is_not_read_as_a_path(tmp_path: Path) -> None:
    result = invoke(tmp_path, "reprot")
    assert (result.exit_code, result.output) == (
        2,
        "pmlint: error: 'reprot' is not a file, a folder or a command; did you mean 'report'?\n",
    )


def test_a_path_close_to_a_command_is_still_linted(tmp_path: Path) -> None:
    (tmp_path / "reprot").mkdir()
    assert "no file was checked" in invoke(tmp_path, "reprot").output
    absent = invoke(tmp_path, "incidents")  # close to no command: a missing path
    assert absent.output == "pmlint: error: incidents: no such file or directory\n"


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["--frmat", "json", "."],
            "no such option '--frmat'. Did you mean '--format'? (see 'pmlint lint --help')",
        ),
        (
            ["export"],
            "missing option '--what'. Choose from: drills, evals, followups, postmortems "
            "(see 'pmlint export --help')",
        ),
        (
            ["new", "--date", "June 1"],
            "invalid value for '--date': 'June 1' is not a date (YYYY-MM-DD) "
            "(see 'pmlint new --help')",
        ),
        (["rules", "PM101"], "got unexpected extra argument (PM101) (see 'pmlint rules --help')"),
    ],
)
def test_click_usage_errors_are_one_line(tmp_path: Path, args: list[str], line: str) -> None:
    result = invoke(tmp_path, *args)
    assert (result.exit_code, result.output) == (2, f"pmlint: error: {line}\n")


def test_help_shows_each_command_description_whole() -> None:
    from pmlint.cli import main

    shown = " ".join(invoke(None, "--help").output.split())
    for name, command in main.commands.items():
        first = " ".join(inspect.cleandoc(command.help or "").split("\n\n")[0].split())
        assert f"{name} {first}" in shown  # click cut "(e.g. PM102)" to "(e."


@pytest.mark.parametrize("name", ["missing-section", "MISSING-SECTION", "pm101", "PM101"])
def test_explain_takes_the_code_or_the_slug_rules_prints(name: str) -> None:
    result = invoke(None, "explain", name)
    assert result.exit_code == 0
    assert result.output.startswith("# PM101 missing-section\n")


def test_explain_echoes_an_unknown_rule_as_typed() -> None:
    result = invoke(None, "explain", "Missing-Sectoin")
    assert (result.exit_code, result.output) == (
        2,
        "pmlint: error: unknown rule 'Missing-Sectoin'; did you mean 'missing-section'? "
        "'pmlint rules' lists them\n",
    )
    assert invoke(None, "explain", "PM999").output == (
        "pmlint: error: unknown rule 'PM999'; 'pmlint rules' lists them\n"
    )
