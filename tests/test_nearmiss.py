"""Near-misses: a heading or key one typo away is reported where it was written (issue 19).

And a list follow-up written with plain hyphens says which separator it needs (issue 17.9).
"""

from __future__ import annotations

import difflib
import random
from pathlib import Path

from pmlint.checking import nearmiss
from pmlint.config import Config, from_mapping
from pmlint.problem import Problem
from pmlint.reading.body import Heading
from pmlint.reading.body.model import Record, assemble
from pmlint.reading.vocabulary import SECTIONS, normalise_heading
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


def _first_ratio(a: str, b: str) -> float:
    """nearmiss._ratio as first written: only the lengths were compared first."""
    if 2 * min(len(a), len(b)) < nearmiss.CUTOFF * (len(a) + len(b)):
        return 0.0
    return difflib.SequenceMatcher(None, a, b).ratio()


def _plain_heading_misses(
    headings: list[Heading], absent: list[str], aliases: dict[str, str]
) -> dict[str, tuple[str, int]]:
    """heading_misses as first written: difflib's ratio of every heading to every name."""
    found: dict[str, tuple[float, Heading]] = {}
    for heading in headings:
        written = normalise_heading(heading.text)
        scored = [
            (
                max(_first_ratio(written, name) for name in nearmiss._names(key, aliases)),
                key,
            )
            for key in absent
        ]
        score, key = max(scored)
        if score >= nearmiss.CUTOFF and (key not in found or score > found[key][0]):
            found[key] = (score, heading)
    return {key: (heading.text, heading.line) for key, (_, heading) in found.items()}


def test_the_bounds_before_difflib_change_no_verdict() -> None:
    """Lengths, shared characters and quick_ratio only skip ratios under the cutoff."""
    chance = random.Random(7)
    every = [name for key in SECTIONS for name in nearmiss._names(key, {"fixes": "eval_delta"})]
    texts = []
    for _ in range(2000):
        letters = list(chance.choice(every))
        for _ in range(chance.randrange(4)):
            place = chance.randrange(len(letters) + 1)
            letters[place:place] = chance.choice("abcdemsu -1")
            if chance.random() < 0.5 and letters:
                del letters[chance.randrange(len(letters))]
        texts.append("".join(letters).title())
    for name in every:  # ratios at the cutoff exactly: a part of a name, a name and more
        size = len(name)
        texts += [name[:cut] for cut in range(size // 2, size)]
        texts += [name[cut:] for cut in range(1, size // 2)]
        texts += [name + "xz9"[: extra % 3 + 1] * (extra // 3 + 1) for extra in range(size)]
        texts += [name + "9" * extra for extra in range(1, size)]  # "9" is in no name
    aliases = {"fixes": "eval_delta"}
    absent = [key for key in SECTIONS if chance.random() < 0.7]
    names = nearmiss._Names(absent, aliases)
    for text in texts:
        written = normalise_heading(text)
        best = max(
            (_first_ratio(written, name), key)
            for key in absent
            for name in nearmiss._names(key, aliases)
        )
        assert names.closest(written) == (best if best[0] >= nearmiss.CUTOFF else (0.0, ""))
    headings = [Heading(2, text, line, None) for line, text in enumerate(texts, 1)]
    records: list[Record] = list(headings)
    body = assemble(records, [])
    misses = nearmiss.heading_misses(body, set(SECTIONS) - set(absent), aliases)
    expected = _plain_heading_misses(headings, absent, aliases)
    assert {key: (m.heading.text, m.heading.line) for key, m in misses.items()} == expected
    assert len(expected) >= 3
