"""A cache that pmlint did not write for this user never changes a result (issue 14, item 3).

The attacker runs pmlint on their own machine, in the same checkout path a
hosted runner uses, empties the rows of ``results.json`` (so every file is
"clean") and commits ``.pmlint_cache/``. The victim's run must ignore it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES

from pmlint.formats import sarif
from pmlint.problem import Problem, Severity
from pmlint.running import cache_auth
from pmlint.running.report import Report

BAD = (FIXTURES / "bad" / "PM011-invalid-field.md").read_text(encoding="utf-8")


def lint(repo: Path, key: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PMLINT_CACHE_KEY": str(key)}
    command = [sys.executable, "-m", "pmlint", "lint", *args]
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, check=False)


def forge(repo: Path, key: Path, sign: bool = True) -> None:
    """What the attacker commits: their own run's cache with every file's rows emptied
    (its facts kept, so the entry is well formed)."""
    lint(repo, key)
    stored = repo / ".pmlint_cache" / "results.json"
    raw = stored.read_bytes()
    signed = not raw.startswith(b"{")  # before issue 14 the cache was plain JSON
    data = json.loads(raw.partition(b"\n")[2] if signed else raw)
    data["entries"] = {key: _emptied(entry) for key, entry in data["entries"].items()}
    text = json.dumps(data).encode()
    if signed:
        signature = cache_auth.sign(key.read_bytes(), "results.json", text) if sign else ""
        text = signature.encode() + b"\n" + text
    stored.write_bytes(text)


def _emptied(entry: list[object]) -> list[object]:
    """A file's ``[rows, facts]`` with no rows; the cross-file pass's answer with none."""
    return [[], entry[1]] if len(entry) == 2 and isinstance(entry[1], str) else []


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "checkout"
    (repo / "postmortems").mkdir(parents=True)
    (repo / ".pmlint.toml").write_text('paths = ["postmortems"]\n', encoding="utf-8")
    (repo / "postmortems" / "bad.md").write_text(BAD, encoding="utf-8")
    return repo


@pytest.mark.parametrize("sign", [True, False], ids=["attacker's key", "unsigned"])
def test_an_emptied_results_json_from_another_user_is_ignored(
    repo: Path, tmp_path: Path, sign: bool
) -> None:
    attacker, victim = tmp_path / "attacker.key", tmp_path / "victim.key"
    forge(repo, attacker, sign)
    assert lint(repo, attacker).returncode == (0 if sign else 1)  # it fools its maker only
    run = lint(repo, victim, "-f", "json")
    assert run.returncode == 1, run.stderr
    assert json.loads(run.stdout)["summary"]["errors"] == 4
    # ... and the victim's run rewrote the cache with its own signature and true rows
    signature, _, text = (repo / ".pmlint_cache" / "results.json").read_bytes().partition(b"\n")
    assert cache_auth.verify(victim.read_bytes(), "results.json", signature, text)
    assert lint(repo, victim).returncode == 1


def test_a_journal_line_from_another_user_is_ignored(repo: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.key"
    lint(repo, victim)  # the victim's own cache
    results = json.loads((repo / ".pmlint_cache" / "results.json").read_bytes().split(b"\n")[1])
    key, entry = next((k, e) for k, e in results["entries"].items() if isinstance(e[-1], str))
    line = json.dumps([results["run"], ["result", key], _emptied(entry)])
    forged = f"\n{cache_auth.sign(b'x' * 32, 'results.json.log', line.encode())} {line}"
    (repo / ".pmlint_cache" / "results.json.log").write_text(forged, encoding="ascii")
    assert lint(repo, victim).returncode == 1


@pytest.mark.parametrize("mode", [0o644, 0o600])
def test_a_key_others_can_read_is_not_used(tmp_path: Path, repo: Path, mode: int) -> None:
    key = tmp_path / "shared.key"
    key.write_bytes(b"k" * cache_auth.KEY_BYTES)
    key.chmod(mode)
    assert lint(repo, key).returncode == 1
    assert (repo / ".pmlint_cache").exists() is (mode == 0o600 or os.name != "posix")


def test_a_key_is_made_once_exclusively_and_private(tmp_path: Path) -> None:
    key = tmp_path / "made" / "cache.key"
    repo = tmp_path / "r"
    repo.mkdir()
    (repo / "a.md").write_text(BAD, encoding="utf-8")
    lint(repo, key, "a.md")
    made = key.read_bytes()
    assert len(made) == cache_auth.KEY_BYTES
    if os.name == "posix":
        assert key.stat().st_mode & 0o777 == 0o600
    lint(repo, key, "a.md")
    assert key.read_bytes() == made


def test_sarif_of_a_rule_pmlint_does_not_know_does_not_crash() -> None:
    """A cache row naming another pmlint's rule once crashed ``-f sarif`` (ValueError)."""
    row = Problem("a.md", 1, 1, "PM999", "from-the-future", Severity.ERROR, "m", "")
    log = json.loads(sarif(Report((row,), 1, ("a.md",))))
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "PM999" and "ruleIndex" not in result
