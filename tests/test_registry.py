"""The rule registry: each rule's metadata, check and page found from one entry.

Categories are metadata in the catalog (``pmlint.checking.rules``), never code
ranges: these tests change a rule's metadata and watch the behaviour follow.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from conftest import FIXTURES
from test_imports import graph

from pmlint import formats
from pmlint.checking import registry
from pmlint.checking.rules import RULES, check, cross_file_check
from pmlint.config import Config
from pmlint.problem import Problem, Severity
from pmlint.running.linter import lint_text
from pmlint.running.report import Report

ROOT = Path(__file__).parents[1]
WORKED = (FIXTURES / "good" / "worked-example.md").read_text(encoding="utf-8")
#: Codes the schema reports where no annotation names one (pmlint.checking.schema._rule).
SCHEMA_DEFAULTS = {"PM003", "PM010", "PM011", "PM101", "PM201"}


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_is_one_entry_with_a_way_to_check_it_and_a_page(code: str) -> None:
    entry = registry.entry(code)
    assert entry.rule is RULES[code] and entry.rule.code == code
    assert entry.page.is_file() and entry.page.read_text("utf-8").startswith(f"# {code} ")
    assert (entry.check is not None) + entry.rule.schema + entry.rule.pipeline >= 1
    assert not (entry.rule.pipeline and (entry.check or entry.rule.schema))


def test_the_schema_codes_are_the_ones_the_catalog_says() -> None:
    text = (ROOT / "schemas" / "postmortem.schema.json").read_text(encoding="utf-8")
    annotated = set(re.findall(r'"x-pmlint-rule": *"(PM\d{3})"', text))
    assert {code for code, rule in RULES.items() if rule.schema} == annotated | SCHEMA_DEFAULTS


def test_a_check_registers_only_for_a_catalogued_code_and_only_once() -> None:
    with pytest.raises(KeyError):
        check("PM999")
    with pytest.raises(ValueError, match="PM103 has two checks"):
        check("PM103")(lambda doc, context: iter(()))


def test_cross_file_checks_are_those_the_catalog_marks() -> None:
    marked = {code for code, rule in RULES.items() if rule.cross_file}
    assert {code for code, _ in registry.cross_file_checks()} == marked == {"PM601", "PM602"}
    assert not marked & {code for code, _ in registry.checks()}


def test_a_check_registers_as_the_catalog_marks_it() -> None:
    """A cross-file rule is checked from facts in the repository pass, any other from the
    document: registering it the other way would run it where its input is missing."""
    with pytest.raises(ValueError, match="PM601 is marked cross_file"):
        check("PM601")
    with pytest.raises(ValueError, match="PM103 is not marked cross_file"):
        cross_file_check("PM103")


def test_draft_relaxation_follows_the_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    draft = WORKED.replace("status: published", "status: draft").replace("## Eval delta", "## X")
    severity = {p.code: p.severity for p in lint_text(draft, "pm.md", Config())}
    assert severity["PM101"] is Severity.WARNING
    monkeypatch.setitem(RULES, "PM101", dataclasses.replace(RULES["PM101"], draft_relaxed=False))
    severity = {p.code: p.severity for p in lint_text(draft, "pm.md", Config())}
    assert severity["PM101"] is Severity.ERROR


def test_annotation_order_follows_the_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    def problem(code: str) -> Problem:
        return Problem("a.md", 9, 1, code, RULES[code].slug, Severity.ERROR, "m")

    report = Report((problem("PM010"), problem("PM303")), 1)
    first = formats.github(report).splitlines()[0]
    assert "PM010" in first
    monkeypatch.setitem(RULES, "PM303", dataclasses.replace(RULES["PM303"], shape=True))
    monkeypatch.setitem(RULES, "PM010", dataclasses.replace(RULES["PM010"], shape=False))
    assert "PM303" in formats.github(report).splitlines()[0]


def test_configuration_validates_codes_without_importing_a_check() -> None:
    """config reads the catalog, a leaf; the checks and the parser stay unloaded."""
    edges = graph()
    reachable: set[str] = set()
    todo = ["pmlint.config"]
    while todo:
        for target in edges[todo.pop()] - reachable:
            reachable.add(target)
            todo.append(target)
    assert "pmlint.checking.rules" in reachable
    assert not reachable & {"pmlint.checking.registry", "pmlint.reading.document"}
