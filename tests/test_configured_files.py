"""Files the configuration names are bounded like postmortems (issue 14, item 7).

A pull request can point ``schema``, ``baseline`` or a team schema's ``$ref``
at ``/dev/zero``, a FIFO or any file on the runner. Each run here is a child
process under the CPU and memory limits of tests/sandbox.py, so a hang or a
blow-up fails through the kernel, not a stopwatch.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from sandbox import CLEAN, WALL_SECONDS, _limits, json_report, run_pmlint

from pmlint.days import business_days_between

#: Backstop for a child blocked opening a FIFO (it burns no CPU).
FIFO_WAIT = 30

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero")


def _run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [sys.executable, "-c", "from pmlint.cli import main; main()", *args],
            cwd=repo,
            capture_output=True,
            text=True,
            timeout=FIFO_WAIT,
            preexec_fn=_limits,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"pmlint {' '.join(args)} blocked for {FIFO_WAIT} s (a FIFO was opened)")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "a.md").write_text(CLEAN, encoding="utf-8")
    os.mkfifo(repo / "fifo")
    (repo / "zero").symlink_to("/dev/zero")
    return repo


def _configure(repo: Path, **settings: str) -> None:
    lines = [f"{key} = {json.dumps(value)}" for key, value in settings.items()]
    (repo / ".pmlint.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _refused(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])
    (line,) = done.stderr.splitlines()
    assert line.startswith("pmlint: error: ") and all(word in line for word in words), line


@pytest.mark.parametrize("target", ["zero", "fifo"])
@pytest.mark.parametrize("setting", ["schema", "baseline"])
def test_a_setting_naming_a_device_or_fifo_is_refused(
    repo: Path, setting: str, target: str
) -> None:
    _configure(repo, **{setting: target})
    _refused(_run(repo, "a.md"), target, "not a regular file")


@pytest.mark.parametrize("target", ["zero", "fifo"])
def test_a_ref_to_a_device_or_fifo_is_refused(repo: Path, target: str) -> None:
    ref = (repo / target).as_uri()
    (repo / "team.json").write_text(json.dumps({"$ref": ref}), encoding="utf-8")
    _configure(repo, schema="team.json")
    _refused(_run(repo, "a.md"), target)  # /dev/zero is outside too; the FIFO is not regular


@pytest.mark.parametrize("ref", ["file:///etc/passwd", "../outside.json", "sub/../../outside.json"])
def test_a_ref_outside_the_repository_is_refused(repo: Path, ref: str) -> None:
    (repo.parent / "outside.json").write_text('{"type": "object"}', encoding="utf-8")
    (repo / "team.json").write_text(json.dumps({"$ref": ref}), encoding="utf-8")
    _configure(repo, schema="team.json")
    _refused(_run(repo, "a.md"), "outside")


def test_a_local_ref_inside_the_repository_still_works(repo: Path) -> None:
    (repo / "defs").mkdir()
    (repo / "defs" / "common.json").write_text(
        json.dumps({"properties": {"front_matter": {"required": ["runbook"]}}}), encoding="utf-8"
    )
    (repo / "team.json").write_text(json.dumps({"$ref": "defs/common.json"}), encoding="utf-8")
    _configure(repo, schema="team.json")
    report = json_report(_run(repo, "-f", "json", "--no-cache", "a.md"))
    assert [p["rule"] for p in report["problems"]] == ["PM010"]


def test_an_oversized_schema_is_refused(repo: Path) -> None:
    (repo / "team.json").write_text(
        '{"description": "' + "x" * (5 * 1024 * 1024) + '"}', encoding="utf-8"
    )
    _configure(repo, schema="team.json")
    _refused(_run(repo, "a.md"), "team.json", "limit")


#: CPU seconds for the large-baseline run: about 4 s in one pass, 24 s or more when each
#: problem searched the entries of its group (the sandbox's 30 s would not tell them apart).
BASELINE_CPU_SECONDS = 12


def _baseline_limits() -> None:
    _limits()
    resource.setrlimit(resource.RLIMIT_CPU, (BASELINE_CPU_SECONDS, BASELINE_CPU_SECONDS))


def test_a_300000_entry_baseline_matches_in_one_pass(repo: Path) -> None:
    """Two files with 1,000 problems at one pointer each, 150,000 entries each: matching
    searched and removed from a list per problem, 17 s for 200,000 entries in the issue."""
    blame = "".join(f"Step {i}: the engineer forgot, human error.\n\n" for i in range(1200))
    entries = []
    for number, name in enumerate(("b.md", "c.md")):
        text = CLEAN.replace("The job read a cached model version.", "\n\n" + blame)
        (repo / name).write_text(text.replace("INC-2031-0007", f"INC-2031-900{number}"), "utf-8")
        entries += [
            {"path": name, "rule": "PM403", "pointer": "/sections/cause", "message": f"m{i}"}
            for i in range(150_000)
        ]
    baseline = {"version": 1, "tool": "pmlint", "problems": entries}
    (repo / "base.json").write_text(json.dumps(baseline), encoding="utf-8")
    _configure(repo, baseline="base.json")
    done = subprocess.run(
        [sys.executable, "-m", "pmlint", "-q", "--no-cache", "b.md", "c.md"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=WALL_SECONDS,
        preexec_fn=_baseline_limits,
        check=False,
    )
    assert done.returncode == 0 and done.stdout == "", (done.returncode, done.stderr[-500:])


HOSTILE_DATES = CLEAN.replace("resolved: 2031-03-02T11:40:00Z", "resolved: 0001-01-02T00:00:00Z")


def test_hostile_dates_cost_no_more_than_others(repo: Path) -> None:
    """resolved 0001-01-02, published 9999-12-31: 3.7 s a file when days were walked."""
    for number in range(40):
        text = HOSTILE_DATES.replace("INC-2031-0007", f"INC-2031-{number:04}")
        text = text.replace("published: 2031-03-05", "published: 9999-12-31")
        (repo / f"d{number}.md").write_text(text, encoding="utf-8")
    json_report(run_pmlint(["-f", "json", "--no-cache", "--jobs", "1", "."], repo))
    json_report(run_pmlint(["report", "-f", "json", "."], repo))


def test_business_days_are_counted_as_a_walk_would() -> None:
    holidays = frozenset({dt.date(2026, 12, 25), dt.date(2026, 12, 26), dt.date(2027, 1, 1)})
    start = dt.date(2026, 12, 1)
    for offset in range(-3, 80):
        end = start + dt.timedelta(days=offset)
        walked, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            walked += day.weekday() < 5 and day not in holidays
        assert business_days_between(start, end, holidays) == walked, end
    assert business_days_between(dt.date(1, 1, 2), dt.date(9999, 12, 31), frozenset()) == 2608613
