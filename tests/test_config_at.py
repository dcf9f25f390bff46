"""``pmlint lint --config-at REV``: the configuration, baseline and team schema as committed at
the base branch, whatever the pull request did to them; its postmortems are still what is linted.

Each repository here has a base commit whose configuration catches the problems, and a pull
request commit that edits what the check reads so as to pass.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, invoke, require_tool

WORKED = (FIXTURES / "good" / "worked-example.md").read_text(encoding="utf-8")
SKELETON = "---\nid: INC-2026-0600\n---\n\n## Summary\n\nTODO\n"
#: The team requires a `ticket` field, through a local $ref.
TEAM = {"properties": {"front_matter": {"$ref": "common.json"}}}
COMMON = {"required": ["ticket"]}
TICKET = "PM010:Front-matter field 'ticket' is missing"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def commit(repo: Path, files: dict[str, str | None], message: str) -> str:
    for name, text in files.items():
        path = repo / name
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    require_tool("git")
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "config", "user.email", "owner@example.com")
    git(repo, "config", "user.name", "Owner")
    return repo


def lint(repo: Path, *args: str) -> tuple[int, list[str], str]:
    result = invoke(repo, "lint", "--no-cache", "-f", "json", *args)
    if not result.stdout:
        return result.exit_code, [], result.stderr
    problems = json.loads(result.stdout)["problems"]
    found = sorted(f"{p['path']}:{p['rule']}:{p['message']}" for p in problems)
    return result.exit_code, found, result.stderr


def base_commit(repo: Path) -> str:
    return commit(
        repo,
        {
            "pyproject.toml": (
                '[tool.pmlint]\npaths = ["postmortems"]\nschema = "schemas/team.json"\n'
            ),
            "schemas/team.json": json.dumps(TEAM),
            "schemas/common.json": json.dumps(COMMON),
            "postmortems/good.md": WORKED,
        },
        "base",
    )


def test_a_pull_request_that_loosens_every_file_is_still_checked_by_the_base(repo: Path) -> None:
    base_commit(repo)
    # The baseline is written at the base: the known problem is the worked example's ticket.
    assert invoke(repo, "baseline").exit_code == 0
    settings = (repo / "pyproject.toml").read_text() + 'baseline = ".pmlint-baseline.json"\n'
    base = commit(repo, {"pyproject.toml": settings}, "baseline")
    strict = lint(repo, "--config-at", base)
    assert strict[0] == 0, strict  # the base baseline hides the known problem, matched in place
    commit(
        repo,
        {
            "postmortems/new.md": SKELETON,
            "pyproject.toml": '[tool.pmlint]\npaths = ["postmortems"]\nexclude = ["*.md"]\n',
            "schemas/common.json": "{}",
            ".pmlint-baseline.json": None,
        },
        "pull request",
    )
    assert lint(repo, "--allow-empty")[0] == 0  # the pull request's own configuration: silent
    code, problems, _ = lint(repo, "--config-at", base)
    assert code == 1
    assert f"postmortems/new.md:{TICKET}" in problems  # the base's team schema
    assert not any(p.startswith("postmortems/good.md") for p in problems)  # still in the baseline


def test_a_configuration_the_pull_request_adds_is_not_read(repo: Path) -> None:
    base = base_commit(repo)
    commit(
        repo,
        {".pmlint.toml": 'paths = ["postmortems"]\n'},  # found before pyproject.toml
        "pull request",
    )
    assert lint(repo)[0] == 0
    code, problems, _ = lint(repo, "--config-at", base)
    assert code == 1 and problems == [f"postmortems/good.md:{TICKET}"]


def test_a_base_without_configuration_gives_the_defaults(repo: Path) -> None:
    base = commit(repo, {"postmortems/new.md": SKELETON}, "base")
    commit(repo, {".pmlint.toml": 'exclude = ["*.md"]\n'}, "pull request")
    code, problems, _ = lint(repo, "--config-at", base)
    assert code == 1 and len(problems) == 17


def test_config_at_works_from_a_subfolder_and_with_config(repo: Path) -> None:
    base = base_commit(repo)
    commit(repo, {"pyproject.toml": "[tool.pmlint]\n"}, "pull request")
    code, problems, _ = lint(repo / "postmortems", "--config-at", base, "good.md")
    assert (code, problems) == (1, [f"good.md:{TICKET}"])
    named = lint(repo, "--config-at", base, "--config", "pyproject.toml")
    assert named[:2] == (1, [f"postmortems/good.md:{TICKET}"])


@pytest.mark.parametrize(
    ("revision", "message"),
    [
        ("no-such-branch", "no such commit in this clone; fetch it"),
        ("--help", "not a revision"),
    ],
)
def test_an_unknown_revision_is_one_line_and_exit_2(
    repo: Path, revision: str, message: str
) -> None:
    base_commit(repo)
    result = invoke(repo, "lint", f"--config-at={revision}")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"pmlint: error: --config-at {revision}: {message}")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ('schema = "../outside.json"\n', "'schema' must name a file inside the repository"),
        ('baseline = "/etc/passwd"\n', "'baseline' must name a file inside the repository"),
        ('baseline = "missing.json"\n', ":missing.json: the configured baseline is not there"),
    ],
)
def test_configured_files_must_be_committed_inside_the_repository(
    repo: Path, settings: str, message: str
) -> None:
    base = commit(repo, {".pmlint.toml": settings}, "base")
    result = invoke(repo, "lint", "--config-at", base)
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_outside_a_git_repository_is_a_usage_error(tmp_path: Path) -> None:
    require_tool("git")
    result = invoke(tmp_path, "lint", "--config-at", "main")
    assert result.exit_code == 2 and "is not in a git repository" in result.stderr


def test_a_bare_repository_in_the_working_tree_is_not_taken_for_the_repository(
    repo: Path,
) -> None:
    """A pull request can commit HEAD, objects/ and refs/ into a folder, which git finds first
    from inside it: the revision must come from a repository with a working tree."""
    base = base_commit(repo)
    planted = repo / "postmortems" / "planted"
    git(repo, "init", "--quiet", "--bare", str(planted))
    result = invoke(planted, "lint", "--config-at", base, "..")
    assert result.exit_code == 2 and "is not in a git repository" in result.stderr
