"""The spec's "Decisions on the fine points", one ruling at a time.

Each test edits the worked example (which lints clean) in one place and states
exactly what pmlint must then report: code, line and severity. The bundled
fixtures cover one realistic defect per rule; these pin down the edge cases two
careful implementers would otherwise decide differently.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from pmlint.config import Config, from_mapping
from pmlint.problem import Problem
from pmlint.reading.document import build
from pmlint.running.linter import lint_paths, lint_text

WORKED = (Path(__file__).resolve().parent.parent / "fixtures/good/worked-example.md").read_text()
ERROR, WARNING = "error", "warning"

Found = tuple[str, int, str]


def lint(text: str, config: Config | None = None, today: dt.date | None = None) -> list[Found]:
    """(code, line, severity) of every problem, in report order."""
    config = config or Config()
    if today is not None:
        config = dataclasses.replace(config, today=today)
    return [(p.code, p.line, str(p.severity)) for p in lint_text(text, "pm.md", config)]


def problems(text: str, config: Config | None = None) -> list[Problem]:
    return lint_text(text, "pm.md", config or Config())


def settings(**values: Any) -> Config:
    """A configuration as ``[tool.pmlint]`` would give it (checked by the config schema)."""
    return from_mapping(values, Path.cwd())


def edit(old: str, new: str, text: str = WORKED) -> str:
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def with_section(heading: str, body: str, text: str = WORKED) -> str:
    """Replace the body of the section under ``## heading`` (up to the next H2)."""
    pattern = re.compile(rf"(^## {re.escape(heading)}\n\n)(.*?)(?=\n## |\Z)", re.DOTALL | re.M)
    assert pattern.search(text), heading
    return pattern.sub(lambda m: m.group(1) + body.rstrip("\n") + "\n", text, count=1)


def line_of(text: str, marker: str) -> int:
    """The 1-based line holding ``marker``, which must occur on exactly one line."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if marker in line]
    assert len(hits) == 1, f"{marker!r} is on lines {hits}"
    return hits[0]


def test_worked_example_is_clean() -> None:
    assert lint(WORKED) == []


# --- Sections: emptiness ---------------------------------------------------------------------

CAUSE_LINE = line_of(WORKED, "## Cause")


@pytest.mark.parametrize(
    "body",
    [
        "TODO",
        "TODO: write the cause",
        "TBD",
        "FIXME: root cause pending",
        "N/A",
        "-",
        "...",
        "…",
        "???",
        "<what broke, and which contributing factors let it through>",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
        "<!-- Describe the primary cause and the contributing factors. -->",
        "<!-- one -->\n\n<!--\nspread over\nlines\n-->",
        "TODO: primary cause\n\nTBD: contributing factors\n\n<hint>",
        "**TODO**",
        "> TBD",
    ],
    ids=repr,
)
def test_placeholder_only_section_is_empty(body: str) -> None:
    assert lint(with_section("Cause", body)) == [("PM102", CAUSE_LINE, ERROR)]


@pytest.mark.parametrize(
    "body",
    [
        "TODO: confirm the numbers.\n\nPrimary: prompt; the eval set lacked rider coverage.",
        "...and then the prompt deploy went out without a slice-level eval.",
        "Todoist-style checklists were skipped; the prompt deploy shipped unreviewed.",
        "-4% on the rider slice went unnoticed because the eval only scored the aggregate.",
        "Primary: <b>prompt</b>. The eval set lacked rider coverage.",
    ],
    ids=repr,
)
def test_text_that_only_resembles_a_placeholder_is_content(body: str) -> None:
    assert lint(with_section("Cause", body)) == []


def test_header_only_follow_up_table_is_empty() -> None:
    text = with_section(
        "Follow-up actions", "| Action | Owner | Due | Status | Type |\n|---|---|---|---|---|"
    )
    assert lint(text) == [("PM102", line_of(text, "## Follow-up actions"), ERROR)]


def test_follow_up_section_of_prose_only_is_empty() -> None:
    text = with_section("Follow-up actions", "We will add the follow-ups after the review.")
    assert lint(text) == [("PM102", line_of(text, "## Follow-up actions"), ERROR)]


def test_empty_sections_silence_the_rules_about_their_content() -> None:
    """PM203/PM301/PM303/PM401/PM402 have nothing to judge in an empty section."""
    text = WORKED
    for heading in ("Timeline", "Blast radius", "Eval delta", "Follow-up actions"):
        text = with_section(heading, "TBD", text)
    text = with_section("Apparatus updates", "- TODO", text)
    expected = [
        ("PM102", line_of(text, f"## {heading}"), ERROR)
        for heading in (
            "Timeline",
            "Blast radius",
            "Eval delta",
            "Follow-up actions",
            "Apparatus updates",
        )
    ]
    assert lint(text) == expected


# --- Sections: headings ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading",
    [
        "## 4. Cause",
        "## 3 Cause",
        "## **Cause**",
        "## *Cause*",
        "## Cause:",
        "## Cause?",
        "## Cause (primary and contributing)",
        "## CAUSE",
        "## Root cause",
        "## Root causes",
        "## Root cause analysis",
        "## Causes",
        "Cause\n-----",
    ],
)
def test_heading_normalisation_finds_the_section(heading: str) -> None:
    assert lint(edit("## Cause\n", heading + "\n")) == []


def test_contributing_factors_is_not_the_cause_section() -> None:
    text = edit("## Cause\n", "## Contributing factors\n")
    assert lint(text) == [("PM101", 1, ERROR)]


def test_team_heading_alias_from_configuration() -> None:
    text = edit("## Cause\n", "## What broke\n")
    assert lint(text) == [("PM101", 1, ERROR)]
    assert lint(text, settings(heading_aliases={"What broke": "cause"})) == []


def test_section_at_the_wrong_level_is_missing_and_says_so() -> None:
    text = edit("## Cause\n", "### Cause\n")
    [problem] = problems(text)
    assert (problem.code, problem.line, str(problem.severity)) == ("PM101", 1, ERROR)
    assert "level-3" in problem.message
    assert f"line {line_of(text, '### Cause')}" in problem.message


def test_later_h1_named_like_a_section_is_a_misplaced_section() -> None:
    text = edit("## Cause\n", "# Cause\n")
    [problem] = problems(text)
    assert (problem.code, problem.line, str(problem.severity)) == ("PM101", 1, ERROR)
    assert "level-1" in problem.message


def test_first_h1_is_the_title_not_a_section() -> None:
    doc = build(WORKED, "pm.md", Config())
    assert doc.data["title"] == "policy_comparison regression after the 18:00 prompt deploy"


def test_lesson_sections_count_as_h3_only_under_lessons_learned() -> None:
    lessons = "## Lessons learned\n\n### What went well\n"
    assert lint(edit("## What went well\n", lessons)) == []
    text = edit("## What went well\n", "## Resolution\n\n### What went well\n")
    assert lint(text) == [("PM101", 1, ERROR)]


def test_duplicate_section_through_an_alias() -> None:
    text = edit("## Eval delta\n", "## Customer impact\n\n12 tenants.\n\n## Eval delta\n")
    assert lint(text) == [("PM104", line_of(text, "## Customer impact"), ERROR)]


def test_other_h2_sections_are_allowed() -> None:
    text = edit(
        "## What went well\n",
        "## Where we got lucky\n\nLow traffic.\n\n## Resolution\n\nRolled back.\n\n"
        "## What went well\n",
    )
    assert lint(text) == []


# --- Follow-ups ------------------------------------------------------------------------------

DUE = "due: 2026-05-19"
LIST_FOLLOW_UPS = (
    "- (a) Expand policy_comparison eval coverage \u2014 owner: Eval lead \u2014 " + DUE + " "
    "\u2014 status: in progress \u2014 type: eval\n"
    "- (b) Add slice-level alert sensitivity \u2013 owner: Primary on-call \u2013 due: 2026-05-26 "
    "\u2013 status: pending \u2013 type: alert\n"
    "- Drill scenario: prompt regression | owner: Drill lead | due: 2026-06-15 | "
    "status: scheduled | type: drill\n"
)


def follow_ups(text: str) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = build(text, "pm.md", Config()).data["follow_ups"]
    return result


def test_list_follow_ups_with_each_separator() -> None:
    text = with_section("Follow-up actions", LIST_FOLLOW_UPS)
    assert lint(text) == []
    assert follow_ups(text) == [
        {
            "action": "Expand policy_comparison eval coverage",
            "owner": "Eval lead",
            "due": "2026-05-19",
            "status": "in progress",
            "type": "eval",
        },
        {
            "action": "Add slice-level alert sensitivity",
            "owner": "Primary on-call",
            "due": "2026-05-26",
            "status": "pending",
            "type": "alert",
        },
        {
            "action": "Drill scenario: prompt regression",
            "owner": "Drill lead",
            "due": "2026-06-15",
            "status": "scheduled",
            "type": "drill",
        },
    ]


def list_item(separator: str, *fields: str) -> str:
    """A list-form follow-up: the action and its fields joined by ``separator``."""
    fields = fields or ("owner: Eval lead", "due: 2026-05-19", "status: open", "type: eval")
    return "- " + separator.join(("Expand eval coverage", *fields))


def test_em_dash_separates_without_spaces() -> None:
    text = with_section("Follow-up actions", LIST_FOLLOW_UPS + list_item("\u2014"))
    assert lint(text) == []
    assert follow_ups(text)[-1]["owner"] == "Eval lead"


@pytest.mark.parametrize(
    "separator",
    ["  \u2014\t", "\u00a0\u2013\u2003", "\t|  "],
    ids=["em dash", "en dash", "bar"],
)
def test_separators_between_any_whitespace(separator: str) -> None:
    """Tabs, runs of spaces and Unicode spaces around a separator count as one space."""
    text = with_section("Follow-up actions", LIST_FOLLOW_UPS + list_item(separator))
    assert lint(text) == []
    assert follow_ups(text)[-1] == {
        "action": "Expand eval coverage",
        "owner": "Eval lead",
        "due": "2026-05-19",
        "status": "open",
        "type": "eval",
    }


@pytest.mark.parametrize(
    "separator",
    [" - ", " -- ", "-", "\u2013", "|"],
    ids=["bare hyphen", "double hyphen", "hyphen", "en dash without spaces", "bar without spaces"],
)
def test_non_separators_leave_the_whole_item_as_the_action(separator: str) -> None:
    item = list_item(separator)
    text = with_section("Follow-up actions", LIST_FOLLOW_UPS + item + "\n")
    line = line_of(text, "- Expand eval coverage")
    # one PM201 for the item, naming every absent field
    [problem] = problems(text)
    assert (problem.code, problem.line, str(problem.severity)) == ("PM201", line, ERROR)
    assert all(name in problem.message for name in ("owner", "due", "status", "type"))
    assert follow_ups(text)[-1] == {"action": item[2:]}


def test_list_follow_ups_keep_unknown_keys_and_ignore_nested_items_and_prose() -> None:
    nested = "type: eval\n  - owner: Someone else \u2014 due: not a date\n"
    body = "Agreed in the review on 2026-05-14.\n\n" + LIST_FOLLOW_UPS.replace(
        "type: drill", "type: drill \u2014 notes: with the SRE team"
    ).replace("type: eval\n", nested)
    text = with_section("Follow-up actions", body)
    assert lint(text) == []
    items = follow_ups(text)
    assert len(items) == 3
    assert (items[0]["owner"], items[0]["due"]) == ("Eval lead", "2026-05-19")
    assert items[2]["notes"] == "with the SRE team"


def test_every_table_and_list_in_the_section_counts() -> None:
    table = WORKED.split("## Follow-up actions\n\n")[1].split("\n\n## ")[0]
    extra = list_item(" \u2014 ", "owner: Eval lead", "status: open", "type: other")
    text = with_section("Follow-up actions", table + "\n\nAlso:\n\n" + extra)
    assert len(follow_ups(text)) == 5
    assert lint(text) == [("PM201", line_of(text, "- Expand eval coverage"), ERROR)]


@pytest.mark.parametrize("missing", ["Owner", "Due", "Status"])
def test_table_lacking_a_required_column_gets_one_problem_at_its_header(missing: str) -> None:
    section = WORKED.split("## Follow-up actions\n\n")[1].split("\n\n## ")[0]
    rows = [line.split("|")[1:-1] for line in section.splitlines()]
    drop = [cell.strip() for cell in rows[0]].index(missing)
    kept = "\n".join("|" + "|".join(r[:drop] + r[drop + 1 :]) + "|" for r in rows)
    text = with_section("Follow-up actions", kept)
    assert lint(text) == [("PM201", line_of(text, "| Action |"), ERROR)]


def test_table_column_names_match_case_insensitively() -> None:
    text = edit(
        "| Action | Owner | Due | Status | Type |", "| ACTION | owner | DUE | Status | TYPE |"
    )
    assert lint(text) == []


TICKET_ROW = "| Add slice-level alert sensitivity for high-traffic intents |"


def with_ticket(ticket: str) -> str:
    text = edit(
        "| Action | Owner | Due | Status | Type |\n|---|---|---|---|---|",
        "| Action | Owner | Due | Status | Type | Ticket |\n|---|---|---|---|---|---|",
    )
    return edit("| pending | alert |", f"| pending | alert | {ticket} |", text)


@pytest.mark.parametrize(
    "ticket",
    [
        "OPS-412",
        "#412",
        "insurance-ai/alerts#412",
        "https://tracker.example.com/browse/OPS-412",
        "[OPS-412](https://tracker.example.com/browse/OPS-412)",
        "",
    ],
)
def test_ticket_forms_accepted(ticket: str) -> None:
    assert lint(with_ticket(ticket)) == []


@pytest.mark.parametrize("ticket", ["OPS 412", "412", "see Jira", "OPS-", "#12a"])
def test_ticket_forms_refused(ticket: str) -> None:
    text = with_ticket(ticket)
    assert lint(text) == [("PM202", line_of(text, TICKET_ROW), ERROR)]


def with_closed(status: str, closed: str) -> str:
    text = edit(
        "| Action | Owner | Due | Status | Type |\n|---|---|---|---|---|",
        "| Action | Owner | Due | Status | Type | Closed |\n|---|---|---|---|---|---|",
    )
    return edit("| pending | alert |", f"| {status} | alert | {closed} |", text)


@pytest.mark.parametrize("status", ["open", "pending", "scheduled", "in progress", "blocked"])
def test_open_item_with_a_closed_date(status: str) -> None:
    text = with_closed(status, "2026-05-24")
    assert lint(text) == [("PM202", line_of(text, TICKET_ROW), ERROR)]


@pytest.mark.parametrize(
    "status", ["done", "closed", "won't do", "won\u2019t do", "Done", "WON'T DO", "Closed"]
)
def test_every_closed_status_wants_a_closed_date(status: str) -> None:
    text = with_closed(status, "")
    assert lint(text) == [("PM204", line_of(text, TICKET_ROW), WARNING)]
    assert lint(with_closed(status, "2026-05-24")) == []


@pytest.mark.parametrize("closed", ["24 May", "2026-05-32", "2026/05/24"])
def test_closed_must_be_a_date(closed: str) -> None:
    text = with_closed("done", closed)
    assert lint(text) == [("PM202", line_of(text, TICKET_ROW), ERROR)]


def test_status_and_type_match_case_insensitively() -> None:
    text = edit("| pending | alert |", "| Pending | ALERT |")
    assert lint(text) == []


def test_configured_status_and_type_synonyms() -> None:
    text = edit("| pending | alert |", "| wip | monitoring |")
    assert [code for code, _, _ in lint(text)] == ["PM202", "PM202"]
    config = settings(status_synonyms={"WIP": "in progress"}, type_synonyms={"monitoring": "alert"})
    assert lint(text, config) == []


# --- Eval delta ------------------------------------------------------------------------------

EVAL_LINE = line_of(WORKED, "## Eval delta")
NO_EVAL_FOLLOW_UP = WORKED.replace("| eval |", "| fix |")


@pytest.mark.parametrize(
    "body",
    [
        "No gap:",
        "No gap: TBD",
        "No gap: <why the evals could not have caught it>",
        "No gap:\n\n<!-- say why -->",
    ],
    ids=repr,
)
def test_no_gap_without_a_reason(body: str) -> None:
    text = with_section("Eval delta", body, NO_EVAL_FOLLOW_UP)
    assert lint(text) == [("PM303", EVAL_LINE, ERROR)]


@pytest.mark.parametrize(
    "body",
    [
        "No gap: the failure was in the index refresh job, which offline evals never run.",
        "No gap:\n\nThe failure was in the index refresh job, which offline evals never run.",
    ],
    ids=repr,
)
def test_no_gap_with_a_reason_needs_no_eval_follow_up(body: str) -> None:
    assert lint(with_section("Eval delta", body, NO_EVAL_FOLLOW_UP)) == []


def test_no_gap_may_be_bold() -> None:
    body = "**No gap:** the failure was in the index refresh job, which offline evals never run."
    assert lint(with_section("Eval delta", body, NO_EVAL_FOLLOW_UP)) == []


def test_text_not_beginning_with_no_gap_names_a_gap() -> None:
    body = "There was no gap: the evals covered the case."
    text = with_section("Eval delta", body, NO_EVAL_FOLLOW_UP)
    assert lint(text) == [("PM303", EVAL_LINE, ERROR)]
    assert lint(with_section("Eval delta", body)) == []


# --- Apparatus updates -----------------------------------------------------------------------

APPARATUS_LINE = line_of(WORKED, "## Apparatus updates")


@pytest.mark.parametrize(
    "item",
    [
        "Alert: unchanged",
        "Alert: Unchanged; the alert fired as designed.",
        "Runbook: no change needed.",
        "Drill: none",
        "Escalation: n/a",
        "Escalation: N/A, the path worked.",
        "Alert: TBD",
        "Alert: <what changed>",
        "Alert:",
    ],
)
def test_items_that_record_no_change_do_not_count(item: str) -> None:
    text = with_section("Apparatus updates", f"- {item}\n- Runbook: unchanged.")
    assert lint(text) == [("PM301", APPARATUS_LINE, ERROR)]


@pytest.mark.parametrize(
    "item",
    [
        "Alert: slice-level sensitivity tightened.",
        "**Alert:** slice-level sensitivity tightened.",
        "**Alert**: slice-level sensitivity tightened.",
        "ALERT: slice-level sensitivity tightened.",
        "drill: slice isolation added to the calendar.",
        "Escalation: eval lead now paged on slice regressions.",
        "Runbook: step 7 now names the slice dashboard.",
    ],
)
def test_items_that_record_a_change(item: str) -> None:
    assert lint(with_section("Apparatus updates", f"- {item}")) == []


def test_items_of_unknown_kind_do_not_count() -> None:
    text = with_section(
        "Apparatus updates", "- Dashboard: slice panel added.\n- Runbook: unchanged."
    )
    assert lint(text) == [
        ("PM301", APPARATUS_LINE, ERROR),
        ("PM302", line_of(text, "- Dashboard:"), ERROR),
    ]


# --- Timeline --------------------------------------------------------------------------------

TIMELINE_LINE = line_of(WORKED, "## Timeline")


@pytest.mark.parametrize(
    "items",
    [
        ["23:40 Deploy ships.", "00:15 Alert fires.", "01:02 Rollback."],
        ["**23:40** Deploy ships.", "**00:15** Alert fires."],
        ["18:00 IST Deploy ships.", "18:42 IST Alert fires."],
        ["6:00 PM Deploy ships.", "6:42 PM Alert fires."],
        ["2026-05-12 23:40 Deploy ships.", "2026-05-13 00:15 Alert fires."],
        ["2026-05-12T18:00:00+05:30 Deploy ships.", "2026-05-12T18:42:00+05:30 Alert fires."],
        ["18:00 Deploy ships.", "18:00 Canary starts."],
    ],
    ids=repr,
)
def test_timeline_in_order(items: list[str]) -> None:
    body = "\n".join(f"- {item}" for item in items)
    assert lint(with_section("Timeline", body)) == []


@pytest.mark.parametrize(
    "items",
    [
        ["18:48 Rollback.", "18:42 Alert fires."],
        ["12:30 Deploy ships.", "00:30 Alert fires."],  # exactly 12 hours back
        ["2026-05-12 23:40 Deploy ships.", "2026-05-12 00:15 Alert fires."],
        ["18:00 IST Deploy ships.", "12:45 UTC Alert fires."],  # time zones are ignored
        ["2026-05-13 09:00 Fix verified.", "2026-05-12 18:00 Deploy ships."],
    ],
    ids=repr,
)
def test_timeline_going_backwards(items: list[str]) -> None:
    body = "\n".join(f"- {item}" for item in items)
    text = with_section("Timeline", body)
    assert lint(text) == [("PM402", line_of(text, f"- {items[1]}"), WARNING)]


@pytest.mark.parametrize(
    "body",
    [
        "- [07:00] Prow is merging again.\n- [07:30] Queue drained.",
        "- Jan 17, 7:38 PM More reports.\n- Jan 17, 8:13 PM Fix ships.\n- Jan 19, 4:04 PM Found.",
        "| When | What |\n|---|---|\n| Jan 16, 12:52 PM | Ships. |\n| Jan 17, 3:31 AM | Report. |",
        "- 17 Jan 2024 07:38 Alert.\n- January 17th, 2024 9:05 am Rollback.",
        "- 3:28 PM PST Bad config uploaded.\n- 4:49 AM First report (the next day).",
        "- 2024-03-13 13:55 RDS issue found.\n- 2024-03-13 Scaled down.\n- 2024-03-13 15:03 Alert.",
        "- 2026-05-12T18:00:00Z Deploy.\n- 2026-05-12T18:42Z Alert.\n- 2026-05-12 19:00 UTC Fix.",
        "### 2023-07-19\n\n- 12:32 UTC Opened.\n- 17:41 UTC Merged.\n\n"
        "### 2023-07-20\n\n- 10:00 UTC Opened.\n- 10:13 UTC Merged.",
        "All times in PST\n\n2019-01-22\n\n- 14:54 Merged.\n- 15:28 Uploaded.\n\n"
        "Tuesday, Jan 23, 2019\n\n- 04:49 First report.\n- 07:10 Pinged.",
        "- Dec 31, 11:50 PM Deploy.\n- Jan 1, 12:10 AM Alert.",
    ],
    ids=repr,
)
def test_timeline_forms_in_order(body: str) -> None:
    """The ways real postmortems write times: none of these is out of order."""
    assert lint(with_section("Timeline", body)) == []


@pytest.mark.parametrize(
    ("body", "marker"),
    [
        ("- [16:40] Rolled back.\n- [16:04] Noticed.", "- [16:04]"),
        ("- Jan 17, 8:13 PM Fix ships.\n- Jan 17, 7:38 PM Reports.", "- Jan 17, 7:38"),
        ("- 3:28 PM Uploaded.\n- 3:20 PM Merged.", "- 3:20 PM"),
        ("- 9:00 AM Paged.\n- 8:00 AM Alert.", "- 8:00 AM"),
        ("- 2024-03-14 09:20 Closed.\n- 2024-03-13 Scaled down.", "- 2024-03-13"),
        ("### 2023-07-20\n\n- 10:13 UTC Merged.\n- 10:00 UTC Opened.", "- 10:00 UTC"),
        ("2024-03-14\n\n- 09:00 Fix.\n\n2024-03-13\n\n- 18:00 Deploy.", "- 18:00"),
    ],
    ids=repr,
)
def test_timeline_forms_going_backwards_on_one_day(body: str, marker: str) -> None:
    text = with_section("Timeline", body)
    assert lint(text) == [("PM402", line_of(text, marker), WARNING)]


def test_timeline_item_without_a_time() -> None:
    text = with_section("Timeline", "- 18:00 Deploy ships.\n- Later, the alert fired.")
    assert lint(text) == [("PM402", line_of(text, "- Later"), WARNING)]


def test_prose_timeline_is_one_problem_at_the_heading() -> None:
    body = "The deploy shipped at 18:00.\n\nThe alert fired at 18:42 and cleared at 18:53."
    assert lint(with_section("Timeline", body)) == [("PM402", TIMELINE_LINE, WARNING)]


# --- Blame language --------------------------------------------------------------------------

NOT_WELL = "## What did not go well\n\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "The Primary on-call forgot to check the slice dashboard.",
        "primary ON-CALL missed the first page.",
        "Eval lead neglected the rider cases.",
        "The Drill lead did not schedule the drill.",
        "The Eval lead should have added rider cases.",
        "The Primary on-call failed to escalate.",
        "It was human error.",
        "A careless review let it through.",
        "Someone should have known better.",
        "It was the fault of the deploy tooling.",
        "It was carelessly reviewed.",
    ],
)
def test_blame_fires_at_the_sentence_line(sentence: str) -> None:
    text = edit(NOT_WELL, NOT_WELL + "The rollback worked.\n" + sentence + "\n\n")
    assert lint(text) == [("PM403", line_of(text, sentence), WARNING)]


@pytest.mark.parametrize(
    "sentence",
    [
        "On-call did not page the eval owner.",
        "The on-call engineer missed the first page.",
        "The Primary on-call rolled back within six minutes.",
        "Primary on-callers were paged; the lead forgot nothing.",
        # a blame phrase inside a word (the real-world corpus: "the default of zero")
        "No UI could raise the fee beyond the default of zero.",
    ],
)
def test_role_words_without_a_named_person_do_not_fire(sentence: str) -> None:
    text = edit(NOT_WELL, NOT_WELL + sentence + "\n\n")
    assert lint(text) == []


def test_blame_in_a_list_item_fires_at_its_sentence() -> None:
    text = edit(
        NOT_WELL,
        NOT_WELL + "- The rollback worked.\n- Then the Eval lead forgot the\n  rider cases.\n\n",
    )
    assert lint(text) == [("PM403", line_of(text, "Eval lead forgot"), WARNING)]


def test_blame_fires_in_cause_but_not_in_other_sections() -> None:
    sentence = "The Eval lead forgot the rider cases."
    in_cause = edit("## Cause\n\n", "## Cause\n\n" + sentence + "\n")
    assert lint(in_cause) == [("PM403", line_of(in_cause, sentence), WARNING)]
    in_summary = edit("## Summary\n\n", "## Summary\n\n" + sentence + " It was human error.\n")
    assert lint(in_summary) == []


def test_configured_blame_phrases_replace_the_defaults() -> None:
    text = edit(NOT_WELL, NOT_WELL + "It was a sloppy review.\n\n")
    assert lint(text) == []
    line = line_of(text, "sloppy")
    assert lint(text, settings(blame_phrases=["sloppy"])) == [("PM403", line, WARNING)]


def test_names_come_from_the_oncall_list() -> None:
    text = edit("oncall: [Primary on-call]", "oncall: [Primary on-call, Asha Rao]")
    text = edit(NOT_WELL, NOT_WELL + "Asha Rao missed the page.\n\n", text)
    assert lint(text) == [("PM403", line_of(text, "Asha Rao missed"), WARNING)]


# --- SLO -------------------------------------------------------------------------------------

PUBLISHED_LINE = line_of(WORKED, "published:")
STATUS_LINE = line_of(WORKED, "status:")


def published(resolved: str, day: str) -> str:
    text = edit("resolved: 2026-05-12T18:53:00+05:30", f"resolved: {resolved}")
    return edit("published: 2026-05-15", f"published: {day}", text)


@pytest.mark.parametrize(
    ("resolved", "day", "late"),
    [
        ("2026-05-12", "2026-05-19", False),  # Tue -> Tue: exactly 5 business days
        ("2026-05-12", "2026-05-20", True),  # 6
        ("2026-05-15", "2026-05-22", False),  # Fri -> Fri: the weekend is skipped
        ("2026-05-15", "2026-05-23", False),  # published on Saturday: still 5
        ("2026-05-15", "2026-05-25", True),  # Monday: 6
        ("2026-05-16", "2026-05-22", False),  # resolved on Saturday: Mon..Fri is 5
        ("2026-05-12T23:30:00-08:00", "2026-05-19", False),  # the calendar date as written
        ("2026-05-13T02:00:00+09:00", "2026-05-20", False),  # ... not converted to UTC
        ("2026-05-12T18:53:00", "2026-05-20", True),  # a datetime without offset
    ],
)
def test_slo_counts_business_days(resolved: str, day: str, late: bool) -> None:
    expected = [("PM501", PUBLISHED_LINE, WARNING)] if late else []
    assert lint(published(resolved, day)) == expected


def test_slo_skips_configured_holidays() -> None:
    text = published("2026-05-12", "2026-05-20")
    assert lint(text) == [("PM501", PUBLISHED_LINE, WARNING)]
    assert lint(text, settings(holidays=["2026-05-14"])) == []
    assert lint(text, settings(holidays=["2026-05-16"])) == [("PM501", PUBLISHED_LINE, WARNING)]


def test_slo_per_severity() -> None:
    text = published("2026-05-12", "2026-05-15")  # 3 business days, severity P2
    assert lint(text, settings(slo_business_days_by_severity={"P2": 2})) == [
        ("PM501", PUBLISHED_LINE, WARNING)
    ]
    assert lint(text, settings(slo_business_days_by_severity={"P1": 2})) == []
    assert lint(text, settings(slo_business_days=2)) == [("PM501", PUBLISHED_LINE, WARNING)]
    both = settings(slo_business_days=2, slo_business_days_by_severity={"P2": 3})
    assert lint(text, both) == []


UNPUBLISHED = edit("published: 2026-05-15\n", "", edit("status: published", "status: review"))


@pytest.mark.parametrize(
    ("today", "late"),
    [("2026-05-19", False), ("2026-05-20", True), ("2026-06-01", True)],
)
def test_unpublished_past_the_slo_with_today(today: str, late: bool) -> None:
    # keep the follow-ups' due dates out of the way (PM205)
    text = re.sub(r"2026-0[56]-\d\d \|", "2026-12-01 |", UNPUBLISHED)
    expected = [("PM501", STATUS_LINE, WARNING)] if late else []
    assert lint(text, today=dt.date.fromisoformat(today)) == expected
    assert lint(text) == []


def test_draft_backlog_is_caught_with_today() -> None:
    text = edit("status: review", "status: draft", UNPUBLISHED)
    text = re.sub(r"2026-0[56]-\d\d \|", "2026-12-01 |", text)
    assert lint(text, today=dt.date(2026, 6, 30)) == [("PM501", STATUS_LINE, WARNING)]


def test_slo_is_skipped_without_resolved() -> None:
    text = edit("resolved: 2026-05-12T18:53:00+05:30\n", "", UNPUBLISHED)
    text = edit("status: review", "status: draft", text)
    text = re.sub(r"2026-0[56]-\d\d \|", "2026-12-01 |", text)
    assert lint(text, today=dt.date(2026, 9, 1)) == []


# --- Follow-up overdue -----------------------------------------------------------------------


def test_overdue_counts_only_open_items_strictly_past_due() -> None:
    text = with_closed("done", "2026-05-24")
    rows = [line_of(text, "| Expand policy_comparison"), line_of(text, "| Validate new eval")]
    # due 2026-05-19, 2026-05-21 (open), 2026-05-26 (done), 2026-06-15 (open)
    assert lint(text, today=dt.date(2026, 5, 21)) == [("PM205", rows[0], WARNING)]
    assert lint(text, today=dt.date(2026, 5, 22)) == [
        ("PM205", rows[0], WARNING),
        ("PM205", rows[1], WARNING),
    ]
    assert lint(text) == []


# --- Dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"resolved: 2026-05-12T18:53:00+05:30": "resolved: 2026-05-11T23:00:00"}, "resolved:"),
        ({"published: 2026-05-15": "published: 2026-05-11"}, "published:"),
        ({"date: 2026-05-12": "date: 2026-05-16"}, "resolved:"),
    ],
)
def test_dates_out_of_order(changes: dict[str, str], field: str) -> None:
    text = WORKED
    for old, new in changes.items():
        text = edit(old, new, text)
    assert lint(text) == [("PM011", line_of(text, field), ERROR)]


def test_dates_on_the_same_day_are_in_order() -> None:
    assert lint(published("2026-05-12T23:59:00+14:00", "2026-05-12")) == []


# --- Drafts ----------------------------------------------------------------------------------

DRAFT = edit(
    "published: 2026-05-15\n",
    "",
    edit("status: published", "status: draft", edit("resolved: 2026-05-12T18:53:00+05:30\n", "")),
)


def test_a_draft_needs_neither_resolved_nor_published() -> None:
    assert lint(DRAFT) == []


def test_a_review_needs_resolved() -> None:
    text = edit("status: draft", "status: review", DRAFT)
    assert lint(text) == [("PM010", 1, ERROR)]


def draft_with_gaps(status: str) -> str:
    text = DRAFT if status == "draft" else published("2026-05-12", "2026-05-15")
    text = edit("severity: P2", "severity: P9", text)
    text = with_section("Eval delta", "TODO", text)
    text = with_section("Blast radius", "Some sessions.", text)
    text = edit("| scheduled | drill |", "| scheduled | other |", text)
    return edit("| pending | alert |", "| pending | fix |", text)


def test_drafts_relax_body_problems_to_warnings_but_not_front_matter() -> None:
    text = draft_with_gaps("draft")
    assert lint(text) == [
        ("PM011", line_of(text, "severity:"), ERROR),
        ("PM401", line_of(text, "## Blast radius"), WARNING),
        ("PM102", line_of(text, "## Eval delta"), WARNING),
        ("PM203", line_of(text, "## Follow-up actions"), WARNING),
    ]
    published_text = draft_with_gaps("published")
    assert lint(published_text) == [
        ("PM011", line_of(published_text, "severity:"), ERROR),
        ("PM401", line_of(published_text, "## Blast radius"), WARNING),
        ("PM102", line_of(published_text, "## Eval delta"), ERROR),
        ("PM203", line_of(published_text, "## Follow-up actions"), ERROR),
    ]


def test_draft_severity_is_configurable() -> None:
    text = draft_with_gaps("draft")
    assert [s for _, _, s in lint(text, settings(draft_severity="error"))] == [
        ERROR,
        WARNING,
        ERROR,
        ERROR,
    ]


def test_a_draft_keeps_front_matter_and_structure_errors_for_missing_sections() -> None:
    text = edit("## Cause\n", "## Causa\n", DRAFT)
    text = edit("id: INC-2026-0512", "id: inc 512", text)
    # "Causa" is one typo from "Cause": the missing section is reported at that heading.
    assert lint(text) == [("PM011", 2, ERROR), ("PM101", line_of(text, "## Causa"), WARNING)]


# --- Inline directives -----------------------------------------------------------------------

BLAME = "It was human error."


def blamed(before: str = "", after: str = "") -> str:
    return edit(NOT_WELL, NOT_WELL + before + BLAME + "\n" + after + "\n")


def test_disable_runs_to_the_end_and_enable_ends_it() -> None:
    text = blamed("<!-- pmlint-disable PM403 -->\n")
    assert lint(text) == []
    text = edit(
        "## Cause\n\n",
        "## Cause\n\n<!-- pmlint-disable PM403 -->\n\nA careless review.\n\n"
        "<!-- pmlint-enable PM403 -->\n\n",
        blamed(),
    )
    assert lint(text) == [("PM403", line_of(text, BLAME), WARNING)]


def test_disable_without_codes_means_every_rule() -> None:
    text = with_section("Blast radius", "Some sessions.")
    text = edit("## Blast radius\n", "<!-- pmlint-disable -->\n## Blast radius\n", text)
    assert lint(text) == []
    text = edit("<!-- pmlint-disable -->", "<!-- pmlint-disable PM403 -->", text)
    assert lint(text) == [("PM401", line_of(text, "## Blast radius"), WARNING)]


def test_enable_without_codes_ends_every_range() -> None:
    text = blamed("<!-- pmlint-disable PM403 PM401 -->\n<!-- pmlint-enable -->\n")
    assert lint(text) == [("PM403", line_of(text, BLAME), WARNING)]


def test_disable_next_line_without_codes_means_every_rule() -> None:
    assert lint(blamed("<!-- pmlint-disable-next-line -->\n")) == []


def test_disable_next_line_applies_to_the_next_line_only() -> None:
    text = blamed("<!-- pmlint-disable-next-line PM403 -->\n")
    assert lint(text) == []
    text = blamed("<!-- pmlint-disable-next-line PM403 -->\n\n")
    assert lint(text) == [("PM403", line_of(text, BLAME), WARNING)]
    text = blamed("<!-- pmlint-disable-next-line PM401 -->\n")
    assert lint(text) == [("PM403", line_of(text, BLAME), WARNING)]


@pytest.mark.parametrize(
    "directive",
    [
        "<!-- pmlint-disable-file PM101 -->",
        "<!-- pmlint-disable-file PM401, PM101 -->",
        "<!-- pmlint-disable-file PM401 PM101 PM403 -->",
        "<!-- pmlint-disable-file PM401,PM101 -->",
        "<!-- pmlint-disable-file -->",
    ],
)
def test_disable_file_silences_line_one_problems(directive: str) -> None:
    text = edit("## Blast radius\n\nTBD\n\n", "", with_section("Blast radius", "TBD"))
    assert lint(text) == [("PM101", 1, ERROR)]
    assert lint(text + "\n" + directive + "\n") == []


def test_disable_file_silences_front_matter_problems() -> None:
    text = edit("severity: P2", "severity: P9") + "\n<!-- pmlint-disable-file PM011 -->\n"
    assert lint(text) == []
    broken = edit("severity: P2", "severity: P2\nseverity: P3")
    assert lint(broken) == [("PM002", line_of(broken, "severity: P3"), ERROR)]
    assert lint(broken + "\n<!-- pmlint-disable-file PM002 -->\n") == []


def test_directives_inside_code_are_text() -> None:
    fence = "```markdown\n<!-- pmlint-disable PM403 -->\n```\n\n"
    text = edit(NOT_WELL, NOT_WELL + fence + BLAME + "\n\n")
    assert lint(text) == [("PM403", line_of(text, BLAME), WARNING)]
    fenced = text + "\n```\n<!-- pmlint-disable-file PM403 -->\n```\n"
    assert lint(fenced) == [("PM403", line_of(fenced, BLAME), WARNING)]
    indented = text + "\n    <!-- pmlint-disable-file PM403 -->\n"
    assert lint(indented) == [("PM403", line_of(indented, BLAME), WARNING)]


def test_directive_quoted_in_inline_code_is_text() -> None:
    text = blamed("Use `<!-- pmlint-disable PM403 -->` to silence this.\n\n")
    assert lint(text) == [("PM403", line_of(text, BLAME), WARNING)]


# --- Configuration ---------------------------------------------------------------------------


def test_config_ignore() -> None:
    text = with_section("Blast radius", "Some sessions.")
    line = line_of(text, "## Blast radius")
    assert lint(text) == [("PM401", line, WARNING)]
    assert lint(text, settings(ignore=["PM401"])) == []


def test_config_ignores_and_relevels_unreadable_files(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_bytes(WORKED.encode("utf-16"))
    assert lint_paths([str(path)], settings(ignore=["PM001"])).problems == ()
    [problem] = lint_paths([str(path)], settings(severity={"PM001": "warning"})).problems
    assert (problem.code, str(problem.severity)) == ("PM001", WARNING)


def test_config_severity_overrides() -> None:
    text = with_section("Blast radius", "Some sessions.")
    text = edit("## Cause\n", "## Causa\n", text)
    line = line_of(text, "## Blast radius")
    config = settings(severity={"PM401": "error", "PM101": "warning"})
    causa = line_of(text, "## Causa")  # a near-miss: the missing section is reported there
    assert lint(text, config) == [("PM101", causa, WARNING), ("PM401", line, ERROR)]


def test_team_schema_required_field_is_missing_field(tmp_path: Path) -> None:
    """The spec's own example: a medical team requires ``regulator_notified``."""
    schema = {
        "properties": {
            "front_matter": {
                "required": ["regulator_notified"],
                "properties": {"regulator_notified": {"type": "boolean"}},
            }
        }
    }
    (tmp_path / "team.schema.json").write_text(json.dumps(schema))
    config = from_mapping({"schema": "team.schema.json"}, tmp_path)
    assert lint(WORKED, config) == [("PM010", 1, ERROR)]
    notified = edit("team: insurance-ai", "team: insurance-ai\nregulator_notified: true")
    assert lint(notified, config) == []
    wrong = edit("team: insurance-ai", "team: insurance-ai\nregulator_notified: soon")
    assert lint(wrong, config) == [("PM011", line_of(wrong, "regulator_notified"), ERROR)]


# --- Front-matter values ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("oncall: [Primary on-call]", "oncall: []"),
        ("oncall: [Primary on-call]", 'oncall: [""]'),
        ("oncall: [Primary on-call]", "oncall: [Primary on-call, TBD]"),
        ("duration: 11m", "duration:"),
        ("duration: 11m", 'duration: ""'),
        ("duration: 11m", "duration: 90"),
        ("duration: 11m", "duration: 1m30h"),
        ("date: 2026-05-12", "date: 2026-5-12"),
        ("date: 2026-05-12", "date: 2026-02-30"),
        ("date: 2026-05-12", "date: 12/05/2026"),
        ("published: 2026-05-15", "published: 2026-05-15T09:00:00Z"),
        ("resolved: 2026-05-12T18:53:00+05:30", "resolved: 2026-05-12 at 18:53"),
        ("status: published", "status: final"),
        ("title: policy_comparison regressed after a prompt deploy", "title: TODO"),
        ("id: INC-2026-0512", "id: INC2026"),
        ("cause:\n  primary: prompt\n  contributing: [data]", "cause: prompt"),
    ],
    ids=repr,
)
def test_invalid_front_matter_value(old: str, new: str) -> None:
    text = edit(old, new)
    assert lint(text) == [("PM011", line_of(text, new.split(":")[0] + ":"), ERROR)]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("duration: 11m", "duration: 3d"),
        ("duration: 11m", "duration: 1h30m"),
        ("duration: 11m", "duration: 1d2h3m"),
        ("resolved: 2026-05-12T18:53:00+05:30", "resolved: 2026-05-12"),
        ("resolved: 2026-05-12T18:53:00+05:30", "resolved: 2026-05-12T18:53:00Z"),
        ("resolved: 2026-05-12T18:53:00+05:30", "resolved: 2026-05-12T18:53"),
        ("date: 2026-05-12", "date: '2026-05-12'"),
        ("team: insurance-ai", "team: insurance-ai\nregulator_notified: true"),
        ("id: INC-2026-0512", "id: AI-OPS-7"),
    ],
    ids=repr,
)
def test_valid_front_matter_value(old: str, new: str) -> None:
    assert lint(edit(old, new)) == []


def test_title_is_required() -> None:
    assert lint(edit("title: policy_comparison regressed after a prompt deploy\n", "")) == [
        ("PM010", 1, ERROR)
    ]


def test_configured_severities_id_pattern_and_subcategories() -> None:
    text = edit("severity: P2", "severity: SEV2", edit("id: INC-2026-0512", "id: inc-512"))
    text = edit("contributing: [data]", "contributing: [data, retrieval/stale-index]", text)
    assert [code for code, _, _ in lint(text)] == ["PM011", "PM011", "PM020"]
    config = settings(
        severities=["SEV1", "SEV2"],
        id_pattern=r"^inc-\d+$",
        cause_subcategories=["retrieval/stale-index"],
    )
    assert lint(text, config) == []


# --- Cross-file ------------------------------------------------------------------------------


def write(folder: Path, name: str, text: str) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text)
    return str(folder / name)


def report(paths: list[str], config: Config) -> list[tuple[str, str, int]]:
    return [(Path(p.path).name, p.code, p.line) for p in lint_paths(paths, config).problems]


def test_parent_that_is_its_own_id(tmp_path: Path) -> None:
    text = edit("cause:\n", "parent: INC-2026-0512\ncause:\n")
    path = write(tmp_path, "a.md", text)
    assert report([path], Config(root=tmp_path)) == [("a.md", "PM602", line_of(text, "parent:"))]


def test_cross_file_rules_see_the_configured_paths_but_report_on_named_files(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "postmortems"
    child = edit("id: INC-2026-0512", "id: INC-2026-0513")
    child = edit("cause:\n", "parent: INC-2026-0500\ncause:\n", child)
    named = write(folder, "child.md", child)
    write(folder, "one.md", WORKED)
    write(folder, "two.md", WORKED)
    parent = edit("id: INC-2026-0512", "id: INC-2026-0500")
    write(folder / "2025", "parent.md", parent)
    configured = settings(paths=[str(folder)])
    assert report([named], configured) == []
    alone = Config(root=tmp_path)
    assert report([named], alone) == [("child.md", "PM602", line_of(child, "parent:"))]
    one = str(folder / "one.md")
    assert report([one], configured) == [("one.md", "PM601", 2)]
    assert report([one], alone) == []


# --- Files -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        WORKED.encode("utf-16"),
        WORKED.encode("utf-8").replace(b"## Summary", b"## Summ\x00ry"),
        WORKED.encode("utf-8").replace(b"eval set's", b"eval set\x92s"),
        WORKED.encode("latin-1", errors="replace") + "café".encode("latin-1"),
    ],
    ids=["utf-16", "nul byte", "windows-1252", "latin-1"],
)
def test_unreadable_file_is_one_problem_at_line_one(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_bytes(data)
    assert report([str(path)], Config(root=tmp_path)) == [("pm.md", "PM001", 1)]


def test_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "pm.md", WORKED)
    size = len(WORKED.encode("utf-8"))
    assert report([path], settings(max_file_size=size)) == []
    assert report([path], settings(max_file_size=size - 1)) == [("pm.md", "PM001", 1)]


def test_symlinks_are_followed_once_and_broken_ones_are_unreadable(tmp_path: Path) -> None:
    target = write(tmp_path / "real", "pm.md", WORKED)
    links = tmp_path / "links"
    links.mkdir()
    (links / "good.md").symlink_to(target)
    (links / "dangling.md").symlink_to(tmp_path / "missing.md")
    (links / "loop.md").symlink_to(links / "loop.md")
    assert report([str(links)], Config(root=tmp_path)) == [
        ("dangling.md", "PM001", 1),
        ("loop.md", "PM001", 1),
    ]


def test_subheading_text_is_not_section_content() -> None:
    """A section holding only a sub-heading and a placeholder is still empty."""
    text = with_section("Cause", "### Details\n\nTODO\n")
    assert lint(text) == [("PM102", 33, ERROR)]


def test_a_message_quoting_several_lines_is_one_line() -> None:
    """Found by the fuzz test: a timeline item with a nested line broke the one-line format."""
    text = with_section("Timeline", "- T\n      -\n- 18:00 Deploy.\n")
    found = problems(text)
    assert [(p.code, p.message) for p in found] == [
        ("PM402", "Timeline item 'T -' does not start with a time")
    ]
