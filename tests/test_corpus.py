"""Real-world postmortems written in other styles: no crash, and findings that make sense."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, require_shared

from pmlint.config import Config
from pmlint.running.linter import lint_text

#: A report's problems by file name.
ByFile = dict[str, list[dict[str, Any]]]


@pytest.fixture(scope="module")
def corpus_report() -> ByFile:
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
    by_file: ByFile = {}
    for problem in report["problems"]:
        by_file.setdefault(Path(str(problem["path"])).name, []).append(problem)
    return by_file


def test_no_internal_error_and_every_file_fails(corpus_report: ByFile) -> None:
    assert len(corpus_report) == len(list(CORPUS.glob("*.md")))
    for problems in corpus_report.values():
        assert all(problem["rule"] != "PM000" for problem in problems)


def test_a_file_without_front_matter_is_one_problem_at_line_1(
    corpus_report: ByFile,
) -> None:
    """A postmortem in another style gets one error pointing at adopt, not every gap."""
    for name, problems in corpus_report.items():
        if not (CORPUS / name).read_text(encoding="utf-8").strip().startswith("---"):
            [problem] = problems
            assert (problem["rule"], problem["line"], problem["severity"]) == ("PM002", 1, "error")
            assert "run 'pmlint adopt " in str(problem["message"])


def test_sections_under_other_names_are_recognised() -> None:
    """Kubernetes' "Impact", "Root Cause", "Action Items" and lessons as H3s are found."""
    source = require_shared(CORPUS / "kubernetes__test-infra__docs__post-mortems__2019-01-23.md")
    text = "---\ntitle: Prow outage\n---\n" + source.read_text(encoding="utf-8")
    problems = lint_text(text, "k.md", Config())
    missing = sorted(p.pointer for p in problems if p.code == "PM101")
    assert missing == ["/sections/apparatus_updates", "/sections/eval_delta"]
    owners = [p for p in problems if p.code == "PM201"]
    assert owners and all("has no owner, due, status or type" in p.message for p in owners)


def test_every_message_names_what_to_fix(corpus_report: ByFile) -> None:
    for problems in corpus_report.values():
        for problem in problems:
            message = str(problem["message"])
            assert message[0].isupper() and "\n" not in message and len(message) < 300
            assert "{" not in message and "Traceback" not in message
