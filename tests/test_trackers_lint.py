"""Lint reads the ticket snapshot, never the network: PM206, PM207, staleness, the cache."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import invoke
from tracker_docs import postmortem, write_repo

A, B = "https://github.com/o/r/issues/1", "https://github.com/o/r/issues/2"
CONFIG = 'paths = ["docs"]\n[trackers.github]\n'


def _snapshot(root: Path, states: dict[str, tuple[str, str | None]], fetched: str) -> None:
    tickets = {
        url: {
            "tracker": "github",
            "state": state,
            "closed": closed,
            "reason": "completed" if closed else None,
            "title": "t",
            "fetched": fetched,
        }
        for url, (state, closed) in states.items()
    }
    text = json.dumps({"version": 1, "tickets": tickets})
    (root / ".pmlint-tickets.json").write_text(text, encoding="utf-8")


def _problems(root: Path, *args: str) -> tuple[list[tuple[str, int]], str, int]:
    result = invoke(root, "--format", "json", *args)
    found = [(p["rule"], p["line"]) for p in json.loads(result.stdout)["problems"]]
    return found, result.stderr, result.exit_code


def test_pm206_follows_the_snapshot_and_the_cache_keeps_up(tmp_path: Path) -> None:
    rows = [("in progress", "", A), ("done", "2026-05-20", B)]
    write_repo(tmp_path, CONFIG, {"a.md": postmortem(rows)})
    assert _problems(tmp_path)[0] == []  # no snapshot: nothing to compare with
    _snapshot(tmp_path, {A: ("closed", "2026-05-21"), B: ("open", None)}, "2026-05-25T06:00:00Z")
    found, _, code = _problems(tmp_path, "--today", "2026-05-09")
    assert found == [("PM206", 43), ("PM206", 44)] and code == 1
    message = invoke(tmp_path, "--today", "2026-05-09").stdout
    assert f"'in progress' here, but its ticket {A} was closed on 2026-05-21" in message
    assert "'done' here, but its ticket https://github.com/o/r/issues/2 is open" in message
    # A new snapshot changes the result although no Markdown changed (and the cache is warm).
    _snapshot(tmp_path, {A: ("open", None), B: ("closed", "2026-05-20")}, "2026-05-25T06:00:00Z")
    assert _problems(tmp_path, "--today", "2026-05-09")[0] == []


def test_tickets_not_read_are_not_judged(tmp_path: Path) -> None:
    write_repo(tmp_path, CONFIG, {"a.md": postmortem([("done", "2026-05-20", A)])})
    document = {
        "version": 1,
        "tickets": {
            A: {"tracker": "github", "error": "not found (404)", "fetched": "2026-05-25T06:00:00Z"}
        },
    }
    (tmp_path / ".pmlint-tickets.json").write_text(json.dumps(document), encoding="utf-8")
    assert _problems(tmp_path, "--today", "2026-05-09")[0] == []


def test_pm207_only_when_a_tracker_is_configured(tmp_path: Path) -> None:
    write_repo(tmp_path, CONFIG, {"a.md": postmortem([("open", "", A), ("open", "", "")])})
    found, _, code = _problems(tmp_path)
    assert found == [("PM207", 44)] and code == 0
    (tmp_path / ".pmlint.toml").write_text('paths = ["docs"]\n', encoding="utf-8")
    assert _problems(tmp_path)[0] == []


def test_a_stale_snapshot_is_a_warning_not_an_error(tmp_path: Path) -> None:
    write_repo(tmp_path, CONFIG, {"a.md": postmortem([("open", "", A)])})
    _snapshot(tmp_path, {A: ("open", None)}, "2026-05-01T06:00:00Z")
    found, stderr, code = _problems(tmp_path, "--today", "2026-05-08")
    assert (found, code, stderr) == ([], 0, "")
    found, stderr, code = _problems(tmp_path, "--today", "2026-05-09")
    assert found == [] and code == 0
    assert (
        "stale: 7 days old" not in stderr and "stale: 8 days old (tickets_max_age is 7)" in stderr
    )
    (tmp_path / ".pmlint.toml").write_text(
        CONFIG.replace("\n[", "\ntickets_max_age = 30\n["), encoding="utf-8"
    )
    assert _problems(tmp_path, "--today", "2026-05-09")[1] == ""


def test_a_broken_snapshot_is_reported_and_ignored(tmp_path: Path) -> None:
    write_repo(tmp_path, CONFIG, {"a.md": postmortem([("done", "2026-05-20", A)])})
    (tmp_path / ".pmlint-tickets.json").write_text(
        '{"version": 1, "tickets": {\n  "x": 3\n}}', encoding="utf-8"
    )
    found, stderr, code = _problems(tmp_path)
    assert found == [] and code == 0
    assert ".pmlint-tickets.json: the entry of 'x' is not a ticket entry" in stderr


def test_lint_never_loads_the_http_client(tmp_path: Path) -> None:
    write_repo(tmp_path, CONFIG, {"a.md": postmortem([("done", "2026-05-20", A)])})
    _snapshot(tmp_path, {A: ("open", None)}, "2026-05-25T06:00:00Z")
    code = (
        "import sys; from pmlint.cli import run; status = run(['--no-cache', 'docs']); "
        "assert 'httpx' not in sys.modules, 'lint imported httpx'; sys.exit(status)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1, done.stderr  # the PM206, found without the network
    assert "PM206" in done.stdout
