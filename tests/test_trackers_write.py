"""pmlint sync --write: status and closed cells follow the tracker, no other byte moves."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import invoke
from test_trackers_sync import _config
from tracker_docs import postmortem, write_repo
from tracker_servers import FakeTracker, github_issue, serve

from pmlint.trackers.rewrite import wanted
from pmlint.trackers.snapshot import Entry

A, B, C, D = (f"https://github.com/o/r/issues/{n}" for n in (1, 2, 3, 4))
ISSUES = {
    ("o/r", 1): github_issue("CLOSED", "COMPLETED", "2026-05-20T08:00:00Z"),
    ("o/r", 2): github_issue("OPEN"),
    ("o/r", 3): github_issue("CLOSED", "NOT_PLANNED", "2026-05-22T08:00:00Z"),
    ("o/r", 4): github_issue("OPEN"),
}


def _sync_write(root: Path, files: dict[str, str]) -> tuple[dict[str, bytes], str]:
    server = FakeTracker()
    server.github = ISSUES
    with serve(server):
        write_repo(root, _config(server, "github"), files)
        result = invoke(root, "sync", "--write", "--allow-host", f"127.0.0.1:{server.port}")
    assert result.exit_code == 0, result.output + result.stderr
    return {name: (root / "docs" / name).read_bytes() for name in files}, result.output


def test_table_cells_are_rewritten_and_nothing_else(tmp_path: Path) -> None:
    rows = [("open", "", A), ("done", "2026-05-01", B), ("in progress", "", C), ("blocked", "", D)]
    text = postmortem(rows).replace("\n", "\r\n")
    written, output = _sync_write(tmp_path, {"a.md": text})
    expected = (
        text.replace(f"| open | alert |  | {A} |", f"| done | alert | 2026-05-20 | {A} |")
        .replace(f"| done | fix | 2026-05-01 | {B} |", f"| open | fix |  | {B} |")
        .replace(f"| in progress | fix |  | {C} |", f"| won't do | fix | 2026-05-22 | {C} |")
    )
    assert expected != text
    assert written["a.md"] == expected.encode()
    assert "3 follow-ups rewritten" in output


LIST = """
## Follow-up actions

- (a) Pin the model version — owner: Search lead — due: 2026-05-20 — status: open — type: alert
  — ticket: {a}
- Add an alert — owner: SRE — due: 2026-05-12
  — status: done — type: alert — closed: 2026-05-10 — ticket: {b}
- Keep as is — owner: SRE — due: 2026-05-12 — status: blocked — type: fix — ticket: {d}

## Apparatus updates
"""


def test_list_items_are_rewritten_and_nothing_else(tmp_path: Path) -> None:
    table_section = postmortem([("open", "", A)])
    start = table_section.index("\n## Follow-up actions")
    end = table_section.index("\n## Apparatus updates\n") + len("\n## Apparatus updates\n")
    text = table_section[:start] + LIST.format(a=A, b=B, d=D) + table_section[end:]
    written, _ = _sync_write(tmp_path, {"b.md": text})
    expected = text.replace(
        "status: open — type: alert\n", "status: done — closed: 2026-05-20 — type: alert\n"
    ).replace(
        "— status: done — type: alert — closed: 2026-05-10 —", "— status: open — type: alert —"
    )
    assert written["b.md"] == expected.encode()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_linked_file_is_not_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(postmortem([("open", "", A)]), encoding="utf-8")
    before = outside.read_bytes()
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "docs").mkdir()
    (repo / "docs" / "a.md").symlink_to(outside)
    server = FakeTracker()
    server.github = ISSUES
    with serve(server):
        write_repo(repo, _config(server, "github"), {})
        result = invoke(repo, "sync", "--write", "--allow-host", f"127.0.0.1:{server.port}")
    assert outside.read_bytes() == before
    assert "is a link; not rewritten" in result.stderr


@pytest.mark.parametrize(
    ("status", "closed", "entry", "expected"),
    [
        (
            "open",
            None,
            Entry("g", "t", "closed", "2026-01-02", "completed"),
            ("done", "2026-01-02"),
        ),
        ("closed", None, Entry("g", "t", "closed", "2026-01-02", "Done"), ("closed", "2026-01-02")),
        ("open", None, Entry("g", "t", "closed", None, "Won't Do"), ("won't do", None)),
        ("done", "2026-01-01", Entry("g", "t", "open"), ("open", None)),
        ("blocked", None, Entry("g", "t", "open"), ("blocked", None)),
    ],
)
def test_wanted_status(
    status: str, closed: str | None, entry: Entry, expected: tuple[str, str | None]
) -> None:
    assert wanted(status, closed, entry) == expected
