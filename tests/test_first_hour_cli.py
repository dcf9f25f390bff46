"""The command line as a new team meets it in its first hour (issue 17, items 5, 8, 10, 11).

Every usage error is one line on stderr and exit 2, as the README says; a slip gets the
nearest right spelling; ``pmlint new`` writes a draft that can be committed once its
front-matter is filled in.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES, invoke

WORKED = (FIXTURES / "good" / "worked-example.md").read_text(encoding="utf-8")


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

    shown = "".join(invoke(None, "--help").output.split())  # wrapped anywhere, even at "-"
    for name, command in main.commands.items():
        first = "".join(inspect.cleandoc(command.help or "").split("\n\n")[0].split())
        assert f"{name}{first}" in shown  # click cut "(e.g. PM102)" to "(e."


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


# --- item 8: pmlint new ---

FRONT_MATTER = {  # what an author knows of a draft on the day: no published date yet
    "title": "Checkout answers regressed after a prompt deploy",
    "severity": "P2",
    "duration": "45m",
    "team": "payments",
    "resolved": "2026-06-01T18:00:00+00:00",
}


def fill_front_matter(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for key, value in FRONT_MATTER.items():
        text = re.sub(rf"^{key}: <.*>$", f"{key}: {value}", text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^  - <.*>$", "  - Primary on-call", text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^  primary: <.*>$", "  primary: prompt", text, count=1, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")


def test_a_draft_with_its_front_matter_filled_in_can_be_committed(tmp_path: Path) -> None:
    """The README: fill in the hints and the commit passes; sections may wait (warnings)."""
    assert invoke(tmp_path, "new", "--date", "2026-06-01").exit_code == 0
    path = tmp_path / "inc-2026-0601.md"
    assert invoke(tmp_path, path.name).exit_code == 1  # every front-matter hint is an error
    fill_front_matter(path)
    result = invoke(tmp_path, path.name)
    assert result.exit_code == 0, result.output
    assert result.output.endswith("0 errors, 9 warnings in 1 file (1 file checked)\n")


def test_new_says_the_date_is_today_and_how_to_give_another(tmp_path: Path) -> None:
    result = invoke(tmp_path, "new")
    assert result.exit_code == 0
    today = dt.date.today()
    assert result.output.splitlines()[1] == (
        f"Its date is today, {today}: for an incident that started another day, edit 'date' "
        "(pmlint new --date YYYY-MM-DD sets it)."
    )
    dated = invoke(tmp_path, "new", "--date", "2026-06-01")
    assert len(dated.output.splitlines()) == 1  # a date given needs no word about it


def test_a_second_incident_the_same_day_is_offered_a_free_id(tmp_path: Path) -> None:
    assert invoke(tmp_path, "new", "--date", "2026-06-01").exit_code == 0
    second = invoke(tmp_path, "new", "--date", "2026-06-01")
    assert second.exit_code == 2
    assert second.output.endswith("(choose another --id, such as --id INC-2026-0601-2)\n")
    assert invoke(tmp_path, "new", "--date", "2026-06-01", "--id", "INC-2026-0601-2").exit_code == 0
    third = invoke(tmp_path, "new", "--date", "2026-06-01")
    assert third.output.endswith("such as --id INC-2026-0601-3)\n")


@pytest.mark.parametrize("folder", ["postmortems", "docs/postmortems"])
def test_new_without_configuration_writes_into_the_postmortems_folder(
    tmp_path: Path, folder: str
) -> None:
    (tmp_path / folder).mkdir(parents=True)
    result = invoke(tmp_path, "new", "--date", "2026-06-01")
    assert result.output.startswith(f"Wrote {folder}/inc-2026-0601.md: ")
    assert (tmp_path / folder / "inc-2026-0601.md").is_file()


def test_new_writes_into_a_configured_folder_it_creates(tmp_path: Path) -> None:
    (tmp_path / ".pmlint.toml").write_text('paths = ["incidents"]\n', encoding="utf-8")
    (tmp_path / "postmortems").mkdir()  # the configuration wins over the usual folder
    assert invoke(tmp_path, "new", "--date", "2026-06-01").exit_code == 0
    assert (tmp_path / "incidents" / "inc-2026-0601.md").is_file()


def test_an_invalid_id_is_described_not_shown_as_a_regex(tmp_path: Path) -> None:
    result = invoke(tmp_path, "new", "--id", "incident-1")
    assert (result.exit_code, result.output) == (
        2,
        "pmlint: error: id 'incident-1' is not an id such as INC-2026-0512 "
        "(capital letters and digits in dash-separated groups)\n",
    )
    config = tmp_path / ".pmlint.toml"
    config.write_text("id_pattern = '^PM-[0-9]+$'\n", encoding="utf-8")
    own = invoke(tmp_path, "new", "--id", "INC-1")  # a team's own pattern: where it is set
    assert own.output == (
        f"pmlint: error: id 'INC-1' is not matched by the id_pattern of {config}: ^PM-[0-9]+$\n"
    )


# --- item 11: configuration, counts and skipped files ---


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ('path = ["postmortems"]\n', "unknown configuration key 'path'; did you mean 'paths'?"),
        (
            '[tool.pmlint]\npaths = ["postmortems"]\n',
            "[tool.pmlint] belongs in pyproject.toml; in .pmlint.toml write the keys at the "
            "top level, without a table header",
        ),
    ],
)
def test_a_slip_in_pmlint_toml_names_what_was_meant(
    tmp_path: Path, written: str, message: str
) -> None:
    config = tmp_path / ".pmlint.toml"
    config.write_text(written, encoding="utf-8")
    result = invoke(tmp_path)
    assert (result.exit_code, result.output) == (2, f"pmlint: error: {config}: {message}\n")


@pytest.mark.parametrize(
    ("name", "written", "listed"),
    [
        (".pmlint.toml", 'paths = ["postmortems"]\n', "'paths' of .pmlint.toml"),
        (
            "pyproject.toml",
            '[tool.pmlint]\npaths = ["postmortems"]\n',
            "[tool.pmlint] 'paths' of pyproject.toml",
        ),
    ],
)
@pytest.mark.parametrize(
    "command", [(), ("followups",), ("report",), ("export", "--what", "evals")]
)
def test_a_missing_configured_folder_says_it_comes_from_the_configuration(
    tmp_path: Path, name: str, written: str, listed: str, command: tuple[str, ...]
) -> None:
    (tmp_path / name).write_text(written, encoding="utf-8")
    result = invoke(tmp_path, *command)
    assert (result.exit_code, result.output) == (
        2,
        f"pmlint: error: postmortems: no such file or directory (listed in {listed})\n",
    )


def test_a_missing_configured_folder_is_named_when_one_file_is_linted(tmp_path: Path) -> None:
    """Pre-commit names the changed file; the cross-file rules still read the configured paths."""
    (tmp_path / ".pmlint.toml").write_text('paths = ["postmortems"]\n', encoding="utf-8")
    (tmp_path / "pm.md").write_text(WORKED, encoding="utf-8")
    result = invoke(tmp_path, "pm.md")
    assert result.output.endswith("(listed in 'paths' of .pmlint.toml)\n")


def test_the_report_counts_in_words_and_skips_other_formats_without_calling_them_unreadable(
    tmp_path: Path,
) -> None:
    (tmp_path / "inc.md").write_text(WORKED, encoding="utf-8")
    (tmp_path / "old.md").write_text("# Outage\n\nIt broke.\n", encoding="utf-8")
    result = invoke(tmp_path, "report", "--today", "2026-07-01", ".")
    first = result.output.splitlines()
    assert (
        "pmlint: warning: old.md: skipped: not in pmlint's format yet (no front-matter): "
        "'pmlint adopt old.md' converts it"
    ) in first
    [scope] = [line for line in first if line.startswith("pmlint report: ")]
    assert scope.startswith(
        "pmlint report: 1 postmortem from the first incident to the last (0 drafts)"
    )
    assert scope.endswith(", 1 file skipped") and "unreadable" not in result.output


def test_the_baseline_counts_in_words(tmp_path: Path) -> None:
    (tmp_path / "old.md").write_text("# Outage\n\nIt broke.\n", encoding="utf-8")
    result = invoke(tmp_path, "baseline")
    assert result.output.startswith(".pmlint-baseline.json: 1 known problem in 1 file\n")


def test_the_baseline_says_which_file_to_add_it_to(tmp_path: Path) -> None:
    (tmp_path / "old.md").write_text("# Outage\n\nIt broke.\n", encoding="utf-8")
    (tmp_path / ".pmlint.toml").write_text('paths = ["old.md"]\n', encoding="utf-8")
    advice = invoke(tmp_path, "baseline").output.splitlines()[-1]
    assert (
        advice == 'Add  baseline = ".pmlint-baseline.json"  to .pmlint.toml so that lint uses it.'
    )


# --- export: a follow-up without an action ---


def test_a_follow_up_without_an_action_is_exported_and_named(tmp_path: Path) -> None:
    text = WORKED.replace(
        "| Validate new eval against the regressed prompt |", "| <what will be done> |"
    )
    (tmp_path / "inc.md").write_text(text, encoding="utf-8")
    result = invoke(tmp_path, "export", "--what", "followups", "-f", "json", "inc.md")
    assert result.exit_code == 0
    warning = "pmlint: warning: inc.md: follow-up #2 has no action; exported with an empty one\n"
    assert result.output.endswith(warning)
    records = json.loads(result.output.removesuffix(warning))["records"]
    assert [record["action"] is None for record in records] == [False, True, False, False]
    assert records[1]["owner"] == "Eval lead"  # the rest of the row is kept
    evals = invoke(tmp_path, "export", "--what", "evals", "-f", "csv", "inc.md")
    assert evals.output.endswith(warning)  # an eval follow-up: in the evals export too
    drills = invoke(tmp_path, "export", "--what", "drills", "-f", "csv", "inc.md")
    assert "has no action" not in drills.output
