"""The document model: every node remembers the line it came from.

A problem is only as useful as the line it points at, so these tests pin the
line of each front-matter key (nested ones too), heading, table row and list
item, whatever the front-matter's length, line endings or BOM, and the line at
which broken front-matter is reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pmlint.config import Config
from pmlint.reading.document import Document, build
from pmlint.running.linter import lint_paths, lint_text

ERROR = "error"


def model(text: str) -> Document:
    return build(text, "pm.md", Config())


def lint(text: str) -> list[tuple[str, int, str]]:
    return [(p.code, p.line, str(p.severity)) for p in lint_text(text, "pm.md", Config())]


def line_of(text: str, marker: str) -> int:
    hits = [n for n, line in enumerate(text.splitlines(), 1) if marker in line]
    assert len(hits) == 1, f"{marker!r} is on lines {hits}"
    return hits[0]


def encode(text: str, newline: str, bom: bool) -> str:
    return ("\ufeff" if bom else "") + text.replace("\n", newline)


def postmortem(padding: int) -> str:
    """A postmortem using every node kind; ``padding`` comment lines lengthen the front-matter."""
    comments = "".join(f"# reviewer note {n}\n" for n in range(padding))
    return (
        "---\n" + comments + "id: INC-2026-0701\n"
        "title: Retriever served a stale index\n"
        "date: 2026-07-01\n"
        "severity: P2\n"
        "duration: 1h30m\n"
        "status: published\n"
        "team: insurance-ai\n"
        "oncall:\n"
        "  - Primary on-call\n"
        "  - 'Secondary on-call'\n"
        "resolved: 2026-07-01T11:30:00Z\n"
        "published: 2026-07-03\n"
        "cause:\n"
        "  primary: retrieval\n"
        "  contributing:\n"
        "    - data\n"
        "    - tooling\n"
        "tags: [retrieval, riders]\n"
        "review:\n"
        "  board:\n"
        "    chair: Eval lead\n"
        "---\n"
        "\n"
        "Retriever served a stale index\n"
        "==============================\n"
        "\n"
        "Summary\n"
        "-------\n"
        "\n"
        "The index refresh failed at 10:00 and the retriever served a stale index for 90\n"
        "minutes. 310 answers quoted outdated rider terms. On-call forced a rebuild.\n"
        "\n"
        "## Timeline\n"
        "\n"
        "- 10:00 Index refresh fails on a quota error.\n"
        "- 10:40 Support escalates a ticket quoting an old rider term;\n"
        "  on-call is paged.\n"
        "- 11:30 Fresh index serving.\n"
        "\n"
        "## 3. Cause\n"
        "\n"
        "The refresh job treated a quota error as an empty delta.\n"
        "\n"
        "## Impact\n"
        "\n"
        "310 answers across 12 tenants over 90 minutes.\n"
        "\n"
        "## Eval delta\n"
        "\n"
        "No gap: offline evals never run the index refresh job.\n"
        "\n"
        "## Follow-up actions\n"
        "\n"
        "| Action | Owner | Due | Status | Type |\n"
        "|---|---|---|---|---|\n"
        "| Page on refresh failures | Primary on-call | 2026-07-08 | open | alert |\n"
        "| Index age in the health payload | Retrieval lead | 2026-07-15 | open | fix |\n"
        "\n"
        "- Stale-index drill \u2014 owner: Drill lead \u2014 due: 2026-07-20 \u2014 "
        "status: scheduled \u2014 type: drill\n"
        "\n"
        "## Apparatus updates\n"
        "\n"
        "- Alert: refresh failures page the primary on-call.\n"
        "- **Runbook:** step 12 forces a rebuild.\n"
        "\n"
        "## Lessons learned\n"
        "\n"
        "### What went well\n"
        "\n"
        "Support escalated within minutes.\n"
        "\n"
        "### What went wrong\n"
        "\n"
        "Nothing watched the index age.\n"
    )


#: pointer -> a text found on exactly the line the pointer must map to.
LOCATIONS = {
    "/front_matter/id": "id: INC-2026-0701",
    "/front_matter/title": "title: Retriever",
    "/front_matter/date": "date: 2026-07-01",
    "/front_matter/severity": "severity: P2",
    "/front_matter/duration": "duration:",
    "/front_matter/status": "status: published",
    "/front_matter/team": "team:",
    "/front_matter/oncall": "oncall:",
    "/front_matter/oncall/0": "- Primary on-call",
    "/front_matter/oncall/1": "- 'Secondary on-call'",
    "/front_matter/resolved": "resolved:",
    "/front_matter/published": "published:",
    "/front_matter/cause": "cause:",
    "/front_matter/cause/primary": "primary: retrieval",
    "/front_matter/cause/contributing": "contributing:",
    "/front_matter/cause/contributing/0": "- data",
    "/front_matter/cause/contributing/1": "- tooling",
    "/front_matter/tags": "tags:",
    "/front_matter/tags/1": "tags:",
    "/front_matter/review": "review:",
    "/front_matter/review/board": "board:",
    "/front_matter/review/board/chair": "chair:",
    "/sections/summary": "Summary",
    "/sections/timeline": "## Timeline",
    "/sections/cause": "## 3. Cause",
    "/sections/blast_radius": "## Impact",
    "/sections/eval_delta": "## Eval delta",
    "/sections/follow_up_actions": "## Follow-up actions",
    "/sections/apparatus_updates": "## Apparatus updates",
    "/sections/lessons_learned": "## Lessons learned",
    "/sections/what_went_well": "### What went well",
    "/sections/what_did_not_go_well": "### What went wrong",
    "/timeline/0": "- 10:00",
    "/timeline/1": "- 10:40",
    "/timeline/2": "- 11:30",
    "/follow_ups/0": "| Page on refresh failures",
    "/follow_ups/0/due": "| Page on refresh failures",
    "/follow_ups/1": "| Index age",
    "/follow_ups/2": "- Stale-index drill",
    "/follow_ups/2/owner": "- Stale-index drill",
    "/apparatus_updates/0": "- Alert:",
    "/apparatus_updates/1": "- **Runbook:**",
}


@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("padding", [0, 1, 9])
def test_every_node_remembers_its_line(padding: int, newline: str, bom: bool) -> None:
    text = postmortem(padding)
    doc = model(encode(text, newline, bom))
    assert doc.front_matter_error is None
    located = {pointer: doc.line_of(pointer) for pointer in LOCATIONS}
    expected = {pointer: line_of(text, marker) for pointer, marker in LOCATIONS.items()}
    assert located == expected
    assert lint(encode(text, newline, bom)) == []


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_values_are_read_as_written(newline: str) -> None:
    front = model(encode(postmortem(2), newline, bom=True)).front_matter
    assert front is not None
    assert front["date"] == "2026-07-01"  # dates stay text, not datetime.date
    assert front["resolved"] == "2026-07-01T11:30:00Z"
    assert front["oncall"] == ["Primary on-call", "Secondary on-call"]
    assert front["cause"] == {"primary": "retrieval", "contributing": ["data", "tooling"]}
    assert front["review"] == {"board": {"chair": "Eval lead"}}


def test_the_model_holds_sections_follow_ups_apparatus_and_timeline() -> None:
    doc = model(postmortem(0))
    assert set(doc.data["sections"]) >= {
        "summary",
        "timeline",
        "cause",
        "blast_radius",
        "eval_delta",
        "follow_up_actions",
        "apparatus_updates",
        "what_went_well",
        "what_did_not_go_well",
    }
    assert [item["type"] for item in doc.data["follow_ups"]] == ["alert", "fix", "drill"]
    assert [item["kind"] for item in doc.data["apparatus_updates"]] == ["alert", "runbook"]
    assert [item["time"] for item in doc.data["timeline"]] == ["10:00", "10:40", "11:30"]
    assert doc.data["title"] == "Retriever served a stale index"


@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("padding", [0, 4])
def test_problems_point_at_the_same_lines_whatever_the_encoding(
    padding: int, newline: str, bom: bool
) -> None:
    text = postmortem(padding)
    text = text.replace("    - tooling\n", "    - hallucination\n")
    text = text.replace("| 2026-07-15 | open |", "| someday | open |")
    text = text.replace(
        "## Eval delta\n\nNo gap: offline evals never run the index refresh job.\n", ""
    )
    text = text.replace("- 11:30 Fresh index serving.", "- 09:30 Fresh index serving.")
    expected = [
        ("PM101", 1, ERROR),
        ("PM020", line_of(text, "- hallucination"), ERROR),
        ("PM402", line_of(text, "- 09:30"), "warning"),
        ("PM202", line_of(text, "| someday |"), ERROR),
    ]
    assert lint(encode(text, newline, bom)) == expected


# --- Broken front-matter ---------------------------------------------------------------------

FRONT_END = line_of(postmortem(0), "chair:") + 1


def broken(old: str, new: str) -> str:
    text = postmortem(0)
    assert text.count(old) == 1, old
    return text.replace(old, new)


@pytest.mark.parametrize(
    ("old", "new", "marker"),
    [
        ("severity: P2\n", "severity: P2\nseverity: P1\n", "severity: P1"),
        ("  primary: retrieval\n", "  primary: retrieval\n  primary: data\n", "primary: data"),
        ("chair: Eval lead\n", "chair: Eval lead\n    chair: Drill lead\n", "chair: Drill lead"),
        ("oncall:\n", "oncall: &responders\n", "oncall:"),
        ("tags: [retrieval, riders]", "tags: *responders", "tags:"),
        ("date: 2026-07-01", "date: !!str 2026-07-01", "date:"),
        ("review:\n", "review: !!python/object:os.system\n", "review:"),
        ("title: Retriever served a stale index", "title: Retriever: stale", "title:"),
        # detected where the parser gives up: the next key, inside the open "["
        ("team: insurance-ai", "team: [insurance-ai", "oncall:"),
    ],
    ids=[
        "duplicate key",
        "duplicate nested key",
        "duplicate deep key",
        "anchor",
        "alias",
        "standard tag",
        "python tag",
        "mapping value in a plain scalar",
        "unclosed flow sequence",
    ],
)
def test_refused_yaml_is_reported_at_its_line(old: str, new: str, marker: str) -> None:
    text = broken(old, new)
    assert lint(text) == [("PM002", line_of(text, marker), ERROR)]


def test_anchor_and_alias_are_reported_at_the_anchor() -> None:
    text = broken("oncall:\n", "oncall: &responders\n")
    text = text.replace("tags: [retrieval, riders]", "tags: *responders")
    assert lint(text) == [("PM002", line_of(text, "oncall:"), ERROR)]


def test_duplicate_key_message_names_the_first_line() -> None:
    text = broken("severity: P2\n", "severity: P2\nseverity: P1\n")
    [problem] = lint_text(text, "pm.md", Config())
    assert "severity" in problem.message
    assert f"line {line_of(text, 'severity: P2')}" in problem.message


BODY = postmortem(0).split("---\n", 2)[2]


@pytest.mark.parametrize(
    ("front", "line"),
    [
        ("---\n- id: INC-2026-0701\n- title: x\n---\n", 2),
        ("---\n\n# notes first\njust a sentence\n---\n", 4),
        ("---\n---\n", 1),
        ("---\n# only a comment\n---\n", 1),
        ("---\nid: INC-2026-0701\ntitle: never closed\n", 1),
        ("\n---\nid: INC-2026-0701\n---\n", 1),
    ],
    ids=["list", "scalar", "empty", "comment only", "never closes", "not at the top"],
)
def test_unusable_front_matter_is_one_problem_and_the_body_is_still_checked(
    front: str, line: int
) -> None:
    body = BODY.replace(
        "## Eval delta\n\nNo gap: offline evals never run the index refresh job.\n", ""
    )
    assert lint(front + BODY) == [("PM002", line, ERROR)]
    assert sorted(lint(front + body)) == sorted([("PM002", line, ERROR), ("PM101", 1, ERROR)])


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "   \r\n",
        "\ufeff",
        "\ufeff\r\n",
    ],
    ids=repr,
)
def test_empty_file_is_one_problem(text: str) -> None:
    assert lint(text) == [("PM002", 1, ERROR)]


def test_front_matter_block_delimiters_may_carry_trailing_spaces_and_crlf() -> None:
    text = postmortem(0).replace("---\n", "---  \n", 1)
    assert lint(encode(text, "\r\n", bom=True)) == []


def test_a_key_line_moves_with_the_block(tmp_path: Path) -> None:
    """The same defect is reported where it is, via lint_paths and the file's bytes."""
    for padding in (0, 5):
        text = postmortem(padding).replace("severity: P2", "severity: P7")
        path = tmp_path / f"pm-{padding}.md"
        path.write_bytes(encode(text, "\r\n", bom=True).encode("utf-8"))
        report = lint_paths([str(path)], Config(root=tmp_path))
        assert [(p.code, p.line, p.column) for p in report.problems] == [
            ("PM011", line_of(text, "severity: P7"), 1)
        ]
