"""What a new team trips over in its first hour (issue 17): each gap pinned by a test."""

from __future__ import annotations

from pmlint.config import Config
from pmlint.problem import Severity
from pmlint.running.linter import lint_text

OTHER_STYLE = "# Checkout outage\n\n## Impact\n\nSome users.\n\n## Action items\n\n- Fix it\n"


def test_a_file_without_front_matter_is_one_problem_pointing_at_adopt() -> None:
    [problem] = lint_text(OTHER_STYLE, "docs/pm/2019 outage.md", Config())
    assert (problem.code, problem.line, problem.severity) == ("PM002", 1, Severity.ERROR)
    assert "not yet in pmlint's format" in problem.message
    assert "run 'pmlint adopt 'docs/pm/2019 outage.md''" in problem.message


def test_a_misplaced_front_matter_is_a_slip_not_another_format() -> None:
    text = "\n---\ntitle: x\n---\n" + OTHER_STYLE
    problems = lint_text(text, "pm.md", Config())
    [pm002] = [p for p in problems if p.code == "PM002"]
    assert pm002.message == "No front-matter: the '---' on line 2 must be the file's first line"
    assert any(p.code == "PM101" for p in problems)  # the body is still checked


def test_a_colon_in_an_unquoted_value_says_to_quote_it() -> None:
    text = "---\nid: INC-2026-0101\ntitle: Deploy: broke things\n---\n" + OTHER_STYLE
    [pm002] = [p for p in lint_text(text, "pm.md", Config()) if p.code == "PM002"]
    assert pm002.line == 3
    assert "mapping values are not allowed" in pm002.message
    assert pm002.message.endswith("""must be quoted: title: "Deploy: broke things\"""")


def test_an_odd_value_with_a_colon_gets_the_general_hint() -> None:
    text = '---\nid: INC-2026-0101\ntitle: a\\b: "c"\n---\n' + OTHER_STYLE
    [pm002] = [p for p in lint_text(text, "pm.md", Config()) if p.code == "PM002"]
    assert pm002.message.endswith("if a value contains ': ', put it in quotes")
