"""Property-based fuzzing of the whole lint run with structure-aware generated postmortems.

The strategies build what postmortems are made of (real front-matter keys with
valid, mutated and hostile values; real section headings and aliases; tables
with ragged rows; nested lists; code fences; comments; directives) so that most
examples get deep into the parser and the rules instead of failing at line 1.
Every example goes through the CLI's JSON formatter and must give a valid
report, exit 0 or 1, no internal error, and the same bytes when run again.

Derandomized and without an example database, so CI runs the same examples
every time; ``max_examples`` keeps the module well under a minute.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmlint.checking.rules import RULES
from pmlint.cli import main
from pmlint.reading.vocabulary import (
    BUILTIN_ALIASES,
    FOLLOW_UP_TYPES,
    OPEN_STATUSES,
    OPTIONAL_SECTIONS,
    SECTIONS,
    TAXONOMY,
)

FUZZ = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- front-matter -----------------------------------------------------------------------------

words = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=0, max_size=30
)
dates = st.dates().map(lambda d: d.isoformat())
datetimes = st.datetimes(timezones=st.none() | st.timezones()).map(lambda d: d.isoformat())
scalars = st.one_of(
    words,
    dates,
    datetimes,
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
json_like = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(words, inner, max_size=3)
)


def valid_values() -> dict[str, st.SearchStrategy[Any]]:
    return {
        "id": st.from_regex(r"\A[A-Z]{2,4}-20[0-9]{2}-[0-9]{4}\Z"),
        "title": words.filter(str.strip),
        "date": dates,
        "severity": st.sampled_from(["P0", "P1", "P2", "P3", "P4"]),
        "duration": st.from_regex(r"\A(\d{1,2}h)?\d{1,2}m\Z"),
        "status": st.sampled_from(["draft", "review", "published"]),
        "team": words.filter(str.strip),
        "oncall": st.lists(words.filter(str.strip), min_size=1, max_size=3),
        "resolved": dates | datetimes,
        "published": dates,
        "parent": st.from_regex(r"\AINC-20[0-9]{2}-[0-9]{4}\Z"),
        "cause": st.fixed_dictionaries(
            {"primary": st.sampled_from(TAXONOMY)},
            optional={"contributing": st.lists(st.sampled_from(TAXONOMY), max_size=3)},
        ),
    }


#: YAML that pmlint must refuse or report, spliced in as raw lines.
HOSTILE_YAML = [
    "x: &a [1, 2]\ny: *a",
    "x: !!python/object/apply:os.system ['true']",
    "x: !custom value",
    "title: one\ntitle: two",
    "? [complex, key]\n: v",
    "x: [unclosed",
    "x: {a: 1",
    "\tx: tab",
    "x: " + "[" * 40 + "]" * 40,
    "- a list item",
    "just a scalar",
    "x: 'unterminated",
    "x: 0x1F\ny: 1e400\nz: .nan",
    "when: 2031-02-30 10:00:00",
]


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """A front-matter block: real keys with valid, mutated or hostile values, maybe broken."""
    values = valid_values()
    lines: list[str] = []
    for key in draw(st.lists(st.sampled_from(sorted(values)), unique=True, min_size=0)):
        value = draw(st.one_of(values[key], json_like) if draw(st.booleans()) else values[key])
        dumped = yaml.safe_dump({key: value}, default_flow_style=True, allow_unicode=True)
        lines.append(dumped.strip()[1:-1] if dumped.startswith("{") else dumped.strip())
    if draw(st.integers(0, 4)) == 0:
        position = draw(st.integers(0, len(lines)))
        lines.insert(position, draw(st.sampled_from(HOSTILE_YAML)))
    opening = draw(st.sampled_from(["---", "---", "---", "--- ", "", "----"]))
    closing = draw(st.sampled_from(["---", "---", "---", "...", ""]))
    return "\n".join([opening, *lines, closing]) + "\n"


# --- Markdown body ----------------------------------------------------------------------------

HEADINGS = [
    *SECTIONS.values(),
    *OPTIONAL_SECTIONS.values(),
    *(alias.title() for alias in BUILTIN_ALIASES),
    "4. Cause",
    "Timeline (all times UTC)",
    "**Eval delta**",
    "What didn\u2019t go well?",
    "Notes",
]
PHRASES = [
    "TODO",
    "TBD",
    "<describe the cause>",
    "N/A",
    "No gap: the evals cannot see traffic shifts.",
    "No gap:",
    "About 38 sessions over 42 minutes.",
    "Some users.",
    "It was human error.",
    "Bob forgot to check the alert.",
    "18:00 deploy",
    "6:20 PM UTC rollback",
    "2026-05-12 18:00 start",
    "**Alert:** added a skew alert",
    "Runbook: unchanged",
    "Pager: something",
    "[TICKET-1](https://example.invalid/1)",
    "`code`",
    "*emphasis* and __strong__",
]
inline = st.lists(st.sampled_from(PHRASES) | words, min_size=1, max_size=4).map(" ".join)
follow_up_item = st.lists(
    st.tuples(
        st.sampled_from(["Owner", "Due", "Status", "Type", "Closed", "Ticket", "Odd"]),
        st.sampled_from(["2031-01-01", "not a date", "@sre", *OPEN_STATUSES, *FOLLOW_UP_TYPES])
        | words,
    ),
    max_size=6,
).map(lambda fields: "".join(f" — {name}: {value}" for name, value in fields))


@st.composite
def heading(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(HEADINGS) | words)
    level = draw(st.integers(1, 6))
    if level <= 2 and draw(st.booleans()):
        return f"{text}\n{'=' if level == 1 else '-'}{'-' * 3}"
    return f"{'#' * level} {text}"


@st.composite
def bullet_list(draw: st.DrawFn) -> str:
    items = []
    for _ in range(draw(st.integers(1, 5))):
        depth = draw(st.integers(0, 3))
        marker = draw(st.sampled_from(["-", "*", "1."]))
        items.append(f"{'  ' * depth}{marker} {draw(inline)}{draw(follow_up_item)}")
    return "\n".join(items)


@st.composite
def table(draw: st.DrawFn) -> str:
    columns = draw(
        st.lists(
            st.sampled_from(["Action", "Owner", "Due", "Status", "Type", "Ticket", "Time", "X"]),
            min_size=1,
            max_size=6,
        )
    )
    rows = [
        "| " + " | ".join(columns) + " |",
        "|" + "---|" * len(columns),
    ]
    for _ in range(draw(st.integers(0, 4))):
        cells = draw(st.lists(inline, min_size=0, max_size=len(columns) + 2))  # ragged
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


@st.composite
def other_block(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 6))
    if kind == 0:
        fence = draw(st.sampled_from(["```", "~~~"]))
        closing = fence if draw(st.booleans()) else ""
        return f"{fence}text\n{draw(heading())}\n<!-- pmlint-disable -->\n{closing}"
    if kind == 1:
        return f"<!-- {draw(inline)}" + (" -->" if draw(st.booleans()) else "")
    if kind == 2:
        verb = draw(st.sampled_from(["disable", "enable", "disable-next-line", "disable-file"]))
        codes = " ".join(draw(st.lists(st.sampled_from(sorted(RULES)), max_size=3)))
        return f"<!-- pmlint-{verb} {codes} -->"
    if kind == 3:
        return f"<details>\n{draw(heading())}\n</details>"
    if kind == 4:
        return "> " * draw(st.integers(1, 4)) + draw(inline)
    if kind == 5:
        return "    indented code " + draw(inline)
    return draw(inline)


block = st.one_of(heading(), heading(), inline, bullet_list(), table(), other_block())


@st.composite
def postmortem(draw: st.DrawFn) -> str:
    blocks = []
    for key in draw(st.lists(st.sampled_from(list(SECTIONS)), max_size=12)):
        blocks.append(f"## {SECTIONS[key]}")  # mostly real sections, so the rules run
        blocks.extend(draw(st.lists(block, max_size=3)))
    blocks[draw(st.integers(0, len(blocks))) : 0] = draw(st.lists(block, max_size=4))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    text = draw(front_matter()) + "\n\n".join(blocks) + "\n"
    return text.replace("\n", newline)


# --- the properties ---------------------------------------------------------------------------

PROBLEM_KEYS = ["path", "line", "column", "rule", "name", "severity", "message", "pointer"]


def lint_json(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--format", "json", str(path)], catch_exceptions=False)
    return result.exit_code, result.stdout


def check_report(path: Path, exit_code: int, output: str) -> None:
    assert exit_code in (0, 1), output
    report = json.loads(output)
    assert list(report) == ["version", "tool", "files_checked", "problems", "summary"]
    assert report["version"] == 1 and report["files_checked"] == 1
    problems = report["problems"]
    for problem in problems:
        assert list(problem) == PROBLEM_KEYS
        assert problem["path"] == str(path)
        assert problem["rule"] in RULES and problem["rule"] != "PM000", problem
        assert problem["name"] == RULES[problem["rule"]].slug
        assert isinstance(problem["line"], int) and problem["line"] >= 1
        assert problem["column"] >= 1 and problem["severity"] in ("error", "warning")
        assert problem["message"] and "\n" not in problem["message"]
    order = [(p["path"], p["line"], p["column"], p["rule"]) for p in problems]
    assert order == sorted(order)
    errors = sum(p["severity"] == "error" for p in problems)
    assert report["summary"] == {
        "errors": errors,
        "warnings": len(problems) - errors,
        "files_with_problems": 1 if problems else 0,
    }
    assert exit_code == (1 if errors else 0)


@FUZZ
@given(postmortem())
def test_generated_postmortems_lint_to_a_valid_deterministic_report(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "incident.md"
        path.write_bytes(text.encode("utf-8"))
        first = lint_json(path)
        check_report(path, *first)
        assert lint_json(path) == first, "linting the same file twice gave different reports"
        assert path.read_bytes() == text.encode("utf-8")


@FUZZ
@given(st.binary(max_size=2000) | postmortem().map(lambda t: t.encode("utf-8")[:-7]))
def test_arbitrary_bytes_lint_to_a_valid_report(data: bytes) -> None:
    """Bytes that may not be UTF-8 at all, and postmortems cut mid-character."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "incident.md"
        path.write_bytes(data)
        check_report(path, *lint_json(path))
