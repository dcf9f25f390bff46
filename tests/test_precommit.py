"""The pre-commit hook, run by the real ``pre-commit try-repo`` on a repository of postmortems.

pre-commit clones this repository (with a shadow commit of uncommitted changes)
and installs pmlint from it, as a user's ``pre-commit install`` would; that
needs the package registry, which CI has.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT, require_tool
from test_forged_cache import forge

WORKED = (FIXTURES / "good" / "worked-example.md").read_text(encoding="utf-8")
EVAL_DELTA = WORKED[WORKED.index("## Eval delta") : WORKED.index("## Follow-up actions")]
#: A new postmortem that reuses the worked example's id and leaves Eval delta to do.
INCOMPLETE = WORKED.replace(EVAL_DELTA, "## Eval delta\n\nTODO\n\n")
FIXED = WORKED.replace("INC-2026-0512", "INC-2026-0601")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_hook_is_declared_for_markdown_with_the_lint_command() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "pmlint" and hook["language"] == "python"
    assert hook["types"] == ["markdown"] and hook["entry"] == "pmlint lint --allow-empty"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A team's repository: configuration, a committed postmortem and a README."""
    require_tool("git")
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse"], capture_output=True).returncode:
        pytest.skip(f"{ROOT} is not a git checkout, which pre-commit try-repo needs")
    repo = tmp_path / "team"
    (repo / "postmortems").mkdir(parents=True)
    (repo / "pyproject.toml").write_text('[tool.pmlint]\npaths = ["postmortems"]\n')
    (repo / "README.md").write_text("# Incident reviews\n\nNot a postmortem.\n")
    (repo / "postmortems" / "inc-2026-0512.md").write_text(WORKED, encoding="utf-8")
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "config", "user.email", "oncall@example.com")
    git(repo, "config", "user.name", "On-call")
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "the first postmortem")
    return repo


def try_repo(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    tool = require_tool("pre-commit")
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home")}
    env.pop("PRE_COMMIT", None)
    return subprocess.run(
        [tool, "try-repo", str(ROOT), "pmlint", "--color", "never", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_try_repo_fails_a_bad_postmortem_and_passes_it_once_fixed(repo: Path) -> None:
    new = repo / "postmortems" / "inc-2026-0601.md"
    new.write_text(INCOMPLETE, encoding="utf-8")
    git(repo, "add", str(new))

    done = try_repo(repo, "--files", "postmortems/inc-2026-0601.md")
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "pmlint" in output and "Failed" in output
    assert "postmortems/inc-2026-0601.md:43:1: PM102 [error] empty-section" in output
    # Only the new file was passed, yet its id clashes with the committed one: PM601 still fires,
    # and is reported on the named file only.
    assert "postmortems/inc-2026-0601.md:2:1: PM601 [error] duplicate-id" in output
    assert "inc-2026-0512.md" in output  # named in the message as the other holder of the id
    assert "\npostmortems/inc-2026-0512.md:" not in output
    assert "2 errors, 0 warnings in 1 file (1 file checked)" in output

    new.write_text(FIXED, encoding="utf-8")
    git(repo, "add", str(new))
    done = try_repo(repo, "--all-files")  # README.md goes to the hook too, and is skipped
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "Passed" in output
    done = try_repo(repo, "--files", "README.md")  # excluded: nothing to check is no failure
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"^pmlint\.+Passed$", done.stdout, re.MULTILINE)  # run, not skipped
    shutil.rmtree(repo.parent / "pre-commit-home", ignore_errors=True)


def test_a_committed_cache_cannot_make_the_hook_pass(repo: Path, tmp_path: Path) -> None:
    """Issue 14: the attacker lints in the same checkout path with their own key, empties the
    rows of results.json and commits .pmlint_cache/; the hook must still fail the file."""
    new = repo / "postmortems" / "inc-2026-0601.md"
    new.write_text(INCOMPLETE, encoding="utf-8")
    forge(repo, tmp_path / "attacker.key")
    git(repo, "add", "--force", ".pmlint_cache", str(new))
    git(repo, "commit", "--quiet", "-m", "a clean bill of health")
    done = try_repo(repo, "--files", "postmortems/inc-2026-0601.md")
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "2 errors, 0 warnings in 1 file (1 file checked)" in output
    shutil.rmtree(repo.parent / "pre-commit-home", ignore_errors=True)
