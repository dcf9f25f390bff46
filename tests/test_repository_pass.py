"""A file's lint is a function of its bytes; the cross-file rules judge facts in a second pass.

The corpus and helpers are those of test_cache_and_workers: every report here is
compared with a run that has no cache.
"""

# ruff: noqa: F811 (the corpus fixture ``repo`` is imported, and named by each test)

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cache_and_workers import _count_builds, _edit, repo, report  # noqa: F401

from pmlint.checking import facts
from pmlint.checking.lint import lint_file
from pmlint.checking.rules import Context
from pmlint.config import Config
from pmlint.running import cache_auth

NAMED = "postmortems/2024/inc-2024-00040.md"
OTHER = "postmortems/2024/inc-2024-00090.md"


def _take_id(repo: Path, path: str, identifier: str) -> None:
    """Give ``path`` another id, the way an author edits it."""
    file = repo / path
    text = file.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("id: "))
    file.write_text(text.replace(old, f"id: {identifier}", 1), encoding="utf-8")


def _is_files_result(entry: list[object]) -> bool:
    """A file's own ``[rows, facts]``, not the cross-file pass's ``[[path, rows], ...]``."""
    return len(entry) == 2 and isinstance(entry[1], str)


def test_another_files_new_id_lints_only_that_file(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache key of a file involves no other file: a duplicate id appears in both files'
    reports, yet only the edited file is parsed again."""
    report(repo)
    _take_id(repo, OTHER, "INC-2024-00040")
    built = _count_builds(monkeypatch)
    cached = report(repo)
    assert sorted(built) == [OTHER]
    assert cached == report(repo, cache=False)
    duplicated = {p["path"] for p in json.loads(cached)["problems"] if p["rule"] == "PM601"}
    assert {NAMED, OTHER} <= duplicated


def test_the_cross_file_answer_is_read_from_the_cache(repo: Path) -> None:
    """Poisoning the stored answer of the cross-file pass shows: it is really reused, and
    a change to the index (an id taken) makes the pass run again."""
    reference = report(repo, cache=False)
    report(repo)
    stored = repo / ".pmlint_cache" / "results.json"
    _, _, text = stored.read_bytes().partition(b"\n")
    data = json.loads(text)
    answers = [key for key, entry in data["entries"].items() if not _is_files_result(entry)]
    assert len(answers) == 1
    row = [1, 1, "PM601", "duplicate-id", "error", "poisoned", "", ""]
    data["entries"][answers[0]] = [[NAMED, [row]]]
    text = json.dumps(data).encode()
    key = cache_auth.user_key() or b""
    stored.write_bytes(cache_auth.sign(key, "results.json", text).encode() + b"\n" + text)
    (repo / ".pmlint_cache" / "results.json.log").unlink(missing_ok=True)
    messages = [p["message"] for p in json.loads(report(repo))["problems"]]
    assert messages.count("poisoned") == 1
    _take_id(repo, OTHER, "INC-2024-00040")
    assert "poisoned" not in report(repo)
    assert report(repo) == report(repo, cache=False) != reference


def test_a_directive_silencing_a_cross_file_rule_is_kept_in_the_facts(repo: Path) -> None:
    """``pmlint-disable-file PM601`` in the file applies in the second pass, cached or not."""
    _take_id(repo, OTHER, "INC-2024-00040")
    (repo / OTHER).write_text(
        (repo / OTHER).read_text(encoding="utf-8") + "\n<!-- pmlint-disable-file PM601 -->\n",
        encoding="utf-8",
    )
    expected = report(repo, cache=False)
    flagged = {p["path"] for p in json.loads(expected)["problems"] if p["rule"] == "PM601"}
    assert NAMED in flagged and OTHER not in flagged
    assert report(repo) == report(repo) == expected
    _edit(repo, NAMED, "\nOne more line.\n")
    assert report(repo, NAMED) == report(repo, NAMED, cache=False)


WORKED = (Path(__file__).parents[1] / "fixtures" / "good" / "worked-example.md").read_text(
    encoding="utf-8"
)


def test_facts_are_what_the_front_matter_and_the_directives_say() -> None:
    text = WORKED.replace("status: published", "status: draft\nparent: INC-0001", 1)
    text += "\n<!-- pmlint-disable-file PM602 -->\n"
    found = lint_file(text, "pm.md", Context(Config())).facts
    front = text.split("---")[1].splitlines()
    parent_line = 1 + next(i for i, line in enumerate(front) if line.startswith("parent:"))
    assert found.parent == "INC-0001" and found.parent_line == parent_line
    assert found.status == "draft" and found.judged
    assert found.silenced == {("PM602", 2), ("PM602", parent_line)}  # the id's line, too
    assert facts.from_text(facts.to_text(found)) == found


@pytest.mark.parametrize(
    "text",
    [
        "",
        "[1, 2]",
        '["a", null, 2, 0, "d1", "d2", null, null, [], "yes"]',  # judged is not a bool
        '["a", null, 2, 0, null, "d2", null, null, [], true]',  # no digest of the id
        '["a", null, 2, 0, "d1", "d2", null, null, [["PM601"]], true]',  # a pair without a line
        '["a", null, "2", 0, "d1", "d2", null, null',  # torn
    ],
)
def test_stored_facts_of_another_shape_are_refused(text: str) -> None:
    assert facts.from_text(text) is None


def test_a_file_without_front_matter_is_not_judged_across_files() -> None:
    assert not lint_file("# Notes\n\nid: INC-1\n", "notes.md", Context(Config())).facts.judged
    assert not lint_file("", "empty.md", Context(Config())).facts.judged
