"""Every rule has a page that `pmlint explain` can print, and its examples are true.

A page whose Bad example does not trigger its rule, or whose Good example is
not clean, teaches the reader the wrong fix; these tests lint every example.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rule_examples import MARKERS, PAGES, WORKED_EXAMPLE, RulePage, lint_example, splice

from pmlint.checking.rules import RULES
from pmlint.config import Config
from pmlint.running.linter import lint_text

CODES = sorted(RULES)
WITH_EXAMPLES = [code for code in CODES if code != "PM000"]


def page(code: str) -> RulePage:
    return RulePage.read(PAGES / f"{code}.md")


def test_worked_example_lints_clean() -> None:
    """Examples are spliced into it, so a problem it had would be blamed on them."""
    text = WORKED_EXAMPLE.read_text(encoding="utf-8")
    assert lint_text(text, str(WORKED_EXAMPLE), Config()) == []


def test_every_page_is_a_rule() -> None:
    """A page left behind by a renamed or removed code would mislead `pmlint explain`."""
    assert sorted(path.stem for path in PAGES.glob("*.md")) == CODES


@pytest.mark.parametrize("code", CODES)
def test_page_header_matches_the_registry(code: str) -> None:
    rule = RULES[code]
    rule_page = page(code)
    assert rule_page.lines[0] == f"# {code} {rule.slug}"
    assert rule_page.lines[1] == ""
    assert re.match(rf"Default severity: {rule.severity.value}\. \S", rule_page.lines[2])
    assert "Why" in rule_page.sections


@pytest.mark.parametrize("code", WITH_EXAMPLES)
def test_page_has_bad_and_good_examples(code: str) -> None:
    rule_page = page(code)
    assert list(rule_page.sections)[:3] == ["Why", "Bad", "Good"]
    for name in ("Bad", "Good"):
        example = rule_page.example(name)
        assert example.snippet.strip()
        assert set(example.markers) <= MARKERS
        assert example.markers.get("example", "cross-file") == "cross-file"


def test_internal_error_page_says_it_has_no_example() -> None:
    """PM000 is pmlint's own failure: no postmortem can honestly trigger it."""
    rule_page = page("PM000")
    assert "Bad" not in rule_page.sections
    assert "Good" not in rule_page.sections
    assert "no bad example" in "\n".join(rule_page.lines).lower()


@pytest.mark.parametrize("code", WITH_EXAMPLES)
def test_bad_example_triggers_the_rule(code: str, tmp_path: Path) -> None:
    rule_page = page(code)
    problems = lint_example(rule_page, rule_page.example("Bad"), tmp_path)
    assert code in {problem.code for problem in problems}, problems


@pytest.mark.parametrize("code", WITH_EXAMPLES)
def test_good_example_is_clean(code: str, tmp_path: Path) -> None:
    """Not only silent for its rule: a good example must not teach another mistake."""
    rule_page = page(code)
    assert lint_example(rule_page, rule_page.example("Good"), tmp_path) == []


def test_splice_keeps_what_the_snippet_does_not_mention() -> None:
    base = "---\na: 1\nb:\n  c: 2\n---\n\n# T\n\n## One\n\nx\n\n## Two\n\ny\n"
    snippet = "---\nb: 3\n# remove: a\nd: 4\n---\n\n## Two\n\nz\n\n## One\n\nw\n\n## New\n\nv\n"
    assert splice(base, snippet) == (
        "---\nb: 3\nd: 4\n---\n\n# T\n\n## Two\n\nz\n\n## One\n\nw\n\n## New\n\nv\n"
    )


def test_splice_removes_a_section() -> None:
    base = "---\na: 1\n---\n\n## One\n\nx\n\n## Two\n\ny\n"
    assert splice(base, "<!-- remove: two -->\n") == "---\na: 1\n---\n\n## One\n\nx\n"
