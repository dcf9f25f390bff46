"""pmlint adopt: old postmortems come into the format, and not a word is lost.

"Every word is kept" is checked on word multisets: a word is a maximal run of
Unicode letters and digits, compared lower-case. So Markdown punctuation
(``#``, ``*``, ``_``, ``|``, ``>``, ``-``, brackets, backticks), all other
punctuation and the layout of lines are ignored, and a CJK run counts as one
word; anything that is text in the original must still be in the output.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, FIXTURES, ROOT, invoke, require_shared
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmlint.authoring import adopt
from pmlint.config import Config
from pmlint.problem import Problem
from pmlint.reading import document
from pmlint.reading.body import markdown, section_key
from pmlint.reading.vocabulary import SECTIONS, is_placeholder
from pmlint.running.linter import lint_text

WORD = re.compile(r"[^\W_]+")

#: Problems an adopted postmortem may still have: each is about something the
#: original does not say in the format's terms (placeholders to fill in), or
#: about the original's own words, which adopt keeps as they are.
#: A row of docs/adopting.md's table of what adopt leaves: rule and count.
TABLE_ROW = re.compile(r"^\| (PM\d{3}) \| (\d+) \|", re.M)
ALLOWED = {
    "PM010",  # front-matter fields
    "PM011",
    "PM020",
    "PM102",  # sections the original lacks or left empty (checked below)
    "PM201",  # follow-up fields the original lacks (owners checked below)
    "PM203",  # no follow-up type is known
    "PM204",
    "PM303",
    "PM401",  # the original's own blast radius, timeline and wording
    "PM402",
    "PM403",
}


def words(text: str) -> Counter[str]:
    return Counter(word.lower() for word in WORD.findall(text))


def convert(text: str, name: str = "old.md") -> str:
    return adopt.convert(text, name, Config())


def model(text: str) -> document.Document:
    return document.build(text, "x.md", Config())


# --- each step on a small example --------------------------------------------------------

SETEXT = """\
Outage of the widget service
============================

Created By: Jane Roe
Last Modified: 2024-03-02

Root Cause
----------

A config push removed the widget pool.

Impact
------

1200 requests failed over 14 minutes.

Action Items
------------

- [x] Restore the pool (owner: @jroe) [WID-12](https://tracker.example/browse/WID-12)
- [ ] Alert on an empty pool
"""


def test_setext_headings_title_and_metadata() -> None:
    out = convert(SETEXT, "2024-03-01-widgets.md")
    doc = model(out)
    front = doc.front_matter or {}
    assert front["title"] == "Outage of the widget service"
    assert front["date"] == "2024-03-01"  # from the file name
    assert front["created_by"] == "Jane Roe" and front["last_modified"] == "2024-03-02"
    assert "Created By" not in out.split("---")[2]  # moved, not copied
    assert out.split("---\n", 2)[2].lstrip().startswith("# Outage of the widget service\n")
    assert {"cause", "blast_radius", "follow_up_actions"} <= set(doc.sections)
    assert not any(p.code in ("PM002", "PM103", "PM104") for p in lint_text(out, "x", Config()))


def test_action_items_get_the_format_fields_keeping_owner_status_and_ticket() -> None:
    follow_ups = model(convert(SETEXT)).data["follow_ups"]
    assert follow_ups[0]["owner"] == "@jroe"
    assert follow_ups[0]["status"] == "done"
    assert follow_ups[0]["ticket"] == "https://tracker.example/browse/WID-12"
    assert follow_ups[1]["status"] == "open"
    assert "owner" not in follow_ups[1]  # a placeholder: lint says it is missing
    assert "due" not in follow_ups[0] and "type" not in follow_ups[0]


def test_sections_come_in_template_order_with_hints_for_absent_ones() -> None:
    out = convert(SETEXT)
    headings = [h.key for h in model(out).body.headings if h.level == 2]  # type: ignore[union-attr]
    assert headings[: len(SECTIONS)] == list(SECTIONS)
    codes = {(p.code, p.pointer) for p in lint_text(out, "x", Config())}
    assert ("PM102", "/sections/eval_delta") in codes
    assert not any(code == "PM101" for code, _ in codes)


def test_action_table_keeps_owners_and_renames_columns_in_a_comment() -> None:
    text = (
        "# T\n\n## Action Items\n\n| Action Item | Who | Bug # |\n|---  |---|---|\n"
        "| Add an alert | SRE lead | [#41](https://github.com/o/r/issues/41) |\n| Fix it | | |\n"
    )
    out = convert(text)
    assert "<!-- pmlint adopt: the columns were Action Item | Who | Bug # -->" in out
    follow_ups = model(out).data["follow_ups"]
    assert follow_ups[0]["owner"] == "SRE lead"
    assert follow_ups[0]["ticket"] == "https://github.com/o/r/issues/41"
    assert "owner" not in follow_ups[1]
    assert not words(text) - words(out)


def test_a_table_it_cannot_rebuild_without_loss_is_left_alone() -> None:
    text = "# T\n\n## Action items\n\n| Action | Owner |\n|---|---|\n| Fix | Ana | extra words |\n"
    out = convert(text)
    assert "| Fix | Ana | extra words |" in out
    assert not words(text) - words(out)


def test_items_already_in_list_form_are_left_alone() -> None:
    item = "- Fix it \u2014 owner: Ana \u2014 due: 2026-01-02 \u2014 status: open \u2014 type: fix"
    assert f"\n{item}\n" in convert(f"# T\n\n## Action items\n\n{item}\n")


def test_bold_labels_become_sections_and_date_goes_to_front_matter() -> None:
    text = (
        "## Notifications stopped\n\nIntro.\n\n**Date**: 27.11.2023\n\n"
        "**Impact**: 3 hours without notifications.\n\n**Root Causes**: A crash.\n"
        "More on the crash.\n\n**Trigger**: A deployment.\n"
    )
    out = convert(text)
    doc = model(out)
    assert (doc.front_matter or {})["date"] == "2023-11-27"
    assert doc.sections["blast_radius"].text == "3 hours without notifications."
    assert doc.sections["cause"].text == "A crash.\nMore on the crash."
    assert "### Trigger\n\nA deployment." in out  # not a section: stays in its place
    assert not words(text) - words(out)


def test_bold_timestamps_in_prose_stay_prose() -> None:
    text = "## Timeline\n\n**June 14th, 10:00 AM:** Reported.\n\n**10:30 AM:** Reviewed.\n"
    assert "**June 14th, 10:00 AM:** Reported." in convert(text)


def test_bold_label_list_is_split_into_sections() -> None:
    text = (
        "# Incident\n\n- **Key events**\n  - First detected 14:05\n\n"
        "- **Time to repair**: 1h 50m\n\n- **Impact**:\n  Users could not log in.\n\n"
        "- **Review actions**:\n  - Add an alert [#45](https://github.com/o/r/issues/45)\n"
    )
    out = convert(text)
    doc = model(out)
    assert (doc.front_matter or {})["duration"] == "1h50m"
    assert "# Time to repair: 1h 50m" in out  # the original wording, kept as a comment
    assert doc.sections["blast_radius"].text == "Users could not log in."
    assert doc.data["follow_ups"][0]["ticket"] == "https://github.com/o/r/issues/45"
    assert "## Key events\n\n- First detected 14:05" in out


def test_contributing_factors_is_the_cause_only_without_a_cause_section() -> None:
    alone = convert("# T\n\n## Contributing Factors\n\n- A stale cache.\n")
    assert model(alone).sections["cause"].text == "A stale cache."
    assert "## Cause (Contributing Factors)" in alone
    both = convert("# T\n\n## Root cause\n\nA bug.\n\n## Contributing factors\n\nLoad.\n")
    assert model(both).sections["cause"].text == "A bug."
    assert "## Contributing factors\n\nLoad." in both


def test_lessons_learned_subsections_become_the_lesson_sections() -> None:
    text = (
        "# T\n\n## Lessons learned\n\nIntro.\n\n### What went well\n\nFast rollback.\n\n"
        "### What went wrong\n\nSlow paging.\n\n### Where we got lucky\n\nLow traffic.\n"
    )
    out = convert(text)
    doc = model(out)
    assert doc.sections["what_went_well"].heading.level == 2
    assert doc.sections["what_went_well"].text == "Fast rollback."
    assert doc.sections["what_did_not_go_well"].text == "Slow paging."
    assert "## Lessons learned\n\nIntro.\n\n### Where we got lucky\n\nLow traffic." in out


def test_duplicate_sections_merge_under_the_recognised_heading() -> None:
    text = "# T\n\n## Root cause identification: five whys\n\nWhy 1.\n\n## Root causes\n\nBug.\n"
    out = convert(text)
    assert "## Root causes\n\nBug.\n\n### Root cause identification: five whys\n\nWhy 1." in out
    assert not any(p.code == "PM104" for p in lint_text(out, "x", Config()))


def test_h1_sections_and_a_metadata_section() -> None:
    text = (
        "# Metadata\n\nOwner: @ana\n\nCall recording: <Link to the recording>\n\n"
        "# Overview\n\nLogins failed.\n\n# Root causes\n\nA missing migration.\n\n"
        "# What happened\n\nStory.\n"
    )
    out = convert(text)
    doc = model(out)
    assert (doc.front_matter or {})["owner"] == "@ana"
    assert (doc.front_matter or {})["call_recording"] == "<Link to the recording>"
    assert doc.sections["summary"].text == "Logins failed."
    assert doc.sections["cause"].text == "A missing migration."
    assert out.rstrip().endswith("## What happened\n\nStory.")
    assert doc.body is not None and doc.body.title is None


def test_toml_and_yaml_front_matter_keys_are_kept() -> None:
    toml = '+++\ntitle = "Disk full"\n[extra]\nteam = "infra"\n+++\n\n## Summary\n\nDisk.\n'
    front = model(convert(toml)).front_matter or {}
    assert front["title"] == "Disk full" and front["extra"] == {"team": "infra"}
    yaml_text = "---\nlayout: post\ntitle: 'Post-mortem: x'\n---\n\nText.\n"
    front = model(convert(yaml_text)).front_matter or {}
    assert front["layout"] == "post" and front["title"] == "Post-mortem: x"


def test_broken_front_matter_is_a_clear_error() -> None:
    with pytest.raises(adopt.AdoptError, match=r"^old\.md:3: YAML error in front-matter"):
        convert("---\ntitle: [unclosed\n---\n\nText.\n")


def test_a_postmortem_already_in_the_format_keeps_its_body_and_lints_clean() -> None:
    worked = (FIXTURES / "good" / "worked-example.md").read_text(encoding="utf-8")
    out = convert(worked, "worked-example.md")
    assert out.split("\n---\n", 1)[1] == worked.split("\n---\n", 1)[1]
    assert model(out).front_matter == model(worked).front_matter
    assert lint_text(out, "x.md", Config()) == []


def test_output_is_deterministic() -> None:
    assert convert(SETEXT) == convert(SETEXT)


# --- the real-world corpus ---------------------------------------------------------------


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.md")) if CORPUS.is_dir() else []


_CORPUS_FILES: list[Path | None] = [*corpus_files()] or [None]


@pytest.fixture(params=_CORPUS_FILES, ids=lambda path: path.name if path else "absent")
def corpus_file(request: pytest.FixtureRequest) -> Path:
    if request.param is None:
        pytest.skip(f"{CORPUS} is absent: ../shared is only beside the clone in CI")
    path: Path = request.param
    return path


def _recognised_headings(text: str) -> set[str]:
    """Sections lint itself recognises in the original, at any heading level."""
    tokens = markdown().parse(text)
    return {
        key
        for index, token in enumerate(tokens)
        if token.type == "heading_open"
        and (key := section_key(tokens[index + 1].content, {})) is not None
    }


def _values(doc: document.Document, name: str) -> Counter[str]:
    follow_ups: list[dict[str, Any]] = doc.data.get("follow_ups", [])
    return Counter(str(item[name]) for item in follow_ups if name in item)


def test_corpus_file_converts_without_losing_anything(corpus_file: Path) -> None:
    original = corpus_file.read_text(encoding="utf-8")
    out = convert(original, corpus_file.name)

    # (a) every word of the original is still there
    lost = words(original) - words(out)
    assert not lost, f"words lost: {sorted(lost)[:20]}"

    # (b) the output parses: front-matter and all
    problems = lint_text(out, corpus_file.name, Config())
    codes = {p.code for p in problems}
    assert "PM002" not in codes and "PM000" not in codes

    # (c) what is left is only what the original does not say
    assert codes <= ALLOWED, sorted(codes - ALLOWED)
    after = model(out)
    before = document.build(original, corpus_file.name, Config())
    recognised = _recognised_headings(original)
    for problem in problems:
        _check_remaining(problem, after, recognised)
    assert _values(before, "owner") <= _values(after, "owner"), "an owner was lost"
    assert _values(before, "ticket") <= _values(after, "ticket"), "a ticket was lost"
    assert len(before.data.get("follow_ups", [])) <= len(after.data.get("follow_ups", []))


def _check_remaining(problem: Problem, after: document.Document, recognised: set[str]) -> None:
    if problem.code in ("PM010", "PM011", "PM020"):
        assert problem.pointer.startswith("/front_matter"), problem
    if problem.code == "PM102":
        key = problem.pointer.removeprefix("/sections/")
        section = after.sections[key]
        absent = section.text.strip() == adopt.SECTION_HINTS[key]
        if absent:
            assert key not in recognised, f"{key} was in the original but is not in the output"
        else:
            # the original's own section, copied as it was: empty, or prose without items
            assert is_placeholder(section.text) or (
                key == "follow_up_actions" and not section.items
            ), problem


# --- the command ---------------------------------------------------------------------------


def test_cli_writes_beside_and_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "old.md").write_text(SETEXT, encoding="utf-8")
    first = invoke(tmp_path, "adopt", "old.md")
    assert first.exit_code == 0 and first.output == "old.md: converted to old.pmlint.md\n"
    written = (tmp_path / "old.pmlint.md").read_text(encoding="utf-8")
    assert written == convert(SETEXT)
    (tmp_path / "old.pmlint.md").write_text("my edits", encoding="utf-8")
    again = invoke(tmp_path, "adopt", "old.md")
    assert again.exit_code == 2
    assert again.output == "pmlint: error: old.pmlint.md: already exists; not overwritten\n"
    assert (tmp_path / "old.pmlint.md").read_text(encoding="utf-8") == "my edits"
    assert (tmp_path / "old.md").read_text(encoding="utf-8") == SETEXT


def test_cli_out_folder(tmp_path: Path) -> None:
    (tmp_path / "old.md").write_text(SETEXT, encoding="utf-8")
    result = invoke(tmp_path, "adopt", "--out", "converted", "old.md")
    assert result.exit_code == 0
    assert (tmp_path / "converted" / "old.md").read_text(encoding="utf-8") == convert(SETEXT)


def test_cli_in_place_keeps_the_original_bytes(tmp_path: Path) -> None:
    original = SETEXT.replace("\n", "\r\n").encode("utf-8")
    (tmp_path / "old.md").write_bytes(original)
    result = invoke(tmp_path, "adopt", "--in-place", "old.md")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "old.md.orig").read_bytes() == original
    assert (tmp_path / "old.md").read_text(encoding="utf-8").startswith("---\nid:")
    second = invoke(tmp_path, "adopt", "--in-place", "old.md")
    assert second.exit_code == 2 and "old.md.orig: already exists" in second.output
    assert (tmp_path / "old.md.orig").read_bytes() == original


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["adopt", "missing.md"], "pmlint: error: missing.md: Cannot read the file"),
        (["adopt", "--in-place", "--out", "d", "x.md"], "pmlint: error: --out and --in-place"),
        (["adopt", "binary.md"], "pmlint: error: binary.md: File looks binary"),
    ],
)
def test_cli_errors_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "binary.md").write_bytes(b"\x00\x01")
    result = invoke(tmp_path, *args)
    assert result.exit_code == 2
    assert result.output.startswith(message) and len(result.output.splitlines()) == 1


# --- any document built from the pieces real postmortems use ------------------------------

_TITLES = st.sampled_from(
    [
        "Summary", "Impact", "Root Cause", "Root causes", "Contributing Factors", "Timeline",
        "Timeline (all times PST). Approximate", "Action Items", "Corrective actions",
        "Lessons Learned", "What went well", "What went wrong", "Where we got lucky", "Detection",
        "Resolution", "Metadata", "Overview", "**Timeline**", "4. Cause", "Appendix",
    ]
)  # fmt: skip
_WORDS = st.lists(
    st.sampled_from(["alpha", "beta", "gamma", "delta", "cache", "deploy", "42", "über", "日本"]),
    min_size=1,
    max_size=6,
).map(" ".join)
_LABELS = st.sampled_from(["Date", "Impact", "Root Causes", "Trigger", "Owner", "What went well?"])


def _block() -> st.SearchStrategy[str]:
    heading = st.builds(lambda level, title: f"{'#' * level} {title}", st.integers(1, 4), _TITLES)
    setext = st.builds(lambda title, mark: f"{title}\n{mark * 5}", _TITLES, st.sampled_from("=-"))
    label = st.builds(lambda lab, text: f"**{lab}**: {text}", _LABELS, _WORDS)
    metadata = st.builds(lambda lab, text: f"{lab}: {text}", _LABELS, _WORDS)
    item = st.builds(
        lambda box, text, owner: f"- {box}{text}{owner}",
        st.sampled_from(["", "[ ] ", "[x] ", "**Fix**: "]),
        _WORDS,
        st.sampled_from(["", " (@ana)", " [#7](https://github.com/o/r/issues/7)"]),
    )
    table = st.builds(
        lambda rows: (
            "| Action Item | Who |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows)
        ),
        st.lists(st.tuples(_WORDS, _WORDS), max_size=3),
    )
    fence = _WORDS.map(lambda text: f"```\n## {text}\n```")
    return st.one_of(heading, setext, label, metadata, item, table, fence, _WORDS)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_block(), min_size=1, max_size=14))
def test_any_mix_of_real_world_pieces_keeps_every_word(blocks: list[str]) -> None:
    text = "\n\n".join(blocks) + "\n"
    out = convert(text)
    assert not words(text) - words(out)
    assert out == convert(text)
    codes = {p.code for p in lint_text(out, "x.md", Config())}
    assert not codes & {"PM000", "PM002", "PM101", "PM103", "PM104"}, codes


def test_what_is_left_over_the_corpus_is_the_table_in_adopting_md() -> None:
    """docs/adopting.md judges, rule by rule, what adopt leaves over the real-world corpus."""
    require_shared(CORPUS)
    left: Counter[str] = Counter()
    for path in corpus_files():
        if path.name != "SOURCES.md":  # the corpus's list of sources, not a postmortem
            out = convert(path.read_text(encoding="utf-8"), path.name)
            left.update(problem.code for problem in lint_text(out, path.name, Config()))
    doc = (ROOT / "docs" / "adopting.md").read_text(encoding="utf-8")
    table = doc[doc.index("### What is left, over the real-world corpus") :]
    documented = {code: int(count) for code, count in TABLE_ROW.findall(table)}
    assert documented == dict(left)
