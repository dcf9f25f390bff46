"""Near-misses: a heading or key one typo away is reported where it was written (issue 19).

And a list follow-up written with plain hyphens says which separator it needs (issue 17.9).
"""

from __future__ import annotations

from pathlib import Path

from pmlint.config import Config, from_mapping
from pmlint.problem import Problem
from pmlint.running.linter import lint_text

WORKED = (Path(__file__).resolve().parent.parent / "fixtures/good/worked-example.md").read_text()


def problems(text: str, config: Config | None = None) -> list[Problem]:
    return lint_text(text, "pm.md", config or Config())


def line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def test_a_misspelt_heading_is_reported_at_its_line_with_the_name_meant() -> None:
    text = WORKED.replace("## Blast radius", "## Blast Radious")
    [problem] = problems(text)
    assert (problem.code, problem.line) == ("PM101", line_of(text, "## Blast Radious"))
    assert problem.message == (
        f"Section 'Blast radius' is missing: found 'Blast Radious' at line {problem.line}: "
        "did you mean 'Blast radius'?"
    )
    assert problem.pointer == "/sections/blast_radius"


def test_a_heading_close_to_a_canonical_name_with_other_spacing_is_found() -> None:
    text = WORKED.replace("## Follow-up actions", "## Follow up Actions")
    [problem] = problems(text)
    assert problem.line == line_of(text, "## Follow up Actions")
    assert "did you mean 'Follow-up actions'?" in problem.message


def test_a_heading_close_to_a_team_alias_is_found() -> None:
    config = from_mapping({"heading_aliases": {"Lessons gained": "what_went_well"}}, Path("."))
    text = WORKED.replace("## What went well", "## Lesson gained")
    [problem] = problems(text, config)
    assert (problem.code, problem.line) == ("PM101", line_of(text, "## Lesson gained"))
    assert "did you mean 'What went well'?" in problem.message


def test_a_distant_heading_is_not_taken_for_a_missing_section() -> None:
    text = WORKED.replace("## Blast radius", "## Resolution")
    [problem] = problems(text)
    assert (problem.code, problem.line) == ("PM101", 1)
    assert "did you mean" not in problem.message


def test_one_heading_stands_for_one_section() -> None:
    text = WORKED.replace("## What went well", "## What went wel").replace(
        "## What did not go well", "## What did not go wel"
    )
    found = {(p.line, p.message.split(":")[0]) for p in problems(text)}
    assert found == {
        (line_of(text, "## What went wel"), "Section 'What went well' is missing"),
        (line_of(text, "## What did not"), "Section 'What did not go well' is missing"),
    }


def test_a_misspelt_required_key_is_the_missing_field_at_its_line() -> None:
    text = WORKED.replace("severity: P2", "serverity: P2")
    [problem] = problems(text)
    assert (problem.code, problem.line) == ("PM010", line_of(text, "serverity"))
    assert problem.message == (
        f"Front-matter field 'severity' is missing: found 'serverity' at line {problem.line}: "
        "did you mean 'severity'?"
    )


def test_a_misspelt_nested_key_names_both() -> None:
    text = WORKED.replace("  primary: prompt", "  primay: prompt")
    [problem] = problems(text)
    assert (problem.code, problem.line) == ("PM010", line_of(text, "  primay"))
    assert "'cause.primary' is missing: found 'primay'" in problem.message


def test_a_misspelt_optional_key_is_reported_at_its_line() -> None:
    text = WORKED.replace("status: published", "status: published\nparnet: INC-2026-0001")
    [problem] = problems(text)
    assert (problem.code, problem.line) == ("PM011", line_of(text, "parnet"))
    assert problem.message == (
        "Front-matter field 'parnet' is not a known field: did you mean 'parent'?"
    )


def test_a_key_in_another_case_is_a_near_miss() -> None:
    text = WORKED.replace("severity: P2", "Severity: P2")
    [problem] = problems(text)
    assert (
        problem.line == line_of(text, "Severity") and "did you mean 'severity'" in problem.message
    )


def test_unknown_keys_far_from_any_known_one_stay_allowed() -> None:
    text = WORKED.replace("status: published", "status: published\nregulator: none\nowner: x")
    assert problems(text) == []


def test_a_team_schema_field_is_known(tmp_path: Path) -> None:
    schema = tmp_path / "team.json"
    schema.write_text(
        '{"properties": {"front_matter": {"properties": {"regulator_notified": {}}}}}'
    )
    config = from_mapping({"schema": "team.json"}, tmp_path)
    text = WORKED.replace("status: published", "status: published\nregulator_notifed: no")
    [problem] = problems(text, config)
    assert "did you mean 'regulator_notified'?" in problem.message


HYPHENS = "- Fix X - owner: @dana - due: 2026-12-15 - status: open - type: fix"


def test_a_hyphen_separated_follow_up_says_which_separator_is_expected() -> None:
    text = _as_list(WORKED, HYPHENS)
    [problem] = [p for p in problems(text) if p.code == "PM201"]
    assert problem.line == line_of(text, HYPHENS)
    assert problem.message.startswith("Follow-up 'Fix X - owner: @dana")
    assert "has no owner, due, status or type: a bare hyphen never separates fields" in (
        problem.message
    )
    assert "' \u2014 owner:'" in problem.message


def test_a_hyphen_inside_the_action_text_is_not_taken_for_a_separator() -> None:
    text = _as_list(WORKED, "- Roll back - then check \u2014 owner: a \u2014 due: x")
    [problem] = [p for p in problems(text) if p.code == "PM201"]
    assert "bare hyphen" not in problem.message


def _as_list(worked: str, item: str) -> str:
    """The worked example with its follow-up table turned into list items, plus ``item``."""
    start = worked.index("| Action |")
    end = worked.index("## Apparatus updates")
    rows = [
        "- "
        + " \u2014 ".join(
            [
                cells[0],
                *(
                    f"{k}: {v}"
                    for k, v in zip(("owner", "due", "status", "type"), cells[1:], strict=True)
                ),
            ]
        )
        for line in worked[start:end].splitlines()[2:]
        if (cells := [c.strip() for c in line.strip("|").split("|")]) and len(cells) == 5
    ]
    return worked[:start] + "\n".join([*rows, item]) + "\n\n" + worked[end:]
