"""Tests for four mutations that survived the suite (issue 14), each without an external tool.

- directives.py: dropping the line count of a multi-line ``disable-next-line``;
- cache.py: ``RACY_SECONDS = 0``;
- formats: dropping SARIF ``startColumn`` or ``uriBaseId`` (only sarif-multitool, which
  runs in CI alone, noticed those).
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
from pathlib import Path

from conftest import FIXTURES, invoke

from pmlint import config as config_module
from pmlint.formats import sarif
from pmlint.problem import Problem, Severity
from pmlint.reading.directives import parse
from pmlint.running import cache
from pmlint.running.linter import lint_paths
from pmlint.running.report import Report

WORKED = (FIXTURES / "good" / "worked-example.md").read_text(encoding="utf-8")
BLAME = "The on-call engineer forgot to check the dashboard, a human error."


def test_a_multi_line_disable_next_line_silences_the_line_after_its_end() -> None:
    comment = "<!-- pmlint-disable-next-line PM403\n     the customer's words, quoted -->"
    assert parse([(10, comment)]).next_lines == {("PM403", 12)}


def test_a_disable_next_line_after_another_comment_on_its_line_counts_from_its_own_end() -> None:
    text = "<!-- a note\n     on two lines --> <!-- pmlint-disable-next-line -->"
    assert parse([(10, text)]).next_lines == {("*", 12)}


def test_a_multi_line_disable_next_line_in_a_file(tmp_path: Path) -> None:
    cause = WORKED.index("## Cause\n") + len("## Cause\n\n")
    directive = "<!-- pmlint-disable-next-line PM403\n     quoting the incident channel -->\n"
    (tmp_path / "a.md").write_text(
        WORKED[:cause] + directive + BLAME + "\n\n" + WORKED[cause:], encoding="utf-8"
    )
    (tmp_path / "b.md").write_text(
        WORKED[:cause] + BLAME + "\n\n" + WORKED[cause:].replace("INC-2026-0512", "INC-2026-0513"),
        encoding="utf-8",
    )
    result = invoke(tmp_path, "--no-cache", "-f", "json", "a.md", "b.md")
    codes = [(p["path"], p["rule"]) for p in json.loads(result.output)["problems"]]
    assert ("b.md", "PM403") in codes and ("a.md", "PM403") not in codes


def test_a_file_written_within_the_racy_window_is_not_remembered_by_its_stat(
    tmp_path: Path,
) -> None:
    """Its next edit could keep size and mtime (a coarse clock): the cache must reread it."""
    assert cache.RACY_SECONDS >= 1
    old = time.time() - 3600
    for name in ("old.md", "new.md"):
        (tmp_path / name).write_text(WORKED.replace("0512", name[:3]), encoding="utf-8")
    os.utime(tmp_path / "old.md", (old, old))
    config = dataclasses.replace(config_module.load(start=tmp_path), jobs=1)
    lint_paths([str(tmp_path)], config)
    files = (tmp_path / ".pmlint_cache" / "files.json").read_bytes().partition(b"\n")[2]
    remembered = json.loads(files)["stats"]
    assert [Path(path).name for path in remembered] == ["old.md"]


def test_sarif_results_carry_their_column_and_base(tmp_path: Path) -> None:
    cause = WORKED.index("## Cause\n") + len("## Cause\n\n")
    (tmp_path / "a.md").write_text(WORKED[:cause] + BLAME + "\n\n" + WORKED[cause:], "utf-8")
    result = invoke(tmp_path, "--no-cache", "-f", "sarif", "a.md")
    problems = json.loads(invoke(tmp_path, "--no-cache", "-f", "json", "a.md").output)["problems"]
    results = json.loads(result.output)["runs"][0]["results"]
    assert len(results) == len(problems) > 0
    for found, problem in zip(results, problems, strict=True):
        location = found["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": "a.md", "uriBaseId": "%SRCROOT%"}
        assert location["region"] == {
            "startLine": problem["line"],
            "startColumn": problem["column"],
        }


def test_sarif_keeps_a_column_other_than_one() -> None:
    """pmlint's rules report column 1 today; a problem elsewhere on a line keeps its column."""
    problem = Problem("dir/a b.md", 4, 7, "PM403", "blame-language", Severity.WARNING, "m", "")
    (found,) = json.loads(sarif(Report((problem,), 1, ("dir/a b.md",))))["runs"][0]["results"]
    location = found["locations"][0]["physicalLocation"]
    assert location["region"] == {"startLine": 4, "startColumn": 7}
    assert location["artifactLocation"] == {"uri": "dir/a%20b.md", "uriBaseId": "%SRCROOT%"}
