"""Real-world postmortems written in other styles: no crash, and findings that make sense."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, require_shared


@pytest.fixture(scope="module")
def corpus_report() -> dict[str, list[dict[str, object]]]:
    """The JSON report of the whole corpus, run as a user runs it: a real process."""
    require_shared(CORPUS)
    done = subprocess.run(
        [sys.executable, "-m", "pmlint", "--format", "json", str(CORPUS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stderr == ""
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["files_checked"] == len(list(CORPUS.glob("*.md")))
    by_file: dict[str, list[dict[str, object]]] = {}
    for problem in report["problems"]:
        by_file.setdefault(Path(str(problem["path"])).name, []).append(problem)
    return by_file


def test_no_internal_error_and_every_file_fails(corpus_report: dict[str, list]) -> None:
    assert len(corpus_report) == len(list(CORPUS.glob("*.md")))
    for problems in corpus_report.values():
        assert all(problem["rule"] != "PM000" for problem in problems)


def test_missing_front_matter_is_one_problem_at_line_1(corpus_report: dict[str, list]) -> None:
    for name, problems in corpus_report.items():
        if not (CORPUS / name).read_text(encoding="utf-8").startswith("---"):
            pm002 = [p for p in problems if p["rule"] == "PM002"]
            assert [(p["line"], p["message"]) for p in pm002] == [
                (1, "No front-matter: the file must start with a '---' line and a YAML block")
            ]
            assert not any(p["rule"] in ("PM010", "PM011") for p in problems)


def test_sections_under_other_names_are_recognised(corpus_report: dict[str, list]) -> None:
    """Kubernetes' "Impact", "Root Cause", "Action Items" and lessons as H3s are found."""
    problems = corpus_report["kubernetes__test-infra__docs__post-mortems__2019-01-23.md"]
    missing = sorted(str(p["pointer"]) for p in problems if p["rule"] == "PM101")
    assert missing == ["/sections/apparatus_updates", "/sections/eval_delta"]
    owners = [p for p in problems if p["rule"] == "PM201"]
    assert owners and all("has no owner, due, status or type" in str(p["message"]) for p in owners)


def test_every_message_names_what_to_fix(corpus_report: dict[str, list]) -> None:
    for problems in corpus_report.values():
        for problem in problems:
            message = str(problem["message"])
            assert message[0].isupper() and "\n" not in message and len(message) < 300
            assert "{" not in message and "Traceback" not in message
