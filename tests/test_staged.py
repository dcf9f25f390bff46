"""Under pre-commit, the other postmortems' ids come from Git's index: what is committed.

Each report is compared with a cold ``--no-cache`` run over what the staged run
read: the index checked out into a folder of its own.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from pmlint.cli import main
from pmlint.running import staged

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

WORKED = (FIXTURES / "good" / "worked-example.md").read_text(encoding="utf-8")


def _postmortem(identifier: str) -> str:
    return WORKED.replace("id: INC-2026-0512", f"id: {identifier}", 1)


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three committed postmortems; the working tree of one differs from its staged id."""
    repo = tmp_path / "repo"
    (repo / "postmortems").mkdir(parents=True)
    (repo / ".pmlint.toml").write_text('paths = ["postmortems"]\n', encoding="utf-8")
    for name, identifier in (("a", "INC-1"), ("b", "INC-2"), ("c", "INC-3")):
        (repo / "postmortems" / f"{name}.md").write_text(_postmortem(identifier), "utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "postmortems")
    # c.md is staged with b's id, then edited back in the working tree, unstaged.
    (repo / "postmortems" / "c.md").write_text(_postmortem("INC-2"), "utf-8")
    git(repo, "add", "postmortems/c.md")
    (repo / "postmortems" / "c.md").write_text(_postmortem("INC-3"), "utf-8")
    monkeypatch.chdir(repo)
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    return repo


def lint(*args: str, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(main, ["lint", "-f", "json", *args], env=env)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def _rules(report: str, path: str) -> list[str]:
    return [p["rule"] for p in json.loads(report)["problems"] if p["path"] == path]


def _cold_over_the_index(repo: Path, *named: str) -> str:
    """A cold run without the cache over the index checked out, named files as on disk."""
    copy = repo.parent / "index"
    shutil.rmtree(copy, ignore_errors=True)
    git(repo, "checkout-index", "-a", f"--prefix={copy}/")
    for path in named:
        shutil.copyfile(repo / path, copy / path)
    here = Path.cwd()
    os.chdir(copy)
    try:
        return lint("--no-cache", *named)
    finally:
        os.chdir(here)


def test_a_duplicate_id_staged_in_another_file_is_found(repo: Path) -> None:
    named = "postmortems/b.md"
    staged_report = lint("--staged", named)
    assert "PM601" in _rules(staged_report, named)
    assert "PM601" not in _rules(lint(named), named)  # the working tree holds INC-3
    assert staged_report == _cold_over_the_index(repo, named)


def test_pre_commit_turns_it_on(repo: Path) -> None:
    named = "postmortems/b.md"
    assert lint(named, env={"PRE_COMMIT": "1"}) == lint("--staged", named)


def test_the_ids_of_blobs_are_cached_and_read_once(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    named = "postmortems/a.md"
    cold = lint("--staged", named)
    read: list[str] = []
    blobs = staged._blobs

    def counting(git: list[str], wanted: list[str], max_size: int):  # type: ignore[no-untyped-def]
        read.extend(wanted)
        yield from blobs(git, wanted, max_size)

    monkeypatch.setattr(staged, "_blobs", counting)
    assert lint("--staged", named) == cold == lint("--staged", "--no-cache", named)
    assert len(read) == 1  # the --no-cache run only: b and c are staged with the same bytes


def test_git_runs_nothing_the_repository_configures(repo: Path) -> None:
    """A hostile repository's fsmonitor hook and a ``git`` of its own are never run."""
    marker = repo.parent / "ran"
    hook = repo / "monitor.sh"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\n", encoding="utf-8")
    hook.chmod(0o755)
    git(repo, "config", "core.fsmonitor", str(hook))
    named = "postmortems/b.md"
    assert "PM601" in _rules(lint("--staged", named), named)
    assert not marker.exists()


def test_outside_a_repository_the_working_tree_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "plain"
    (folder / "postmortems").mkdir(parents=True)
    (folder / ".pmlint.toml").write_text('paths = ["postmortems"]\n', encoding="utf-8")
    for name in ("a", "b"):
        (folder / "postmortems" / f"{name}.md").write_text(_postmortem("INC-9"), "utf-8")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    named = "postmortems/a.md"
    assert lint("--staged", named) == lint(named)
    assert "PM601" in _rules(lint("--staged", named), named)


def test_excluded_files_in_the_index_are_left_out_as_the_walk_leaves_them(repo: Path) -> None:
    """``_draft.md`` and a hidden folder are excluded by default; a link holds no postmortem."""
    for path in ("postmortems/_draft.md", "postmortems/.old/x.md", "postmortems/sub/d.md"):
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(_postmortem("INC-1"), encoding="utf-8")
    (repo / "postmortems" / "link.md").symlink_to("a.md")
    git(repo, "add", "-A")
    named = "postmortems/a.md"
    report = lint("--staged", named)
    assert _rules(report, named).count("PM601") == 1
    assert "postmortems/sub/d.md" in report and "_draft" not in report and ".old" not in report
    assert report == _cold_over_the_index(repo, named).replace(
        "postmortems/link.md, ", ""
    )  # the walk follows the link to a.md's id; the index holds the link's text
