"""The composite action, run step by step as a GitHub runner would (tests/action_runner.py),
and checked by zizmor and check-jsonschema."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from action_runner import ACTION, INSTALL, Run, Runner, install
from conftest import FIXTURES, ROOT, require_tool

from pmlint.running import cache_auth

WORKED = (FIXTURES / "good" / "worked-example.md").read_text(encoding="utf-8")
VAGUE = WORKED.replace(
    WORKED[WORKED.index("## Blast radius") : WORKED.index("## Eval delta")],
    "## Blast radius\n\nSome sessions of some tenants.\n\n",
).replace("INC-2026-0512", "INC-2026-0514")
#: Front-matter with an id and nothing else: more errors than GitHub annotates.
SKELETON = "---\nid: INC-2026-0600\n---\n\n## Summary\n\nTODO\n"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, str]]]:
    """The steps up to the install, once."""
    temp = tmp_path_factory.mktemp("runner-temp")
    return temp, install(Runner(tmp_path_factory.mktemp("workspace"), temp))


class Job:
    """A workspace of postmortems in which the steps after the install run."""

    def __init__(self, workspace: Path, temp: Path, steps: dict[str, dict[str, str]]) -> None:
        self.workspace, self.temp, self.steps = workspace, temp, steps

    def __call__(self, **inputs: str) -> Run:
        named = {name.replace("_", "-"): value for name, value in inputs.items()}
        runner = Runner(self.workspace, self.temp)
        return runner.run(named, slice(INSTALL + 1, None), self.steps)


@pytest.fixture
def action(installed: tuple[Path, dict[str, dict[str, str]]], tmp_path: Path) -> Job:
    temp, steps = installed
    workspace = tmp_path / "workspace"
    folder = workspace / "postmortems"
    folder.mkdir(parents=True)
    (workspace / "pyproject.toml").write_text('[tool.pmlint]\npaths = ["postmortems"]\n')
    (folder / "good.md").write_text(WORKED, encoding="utf-8")
    (folder / "vague.md").write_text(VAGUE, encoding="utf-8")
    (folder / "skeleton.md").write_text(SKELETON, encoding="utf-8")
    return Job(workspace, temp, steps)


def test_lint_annotates_ten_per_level_summarises_all_and_sets_outputs(action: Job) -> None:
    result = action()
    assert result.code == 1, result.log
    report = json.loads(
        subprocess.run(
            [sys.executable, "-m", "pmlint", "-f", "json", "postmortems"],
            cwd=action.workspace,
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    )["summary"]
    assert report["errors"] > 10 and report["warnings"] == 1
    assert result.outputs == {
        "errors": str(report["errors"]),
        "warnings": "1",
        "sarif-file": "pmlint.sarif",
    }
    levels = [line.split(" ", 1)[0] for line in result.annotations]
    assert levels == ["::error"] * 10 + ["::warning"] + ["::notice"]
    assert f"{report['errors'] - 10} more problems were not annotated" in result.annotations[-1]
    assert result.annotations[0].startswith("::error file=postmortems/skeleton.md,line=1,")
    assert result.summary.startswith("## pmlint\n\n")
    assert result.summary.count("| error |") == report["errors"]  # every problem, not ten
    assert result.summary.count("| warning |") == 1
    assert "### postmortems/skeleton.md" in result.summary and "good.md" not in result.summary
    sarif = json.loads((action.workspace / "pmlint.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert len(sarif["runs"][0]["results"]) == report["errors"] + 1


def test_clean_paths_pass_with_zero_counts(action: Job) -> None:
    result = action(paths="postmortems/good.md")
    assert result.code == 0, result.log
    assert result.annotations == []
    assert result.outputs["errors"] == "0" and result.outputs["warnings"] == "0"
    assert "0 errors, 0 warnings in 0 files (1 file checked)" in result.summary


def test_a_cache_committed_to_the_repository_is_not_read(action: Job) -> None:
    """A pull request could add a .pmlint_cache/ whose results say its files are clean."""
    lint = [sys.executable, "-m", "pmlint", "-q", "postmortems"]
    subprocess.run(lint, cwd=action.workspace, capture_output=True, check=False)
    stored = action.workspace / ".pmlint_cache" / "results.json"
    forged = json.loads(stored.read_bytes().partition(b"\n")[2])
    # Each file's [rows, facts] with no rows; the cross-file pass's answer with none.
    forged["entries"] = {
        key: [[], entry[1]] if entry and isinstance(entry[-1], str) else []
        for key, entry in forged["entries"].items()
    }
    text = json.dumps(forged).encode()  # signed with the attacker's key: fools them only
    stored.write_bytes(
        cache_auth.sign(cache_auth.user_key() or b"", "results.json", text).encode() + b"\n" + text
    )
    assert subprocess.run(lint, cwd=action.workspace, check=False).returncode == 0  # forged
    forged_bytes = stored.read_bytes()
    result = action()
    assert result.code == 1, result.log
    assert int(result.outputs["errors"]) > 10
    assert stored.read_bytes() == forged_bytes  # neither read nor written


def test_strict_fails_on_warnings(action: Job) -> None:
    assert action(paths="postmortems/vague.md").code == 0
    strict = action(paths="postmortems/vague.md\npostmortems/good.md", strict="true")
    assert strict.code == 1
    assert strict.outputs["warnings"] == "1"
    assert strict.annotations[0].startswith("::warning file=postmortems/vague.md,")


def test_no_sarif_and_no_summary_when_turned_off(action: Job) -> None:
    result = action(sarif_file="", summary="false", paths="postmortems/vague.md")
    assert result.code == 0
    assert result.summary == ""
    assert result.outputs["sarif-file"] == ""
    assert not (action.workspace / "pmlint.sarif").exists()


def test_a_configuration_error_fails_with_exit_2_and_says_so(action: Job) -> None:
    result = action(config="missing.toml")
    assert result.code == 2
    assert "pmlint: error: missing.toml: configuration file not found" in result.log
    assert result.annotations == [
        "::error title=pmlint::pmlint could not run (exit 2): see the message above"
    ]
    assert result.outputs["errors"] == ""


def test_inputs_are_data_never_shell(action: Job) -> None:
    marker = action.workspace / "pwned"
    result = action(paths=f"$(touch {marker}) `touch {marker}`;touch {marker}", args="--today")
    assert result.code == 2
    assert not marker.exists()
    result = action(command=f"lint; touch {marker}")
    assert result.code == 2 and "command must be lint, report, followups or sync" in result.log
    assert not marker.exists()


def test_followups_can_fail_a_scheduled_job_and_fill_the_summary(action: Job) -> None:
    overdue = action(command="followups", args="--overdue --fail --today 2030-01-01")
    assert overdue.code == 1, overdue.log
    assert "Expand policy" in overdue.log  # the action cut to fit 100 columns: not a terminal
    assert (
        "| INC-2026-0512 | Expand policy_comparison eval coverage | Eval lead |" in overdue.summary
    )
    assert overdue.outputs["errors"] == ""  # counts are for lint
    assert action(command="followups", args="--overdue --fail --today 2026-05-01").code == 0


def test_sync_is_a_command(action: Job) -> None:
    """The workspace configures no tracker: sync runs and says so (its network tests are
    tests/test_trackers_sync.py)."""
    result = action(command="sync")
    assert result.code == 2
    assert "pmlint: error: no tracker is configured" in result.log


def test_report_writes_the_summary(action: Job) -> None:
    result = action(command="report", args="--today 2026-12-31")
    assert result.code == 0, result.log
    assert result.summary.startswith("# Postmortem report\n")
    assert "| insurance-ai | 8 | 0 | 0 | 0 | 8 | 0 | 0.0% | BELOW TARGET |" in result.summary


def test_action_passes_zizmor_offline() -> None:
    zizmor = require_tool("zizmor")
    done = subprocess.run(
        [zizmor, "--offline", "--format", "json", str(ROOT / "action.yml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout) == []


@pytest.mark.parametrize(
    ("change", "finding"),
    [
        (('"$PMLINT_PATHS"', '"${{ inputs.paths }}"'), "template-injection"),
        (("e797f83bcb11b83ae66e0230d6156d7c80228e7c # v6.0.0", "v6"), "unpinned-uses"),
    ],
)
def test_zizmor_would_catch_an_unsafe_action(
    tmp_path: Path, change: tuple[str, str], finding: str
) -> None:
    """The zizmor check can fail: an input expanded in run:, or a tag instead of a SHA."""
    zizmor = require_tool("zizmor")
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    assert change[0] in text
    (tmp_path / "action.yml").write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    done = subprocess.run(
        [zizmor, "--offline", "--format", "json", str(tmp_path / "action.yml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert finding in {item["ident"] for item in json.loads(done.stdout)}


def test_action_matches_the_github_action_schema(tmp_path: Path) -> None:
    tool = require_tool("check-jsonschema")
    command = [tool, "--builtin-schema", "vendor.github-actions"]
    done = subprocess.run([*command, str(ROOT / "action.yml")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    broken = tmp_path / "action.yml"  # and the check can fail: "using" is required
    broken.write_text((ROOT / "action.yml").read_text().replace("using: composite", "usin: x"))
    assert subprocess.run([*command, str(broken)], capture_output=True).returncode == 1


def test_setup_python_is_pinned_by_full_sha_with_its_version() -> None:
    (uses,) = [step["uses"] for step in ACTION["runs"]["steps"] if "uses" in step]
    assert re.fullmatch(r"actions/setup-python@[0-9a-f]{40}", uses)
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    assert re.search(rf"uses: {uses} # v\d+\.\d+\.\d+\n", text)


def test_a_pull_request_that_excludes_every_file_fails_the_check(action: Job) -> None:
    config = action.workspace / "pyproject.toml"
    config.write_text('[tool.pmlint]\npaths = ["postmortems"]\nexclude = ["*.md"]\n')
    result = action()
    assert result.code == 1, result.log
    assert result.outputs["errors"] == "0"
    assert result.annotations == [
        "::error title=pmlint::no file was checked: the paths hold no postmortem, "
        "or every one is excluded"
    ]
    assert "(pass --allow-empty if that is expected)" in result.log
    assert action(args="--allow-empty").code == 0


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True)
    return done.stdout.strip()


@pytest.fixture
def pull_request(tmp_path: Path) -> tuple[Path, str]:
    """A repository whose pull request loosens the configuration: the base, and its commit."""
    require_tool("git")
    origin = tmp_path / "origin"
    (origin / "postmortems").mkdir(parents=True)
    git(origin, "init", "--quiet", "--initial-branch=main")
    git(origin, "config", "user.email", "owner@example.com")
    git(origin, "config", "user.name", "Owner")
    (origin / "pyproject.toml").write_text('[tool.pmlint]\npaths = ["postmortems"]\n')
    (origin / "postmortems" / "good.md").write_text(WORKED, encoding="utf-8")
    git(origin, "add", "-A")
    git(origin, "commit", "--quiet", "-m", "base")
    base = git(origin, "rev-parse", "HEAD")
    (origin / "postmortems" / "skeleton.md").write_text(SKELETON, encoding="utf-8")
    loosened = '[tool.pmlint]\npaths = ["postmortems"]\nextend_exclude = ["skeleton.md"]\n'
    (origin / "pyproject.toml").write_text(loosened)  # the new file is left out
    git(origin, "add", "-A")
    git(origin, "commit", "--quiet", "-m", "pull request")
    return origin, base


def checkout(origin: Path, folder: Path, depth: int | None = None) -> Path:
    """What actions/checkout leaves: the pull request's commit, shallow by default."""
    shallow = ["--depth", str(depth)] if depth else []
    subprocess.run(
        ["git", "clone", "--quiet", *shallow, origin.as_uri(), str(folder)],
        check=True,
        capture_output=True,
    )
    return folder


def test_config_from_base_lints_with_the_base_branch_configuration(
    installed: tuple[Path, dict[str, dict[str, str]]],
    pull_request: tuple[Path, str],
    tmp_path: Path,
) -> None:
    temp, steps = installed
    origin, base = pull_request
    event = {"pull_request": {"base": {"sha": base}}}
    workspace = checkout(origin, tmp_path / "full")
    job = Runner(workspace, temp, event=event)
    loose = job.run({}, slice(INSTALL + 1, None), steps)
    assert loose.code == 0 and loose.outputs["errors"] == "0"  # the pull request's own config
    locked = job.run({"config-from": "base"}, slice(INSTALL + 1, None), steps)
    assert locked.code == 1, locked.log
    assert int(locked.outputs["errors"]) > 10
    assert "::error file=postmortems/skeleton.md," in locked.log
    # A shallow checkout (fetch-depth: 1) lacks the base commit: the action fetches it.
    shallow = Runner(checkout(origin, tmp_path / "shallow", depth=1), temp, event=event)
    fetched = shallow.run({"config-from": "base"}, slice(INSTALL + 1, None), steps)
    assert fetched.code == 1 and fetched.outputs == locked.outputs, fetched.log


def test_config_from_base_says_what_to_do_when_the_base_cannot_be_had(
    installed: tuple[Path, dict[str, dict[str, str]]],
    pull_request: tuple[Path, str],
    tmp_path: Path,
) -> None:
    temp, steps = installed
    origin, base = pull_request
    workspace = checkout(origin, tmp_path / "shallow", depth=1)
    git(workspace, "remote", "remove", "origin")  # a private repository, no credentials kept
    event = {"pull_request": {"base": {"sha": base}}}
    result = Runner(workspace, temp, event=event).run(
        {"config-from": "base"}, slice(INSTALL + 1, None), steps
    )
    assert result.code == 2
    assert f"--config-at {base}: no such commit in this clone; fetch it" in result.log
    assert "fetch-depth: 0" in result.log
    push = Runner(workspace, temp, event={"ref": "refs/heads/main"}).run(
        {"config-from": "base"}, slice(INSTALL + 1, None), steps
    )
    assert push.code == 0 and "::notice title=pmlint::config-from: base: no base" in push.log
    wrong = Runner(workspace, temp).run({"config-from": "main"}, slice(INSTALL + 1, None), steps)
    assert wrong.code == 2 and "config-from must be checkout or base" in wrong.log
