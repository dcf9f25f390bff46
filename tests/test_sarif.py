"""SARIF that GitHub code scanning accepts, checked by two real validators."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import FIXTURES, SHARED, require_shared, require_tool

from pmlint.checking.rules import RULES
from pmlint.cli import main


def sarif_of(*paths: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["-f", "sarif", *paths], catch_exceptions=False)
    report: dict[str, Any] = json.loads(result.output)
    return report


@pytest.fixture(scope="module")
def fixtures_sarif(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The SARIF report of every bundled fixture: every rule fires somewhere."""
    log = sarif_of(os.path.relpath(FIXTURES))  # relative, as a CI job would pass it
    path = tmp_path_factory.mktemp("sarif") / "pmlint.sarif"
    path.write_text(json.dumps(log), encoding="utf-8")
    return path


def test_valid_against_the_oasis_schema(fixtures_sarif: Path) -> None:
    schema = json.loads(require_shared(SHARED / "schemas" / "sarif-2.1.0.json").read_text())
    log = json.loads(fixtures_sarif.read_text())
    assert log["runs"][0]["results"], "the fixtures must produce results to validate"
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []


def _multitool_errors(sarif: Path, kind: str, tmp_path: Path) -> list[str]:
    tool = require_tool("sarif-multitool")
    out = tmp_path / f"validation-{kind}.sarif"
    subprocess.run(
        [tool, "validate", str(sarif), "--output", str(out), "--log", "ForceOverwrite",
         "--rule-kind", kind],
        capture_output=True, check=False, timeout=300,
    )  # fmt: skip
    assert out.exists(), "sarif-multitool wrote no validation log"
    results = json.loads(out.read_text(encoding="utf-8-sig"))["runs"][0].get("results", [])
    return [r["ruleId"] for r in results if r.get("level", "warning") == "error"]


@pytest.mark.parametrize("kind", ["Sarif", "Gh"])
def test_sarif_multitool_finds_no_error(fixtures_sarif: Path, kind: str, tmp_path: Path) -> None:
    assert _multitool_errors(fixtures_sarif, kind, tmp_path) == []


def test_sarif_multitool_does_catch_a_bad_log(tmp_path: Path) -> None:
    """The validator is really consulted: an absolute URI breaks GitHub's ingestion rules."""
    bad = tmp_path / "bad.sarif"
    bad.write_text(
        json.dumps({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
            {"message": {"text": "m"},
             "locations": [{"physicalLocation": {"artifactLocation": {"uri": "/abs/x.md"}}}]}]}]})
    )  # fmt: skip
    assert _multitool_errors(bad, "Gh", tmp_path) != []


def test_every_rule_is_described(fixtures_sarif: Path) -> None:
    driver = json.loads(fixtures_sarif.read_text())["runs"][0]["tool"]["driver"]
    assert [rule["id"] for rule in driver["rules"]] == list(RULES)
    for rule in driver["rules"]:
        code = rule["id"]
        assert rule["name"] and rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"].startswith(f"{code} {RULES[code].slug}")
        assert rule["help"]["text"] and rule["help"]["markdown"].startswith(f"# {code} ")
        assert rule["defaultConfiguration"]["level"] == RULES[code].severity


def test_results_point_at_relative_files_and_lines(fixtures_sarif: Path) -> None:
    run = json.loads(fixtures_sarif.read_text())["runs"][0]
    codes = list(RULES)
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]
        assert not location["artifactLocation"]["uri"].startswith("/")
        assert location["region"]["startLine"] >= 1
        assert codes[result["ruleIndex"]] == result["ruleId"]


def test_fingerprints_survive_edits_elsewhere_in_the_file(tmp_path: Path) -> None:
    worked = (FIXTURES / "good" / "worked-example.md").read_text(encoding="utf-8")
    broken = worked.replace(
        "| Eval lead | 2026-05-21 | pending | eval |", "| | 2026-05-21 | pending | eval |"
    )
    target = tmp_path / "pm.md"
    target.write_text(broken, encoding="utf-8")
    before = sarif_of(str(target))["runs"][0]["results"]
    target.write_text(broken.replace("## Summary\n", "## Summary\n\nA new first paragraph.\n"))
    after = sarif_of(str(target))["runs"][0]["results"]
    assert [r["ruleId"] for r in before] == [r["ruleId"] for r in after] == ["PM201"]
    line = before[0]["locations"][0]["physicalLocation"]["region"]["startLine"]
    moved = after[0]["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert moved == line + 2
    assert before[0]["partialFingerprints"] == after[0]["partialFingerprints"]
