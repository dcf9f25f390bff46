"""The bundled fixtures: each file states, in HTML comments, exactly what pmlint must report.

A bad fixture ends with one ``<!-- expect: PM102 error line=43 -->`` per expected
problem (markdownlint-style), so the expectation lives next to the defect and a
new fixture needs no test code. ``<!-- today: YYYY-MM-DD -->`` sets the reference
day (PM205, PM501) and ``<!-- config: {...} -->`` a configuration mapping, read
as ``[tool.pmlint]`` would be with the fixture's folder as root. A good fixture
has no expectations and must lint clean.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from pmlint.checking.rules import RULES
from pmlint.config import Config, from_mapping
from pmlint.problem import Problem
from pmlint.running.linter import lint_paths

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
GOOD = sorted((FIXTURES / "good").glob("*.md"))
BAD = sorted((FIXTURES / "bad").glob("*.md"))
CROSSFILE = FIXTURES / "bad" / "crossfile"

_EXPECT = re.compile(r"<!-- expect: (PM\d{3}) (error|warning) line=(\d+) -->")
_TODAY = re.compile(r"<!-- today: (\d{4}-\d{2}-\d{2}) -->")
_CONFIG = re.compile(r"<!-- config: (\{.*\}) -->")

Expectation = tuple[str, str, int]


@dataclass(frozen=True)
class Fixture:
    path: Path
    expected: Counter[Expectation]
    today: dt.date | None
    config: Config


def read_fixture(path: Path) -> Fixture:
    """Read the inline expectations; the bytes may be deliberately not UTF-8 (PM001)."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    expected = Counter(
        (code, severity, int(line)) for code, severity, line in _EXPECT.findall(text)
    )
    today = _TODAY.search(text)
    settings = _CONFIG.search(text)
    mapping = json.loads(settings.group(1)) if settings else {}
    return Fixture(
        path,
        expected,
        dt.date.fromisoformat(today.group(1)) if today else None,
        from_mapping(mapping, path.parent),
    )


def found(problems: tuple[Problem, ...] | list[Problem]) -> Counter[Expectation]:
    return Counter((p.code, str(p.severity), p.line) for p in problems)


@pytest.mark.parametrize("path", [*BAD, *GOOD], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_reports_exactly_its_expectations(path: Path) -> None:
    fixture = read_fixture(path)
    if path.parent.name == "bad":
        assert fixture.expected, f"{path.name} states no expected problem"
    else:
        assert not fixture.expected, f"good fixture {path.name} expects problems"
    report = lint_paths([str(path)], fixture.config, fixture.today)
    assert report.files_checked == 1
    assert found(report.problems) == fixture.expected


def test_crossfile_fixtures_are_linted_together() -> None:
    """PM601/PM602 need the other files in scope: lint the folder as one run."""
    files = sorted(CROSSFILE.glob("*.md"))
    assert len(files) >= 2
    report = lint_paths([str(CROSSFILE)], Config(root=CROSSFILE))
    assert report.files_checked == len(files)
    for path in files:
        fixture = read_fixture(path)
        mine = [p for p in report.problems if Path(p.path).resolve() == path]
        assert found(mine) == fixture.expected, path.name


def test_crossfile_rules_are_silent_for_one_file_alone() -> None:
    """Alone, a file's id is unique: the PM601 in the crossfile folder comes from its sibling."""
    alone = CROSSFILE / "inc-2026-0712.md"
    report = lint_paths([str(alone)], Config(root=CROSSFILE))
    assert found(report.problems) == Counter()


def all_expectations() -> list[tuple[Path, Counter[Expectation]]]:
    paths = [*BAD, *sorted(CROSSFILE.glob("*.md"))]
    return [(path, read_fixture(path).expected) for path in paths]


def test_every_rule_has_a_bad_fixture() -> None:
    covered = {code for _, expected in all_expectations() for code, _, _ in expected}
    assert sorted(set(RULES) - {"PM000"} - covered) == []


def test_bad_fixture_names_say_their_rule() -> None:
    """``<CODE>-<slug>[-more].md``: the name says which rule the file is about."""
    for path in BAD:
        code = path.name[:5]
        assert code in RULES, path.name
        assert path.name.startswith(f"{code}-{RULES[code].slug}"), path.name
        assert code in {c for c, _, _ in read_fixture(path).expected}, path.name


def test_good_fixtures_cover_the_alternative_forms() -> None:
    """The good fixtures are the evidence that the accepted variants lint clean."""
    raw = b"".join(path.read_bytes() for path in GOOD)
    text = raw.decode("utf-8")
    assert b"\r\n" in raw and b"\xef\xbb\xbf" in raw
    for form in (
        " \u2014 owner:",
        " \u2013 owner:",
        " | owner:",
        "- (a) ",
        "status: draft",
        "No gap: ",
        "**Alert:**",
        "### What went wrong",
        "pmlint-disable-next-line",
        "\n-------",
    ):
        assert form in text, form


def test_only_the_cross_file_rules_read_the_other_files() -> None:
    """Only the rules the catalog marks ``cross_file`` read the other files.

    A file's own lint is cached by its content alone, so every other check must
    find the same whatever ``Context.ids`` holds: here, a repository holding only
    the file, and one where its id is shared and its parent exists. The
    cross-file checks, run from the file's facts, show the comparison can tell.
    """
    from pmlint.checking import facts
    from pmlint.checking.registry import checks, cross_file_checks
    from pmlint.checking.rules import RULES, Context
    from pmlint.reading import document

    config = Config(root=FIXTURES)
    readers: set[str] = set()
    for path in [*GOOD, *BAD, *sorted(CROSSFILE.glob("*.md"))]:
        text = path.read_bytes().decode("utf-8", "replace")  # PM001's fixtures are not UTF-8
        doc = document.build(text, path.name, config)
        front = doc.front_matter or {}
        crowded = {str(front.get("id")): (path.name, "other.md"), str(front.get("parent")): ()}
        alone, shared = Context(config), Context(config, ids=crowded)
        for code, check in checks():
            if list(check(doc, alone)) != list(check(doc, shared)):
                readers.add(code)
        declared = facts.of(doc, judged=True)
        for code, judge in cross_file_checks():
            if list(judge(declared, path.name, alone)) != list(judge(declared, path.name, shared)):
                readers.add(code)
    assert readers == {code for code, rule in RULES.items() if rule.cross_file}


def test_the_readme_names_exactly_the_rules_its_first_command_leaves_silent() -> None:
    """`pmlint fixtures/` (default configuration, no --today) shows every rule but those
    the README says need a team's settings; a rule that goes quiet, or a README that
    names the wrong ones, fails here."""
    readme = (FIXTURES.parent / "README.md").read_text(encoding="utf-8")
    paragraph = readme[readme.index("Four rules stay silent") :].split("\n\n")[0]
    named = set(re.findall(r"PM\d{3}", paragraph))
    report = lint_paths([str(FIXTURES)], Config(), None)
    shown = {problem.code for problem in report.problems}
    with_fixture = {path.name[:5] for path in BAD}
    assert with_fixture - shown == named
