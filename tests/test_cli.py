"""The command line as a user meets it: exit codes, formats, outputs, configuration."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import Result
from conftest import FIXTURES
from conftest import invoke as run_cli

from pmlint.checking.rules import RULES

WORKED = (FIXTURES / "good" / "worked-example.md").read_text(encoding="utf-8")
#: The worked example with its Eval delta emptied: one PM102 error at the heading (line 43).
EMPTY_EVAL = WORKED.replace(
    WORKED[WORKED.index("## Eval delta") : WORKED.index("## Follow-up actions")],
    "## Eval delta\n\nTODO\n\n",
).replace("INC-2026-0512", "INC-2026-0513")
#: The worked example with a number-free blast radius: one PM401 warning.
VAGUE_RADIUS = WORKED.replace(
    WORKED[WORKED.index("## Blast radius") : WORKED.index("## Eval delta")],
    "## Blast radius\n\nSome sessions of some tenants.\n\n",
).replace("INC-2026-0512", "INC-2026-0514")


def invoke(*args: str, cwd: Path | None = None) -> Result:
    return run_cli(cwd, *args)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A folder of postmortems: one clean, one with an error, one with a warning."""
    folder = tmp_path / "postmortems"
    folder.mkdir()
    (folder / "good.md").write_text(WORKED, encoding="utf-8")
    (folder / "empty-eval.md").write_text(EMPTY_EVAL, encoding="utf-8")
    (folder / "vague.md").write_text(VAGUE_RADIUS, encoding="utf-8")
    (folder / "README.md").write_text("# not a postmortem\n", encoding="utf-8")
    return tmp_path


def test_clean_file_exits_0(repo: Path) -> None:
    result = invoke("postmortems/good.md", cwd=repo)
    assert result.exit_code == 0, result.output
    assert result.output == "0 errors, 0 warnings in 0 files (1 file checked)\n"


def test_errors_exit_1_with_one_line_per_problem_and_a_summary(repo: Path) -> None:
    result = invoke("postmortems", cwd=repo)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "postmortems/empty-eval.md:43:1: PM102 [error] empty-section: Section 'Eval delta' is "
        "empty: it holds only placeholders (TODO, TBD, <hint>), comments or whitespace",
        "postmortems/vague.md:38:1: PM401 [warning] blast-radius-unquantified: Blast radius has "
        "no number: size it (tenants, sessions, calls, minutes)",
        "1 error, 1 warning in 2 files (3 files checked)",
    ]


def test_warnings_pass_unless_strict(repo: Path) -> None:
    assert invoke("postmortems/vague.md", cwd=repo).exit_code == 0
    assert invoke("--strict", "postmortems/vague.md", cwd=repo).exit_code == 1


def test_quiet_shows_errors_only(repo: Path) -> None:
    result = invoke("--quiet", "postmortems", cwd=repo)
    assert result.exit_code == 1
    assert "PM401" not in result.output
    assert "PM102" in result.output
    assert invoke("--quiet", "postmortems/good.md", cwd=repo).output == ""


def test_missing_path_is_a_usage_error(repo: Path) -> None:
    result = invoke("postmortems/nope.md", cwd=repo)
    assert result.exit_code == 2
    assert result.output == "pmlint: error: postmortems/nope.md: no such file or directory\n"


def test_default_paths_come_from_configuration(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.pmlint]\npaths = ["postmortems"]\n')
    result = invoke(cwd=repo)
    assert result.exit_code == 1
    assert result.output.endswith("(3 files checked)\n")


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('[tool.pmlint]\npathz = ["x"]\n', "unknown configuration key 'pathz'"),
        ("[tool.pmlint]\nslo_business_days = -1\n", "'slo_business_days'"),
        ('[tool.pmlint]\nignore = ["PM999"]\n', "unknown rule code 'PM999'"),
        ('[tool.pmlint]\nseverity = {PM102 = "fatal"}\n', "'severity.PM102'"),
        ("[tool.pmlint\n", "cannot read configuration"),
    ],
)
def test_configuration_errors_exit_2_naming_the_key(repo: Path, config: str, message: str) -> None:
    (repo / "pyproject.toml").write_text(config)
    result = invoke("postmortems", cwd=repo)
    assert result.exit_code == 2
    assert message in result.output
    assert len(result.output.splitlines()) == 1
    assert "Traceback" not in result.output


def test_config_option_names_the_file(repo: Path) -> None:
    (repo / "team.toml").write_text('ignore = ["PM102"]\n')
    result = invoke("--config", "team.toml", "postmortems", cwd=repo)
    assert result.exit_code == 0
    assert "PM102" not in result.output
    assert invoke("--config", "absent.toml", "postmortems", cwd=repo).exit_code == 2


def test_json_report_has_the_spec_shape(repo: Path) -> None:
    result = invoke("--format", "json", "postmortems", cwd=repo)
    report = json.loads(result.output)
    assert result.exit_code == 1
    assert report == {
        "version": 1,
        "tool": {"name": "pmlint", "version": "0.1.0"},
        "files_checked": 3,
        "problems": [
            {
                "path": "postmortems/empty-eval.md",
                "line": 43,
                "column": 1,
                "rule": "PM102",
                "name": "empty-section",
                "severity": "error",
                "message": "Section 'Eval delta' is empty: it holds only placeholders (TODO, TBD, "
                "<hint>), comments or whitespace",
                "pointer": "/sections/eval_delta",
            },
            {
                "path": "postmortems/vague.md",
                "line": 38,
                "column": 1,
                "rule": "PM401",
                "name": "blast-radius-unquantified",
                "severity": "warning",
                "message": "Blast radius has no number: size it (tenants, sessions, calls, "
                "minutes)",
                "pointer": "/sections/blast_radius",
            },
        ],
        "summary": {"errors": 1, "warnings": 1, "files_with_problems": 2},
    }


def test_github_format_emits_workflow_commands(repo: Path) -> None:
    result = invoke("--format", "github", "postmortems", cwd=repo)
    assert result.output.splitlines() == [
        "::error file=postmortems/empty-eval.md,line=43,col=1,title=PM102 empty-section::"
        "Section 'Eval delta' is empty: it holds only placeholders (TODO, TBD, <hint>), comments "
        "or whitespace",
        "::warning file=postmortems/vague.md,line=38,col=1,title=PM401 "
        "blast-radius-unquantified::Blast radius has no number: size it (tenants, sessions, "
        "calls, minutes)",
    ]


def test_github_format_escapes_and_caps_annotations(tmp_path: Path) -> None:
    for number in range(12):
        text = EMPTY_EVAL.replace("INC-2026-0513", f"INC-2026-{number:04d}")
        (tmp_path / f"a, b: {number:02d}.md").write_text(text, encoding="utf-8")
    lines = invoke("--format", "github", str(tmp_path)).output.splitlines()
    assert len(lines) == 11
    assert "file=" + str(tmp_path) + "/a%2C b%3A 00.md," in lines[0]
    assert lines[-1].startswith("::notice title=pmlint::2 more problems were not annotated")


def test_several_formats_and_outputs_in_one_run(repo: Path) -> None:
    result = invoke(
        "-f", "json", "-o", "out/report.json", "-f", "sarif", "-o", "out/report.sarif",
        "-f", "text", "postmortems", cwd=repo,
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.output.endswith("1 error, 1 warning in 2 files (3 files checked)\n")
    assert json.loads((repo / "out/report.json").read_text())["summary"]["errors"] == 1
    assert json.loads((repo / "out/report.sarif").read_text())["version"] == "2.1.0"


def test_two_formats_cannot_share_stdout(repo: Path) -> None:
    result = invoke("-f", "json", "-f", "text", "postmortems", cwd=repo)
    assert result.exit_code == 2
    assert "several formats would go to stdout" in result.output


def test_today_enables_overdue_follow_ups(repo: Path) -> None:
    assert "PM205" not in invoke("postmortems/good.md", cwd=repo).output
    result = invoke("--today", "2026-06-30", "postmortems/good.md", cwd=repo)
    assert result.exit_code == 0  # PM205 is a warning
    assert result.output.count("PM205") == 4
    assert invoke("--today", "30/06/2026", "postmortems", cwd=repo).exit_code == 2


def test_output_is_byte_identical_across_runs(repo: Path) -> None:
    first = invoke("-f", "sarif", "postmortems", cwd=repo).output
    assert first == invoke("-f", "sarif", "postmortems", cwd=repo).output


def test_rules_lists_every_rule() -> None:
    lines = invoke("rules").output.splitlines()
    assert [line.split()[0] for line in lines] == list(RULES)
    assert lines[list(RULES).index("PM102")].split()[1:3] == ["empty-section", "error"]


def test_explain_prints_the_rule_page() -> None:
    result = invoke("explain", "pm102")
    assert result.exit_code == 0
    assert result.output.startswith("# PM102 empty-section\n")
    assert "## Bad" in result.output
    assert invoke("explain", "PM999").exit_code == 2


def test_internal_error_is_one_line_without_debug(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("pmlint.running.linter.lint_paths", broken)
    result = invoke("postmortems", cwd=repo)
    assert result.exit_code == 2
    assert (
        result.output == "pmlint: error: internal error: RuntimeError: boom (rerun with --debug)\n"
    )
    with pytest.raises(RuntimeError):
        invoke("--debug", "postmortems", cwd=repo)


def test_installed_console_script(repo: Path) -> None:
    """The real entry point, as a user's shell runs it."""
    script = Path(sys.executable).parent / "pmlint"
    if not script.exists():
        pytest.skip("pmlint is not installed in this environment")
    done = subprocess.run(
        [str(script), "postmortems"], cwd=repo, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1] == "1 error, 1 warning in 2 files (3 files checked)"
    assert done.stderr == ""
    missing = subprocess.run(
        [str(script), "nope"], cwd=repo, capture_output=True, text=True, check=False
    )
    assert (missing.returncode, missing.stderr) == (
        2,
        "pmlint: error: nope: no such file or directory\n",
    )


def test_file_names_that_are_not_utf8_reach_every_report(tmp_path: Path) -> None:
    """Linux names are bytes; Python gives the ones that are not UTF-8 as lone surrogates.

    Each report shows them as the bytes they are, on stdout and in a file alike; SARIF
    percent-encodes them in its URIs; a baseline written with them matches them again.
    """
    text = "---\nid: INC-1\n---\n\n## Summary\n\nTODO\n"
    try:
        for name in (b"a-\xfe.md", b"b-\xfd.md"):  # one id twice: PM601 names the other file
            (tmp_path / os.fsdecode(name)).write_text(text, encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")

    def pmlint(*args: str) -> subprocess.CompletedProcess[bytes]:
        command = [sys.executable, "-m", "pmlint", *args]
        return subprocess.run(command, cwd=tmp_path, capture_output=True, check=False)

    for form in ("text", "json", "github", "markdown", "sarif"):
        shown = pmlint("-f", form, ".")
        assert (shown.returncode, shown.stderr) == (1, b""), form
        assert b"a-\xfe.md" in shown.stdout or b"a-%FE.md" in shown.stdout, form
        assert pmlint("-f", form, "-o", f"out.{form}", ".").returncode == 1
        assert (tmp_path / f"out.{form}").read_bytes() == shown.stdout, form
    assert b'"uri": "a-%FE.md"' in (tmp_path / "out.sarif").read_bytes()
    assert pmlint("baseline", ".").returncode == 0
    (tmp_path / ".pmlint.toml").write_text('baseline = ".pmlint-baseline.json"\n')
    assert pmlint(".").returncode == 0


#: One invocation of each command that loads the configuration.
CONFIGURED_COMMANDS = (
    ("lint", "postmortems"),
    ("baseline", "postmortems"),
    ("new", "--dir", "postmortems"),
    ("schema",),
    ("followups", "postmortems"),
    ("report", "postmortems"),
    ("export", "--what", "followups", "postmortems"),
    ("adopt", "postmortems/good.md"),
)


@pytest.mark.parametrize("command", CONFIGURED_COMMANDS, ids=lambda c: c[0])
def test_every_command_reports_an_internal_error_in_one_line(
    repo: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    """The spec forbids a traceback without --debug, whatever the command."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("pmlint.config.load", broken)
    result = invoke(*command, cwd=repo)
    assert (result.exit_code, result.output) == (
        2,
        "pmlint: error: internal error: RuntimeError: boom (rerun with --debug)\n",
    )
    with pytest.raises(RuntimeError):
        invoke(*command, "--debug", cwd=repo)


@pytest.mark.parametrize("command", CONFIGURED_COMMANDS, ids=lambda c: c[0])
def test_every_command_reports_a_configuration_error_in_one_line(
    repo: Path, command: tuple[str, ...]
) -> None:
    (repo / ".pmlint.toml").write_text('pathz = ["x"]\n', encoding="utf-8")
    for debug in ((), ("--debug",)):  # a user's mistake is never a traceback
        result = invoke(*command, *debug, cwd=repo)
        assert (result.exit_code, result.output) == (
            2,
            f"pmlint: error: {repo / '.pmlint.toml'}: unknown configuration key 'pathz'; "
            "did you mean 'paths'?\n",
        )


def test_every_command_has_debug() -> None:
    from pmlint.cli import main

    missing = [
        name
        for name, command in main.commands.items()
        if "debug" not in {param.name for param in command.params}
    ]
    assert missing == []


def test_format_choices_are_the_formatter_registry() -> None:
    from pmlint.formats import FORMATTERS

    assert _choices("lint", "formats") == list(FORMATTERS)


def _choices(command: str, option: str) -> list[str]:
    from pmlint.cli import main

    (param,) = [p for p in main.commands[command].params if p.name == option]
    assert isinstance(param.type, click.Choice)
    return list(param.type.choices)


def test_report_commands_offer_what_their_renderers_write() -> None:
    """The report commands spell their choices out (lint need not import the reports)."""
    from pmlint.reports import exports, followups
    from pmlint.reports.renderers import RENDERERS

    assert _choices("followups", "fmt") == list(followups.FORMATS)
    assert _choices("report", "fmt") == list(RENDERERS)
    assert _choices("export", "fmt") == list(exports.FORMATS)
    assert _choices("export", "what") == list(exports.WHAT)


def test_debug_shows_the_library_s_debug_messages_and_a_plain_run_does_not(
    tmp_path: Path,
) -> None:
    """pmlint.debuglog only sends messages once logging is set up: --debug must set it up
    before the library speaks. An unusable cache key is one such message."""
    (tmp_path / "a.md").write_text(WORKED, encoding="utf-8")
    (tmp_path / "file").write_text("", encoding="utf-8")
    env = {**os.environ, "PMLINT_CACHE_KEY": str(tmp_path / "file" / "key")}  # not a folder

    def stderr(*debug: str) -> str:
        command = [sys.executable, "-m", "pmlint", *debug, "a.md"]
        done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stderr

    assert "cache disabled: key" in stderr("--debug")
    assert stderr() == ""
