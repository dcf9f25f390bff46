"""Hostile, broken and odd input: each is reported, the run ends 0/1, the other files still lint.

Every run is a child process under CPU and memory limits (tests/sandbox.py),
so an alias bomb, a quadratic regex or a blocking read fails the test through
the limit instead of hanging CI. Inputs are generated here, not committed.
"""

from __future__ import annotations

import http.server
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import require_tool
from sandbox import CLEAN, COMPANION, COMPANION_PROBLEM, json_report, run_pmlint

_, FRONT, BODY = CLEAN.split("---\n", 2)


def with_front(yaml_text: str) -> str:
    """The clean postmortem's body under other front-matter."""
    return f"---\n{yaml_text}---\n{BODY}"


def replace(old: str, new: str) -> str:
    assert old in CLEAN, old
    return CLEAN.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# --- what each hostile file is and the problem it must get: (bytes, rule, message part, line) ---
LAUGHS = "".join(
    f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * 9)}]\n" for level in range(1, 10)
)
HUGE_KEY = "k" * 400_000
TEN_K_HEADINGS = CLEAN + "".join(f"\n## Note {n}\n\ntext {n}\n" for n in range(10_000))
TEN_K_HEADINGS += "\n## Summary\n\nAgain.\n"
LONG_CAUSE = replace(
    "Primary: retrieval. The job read a cached model version.",
    "Primary: retrieval. " + "word " * 200_000 + "It was human error.",
)
SPACES_HEADING = replace("## Cause\n", "## Cause" + " " * 300_000 + "x\n")
SPACES_FOLLOW_UP = replace(
    "- (a) Pin the model version in the job — Owner: Search lead",
    "- (a) Pin the model version in the job" + " " * 300_000 + "— Owner: Search lead",
)
SENTENCES = replace(
    "Primary: retrieval. The job read a cached model version.",
    "Primary: retrieval.\n" + "It broke. " * 80_000 + "\nIt was human error.",
)
RAGGED = replace(
    "## Follow-up actions\n\n- (a) Pin",
    "## Follow-up actions\n\n| Action | Owner | Due | Status | Type |\n|---|---|---|---|---|\n"
    "| Add a drill | Ops | 2031-04-30 | open | drill | extra | cells |\n| Short row |\n\n- (a) Pin",
)

HAZARDS: dict[str, tuple[bytes, str | None, str, int]] = {
    # encodings and binary content
    "not-utf8": (b"---\ntitle: caf\xe9\n---\n", "PM001", "not UTF-8: byte 0xe9 at line 2", 1),
    "utf16-bom": (CLEAN.encode("utf-16"), "PM001", "UTF-16", 1),
    "utf16-be-bom": (b"\xfe\xff" + CLEAN.encode("utf-16-be"), "PM001", "UTF-16", 1),
    "nul-byte": (CLEAN.replace("# Stale", "#\x00Stale").encode(), "PM001", "NUL", 1),
    "binary": (bytes(range(256)) * 64, "PM001", "binary", 1),
    "utf8-bom": (b"\xef\xbb\xbf" + COMPANION.encode(), "PM102", "Eval delta", 37),
    # front-matter shapes
    "empty": (b"", "PM002", "File is empty", 1),
    "whitespace-only": (b"  \n\n\t\n", "PM002", "File is empty", 1),
    "only-dashes": (b"---", "PM002", "never closes", 1),
    "only-dashes-newline": (b"---\n", "PM002", "never closes", 1),
    "never-closes": (("---\n" + FRONT + BODY).encode(), "PM002", "never closes", 1),
    "no-front-matter": (BODY.encode(), "PM002", "No front-matter", 1),
    "empty-front-matter": (with_front("").encode(), "PM002", "empty", 1),
    "list": (with_front("- a\n- b\n").encode(), "PM002", "not a list", 2),
    "scalar": (with_front("just some words\n").encode(), "PM002", "not a single value", 2),
    "crlf-and-cr": (COMPANION.replace("\n", "\r\n").encode(), "PM102", "Eval delta", 37),
    # YAML hazards
    "python-tag": (
        with_front(FRONT + "x: !!python/object/apply:os.system ['touch PWNED']\n").encode(),
        "PM002",
        "tags ('tag:yaml.org,2002:python/object/apply:os.system') are not allowed",
        15,
    ),
    "custom-tag": (with_front("title: !vault secret\n").encode(), "PM002", "tags ('!vault')", 2),
    "verbatim-tag": (
        with_front("x: !<tag:yaml.org,2002:python/name:os.system> 1\n").encode(),
        "PM002",
        "tags ('tag:yaml.org,2002:python/name:os.system')",
        2,
    ),
    "billion-laughs": (with_front("l0: &l0 lol\n" + LAUGHS).encode(), "PM002", "anchors", 2),
    "alias-only": (with_front(FRONT + "copy: *nothing\n").encode(), "PM002", "aliases", 15),
    "nested-flow-5k": (
        with_front("x: " + "[" * 5_000 + "]" * 5_000 + "\n").encode(),
        "PM002",
        "nesting depth",
        2,
    ),
    "nested-block-5k": (
        with_front("x:\n" + "- " * 5_000 + "deep\n").encode(),
        "PM002",
        "nesting depth",
        3,
    ),
    "nested-40": (
        with_front(FRONT + "x: " + "[" * 40 + "]" * 40 + "\n").encode(),
        "PM002",
        "deeper than 32 levels",
        15,
    ),
    "huge-key": (with_front(FRONT + f"? {HUGE_KEY}\n: v\n").encode(), None, "", 0),
    "huge-key-twice": (
        with_front(FRONT + f"? {HUGE_KEY}\n: v\n? {HUGE_KEY}\n: w\n").encode(),
        "PM002",
        "Duplicate front-matter key 'kkkk",
        17,
    ),
    "duplicate-key": (
        with_front(FRONT + "title: Second title\n").encode(),
        "PM002",
        "Duplicate front-matter key 'title' (first at line 3)",
        15,
    ),
    "complex-key": (with_front(FRONT + "? [a, b]\n: v\n").encode(), "PM002", "plain words", 15),
    "datetimes": (
        with_front(
            FRONT.replace("resolved: 2031-03-02T11:40:00Z", "resolved: 2031-03-02 11:40:00")
        ).encode(),
        None,
        "",
        0,
    ),
    "numbers-for-strings": (
        with_front(FRONT.replace("title: Retrieval index served stale embeddings", "title: 42"))
        .replace("team: search-ai", "team: 1e400")
        .encode(),
        "PM011",
        "Front-matter field 'title' is 42",
        3,
    ),
    "odd-numbers": (
        with_front(
            FRONT + "n1: 0x1F\nn2: 123456789012345678901234567890\nn3: .nan\nn4: -.inf\n"
            "n5: 0o17\nn6: 1_000\nn7: +12e03\nwhen: 2031-02-30\n"
        ).encode(),
        None,
        "",
        0,
    ),
    "bad-yaml": (with_front(FRONT + "oops: [unclosed\n").encode(), "PM002", "YAML error", 16),
    "tab-indent": (with_front("cause:\n\tprimary: model\n").encode(), "PM002", "YAML error", 3),
    # Markdown hazards
    "long-line": (LONG_CAUSE.encode(), "PM403", "'human error'", line_of(LONG_CAUSE, "Primary")),
    "ten-thousand-headings": (
        TEN_K_HEADINGS.encode(),
        "PM104",
        "Section 'Summary' appears again",
        line_of(TEN_K_HEADINGS, "## Summary\n\nAgain"),
    ),
    "nested-lists-5k": (
        replace("- 10:20 Reindex starts.", "- 10:20 Reindex starts.\n" + "  - x" * 5_000).encode(),
        None,
        "",
        0,
    ),
    "nested-list-markers-40": (
        replace("The job did not", "- " * 40 + "x\n\nThe job did not").encode(),
        None,
        "",
        0,
    ),
    # Past markdown-it's nesting limit the rest of the file is not parsed: what follows is
    # reported missing or empty, so the file fails rather than passing unread.
    "nested-list-markers-5k": (
        replace("The job did not", "- " * 5_000 + "x\n\nThe job did not").encode(),
        "PM102",
        "Section 'What did not go well' is empty",
        line_of(CLEAN, "## What did not go well"),
    ),
    "nested-quotes-5k": (
        replace("The relevance alert", ">" * 5_000 + " quoted\n\nThe relevance alert").encode(),
        None,
        "",
        0,
    ),
    "ragged-table": (RAGGED.encode(), "PM201", "Short row", line_of(RAGGED, "| Short row")),
    "heading-in-fence": (
        replace("## Cause\n", "```text\n## Cause\n```\n").encode(),
        "PM101",
        "Section 'Cause' is missing",
        1,
    ),
    "heading-in-html-block": (
        replace("## Eval delta\n", "<div>\n## Eval delta\n</div>\n").encode(),
        "PM101",
        "Section 'Eval delta' is missing",
        1,
    ),
    "setext-heading": (
        replace(
            "## Eval delta\n\nNo gap: the offline eval uses a fresh index by design.",
            "Eval delta\n----------\n\nTBD",
        ).encode(),
        "PM102",
        "Section 'Eval delta' is empty",
        line_of(CLEAN, "## Eval delta"),
    ),
    "unclosed-comment": (
        replace("## Eval delta\n", "<!-- never closed\n\n## Eval delta\n").encode(),
        "PM101",
        "Section 'Eval delta' is missing",
        1,
    ),
    # The heading reads "Cause x", one typo from "Cause": reported there, as a near-miss.
    "spaces-in-heading": (
        SPACES_HEADING.encode(),
        "PM101",
        "Section 'Cause' is missing: found",
        SPACES_HEADING.count("\n", 0, SPACES_HEADING.index("## Cause")) + 1,
    ),
    "spaces-in-follow-up": (SPACES_FOLLOW_UP.encode(), None, "", 0),
    "unclosed-directives": (
        replace("The job did not", "<!-- pmlint-disable " * 40_000 + "\n\nThe job did not")
        .replace("INC-2031-0007", "bad id")
        .encode(),
        "PM011",
        "Front-matter field 'id'",
        2,
    ),
    "many-empty-follow-ups": (
        replace("## Follow-up actions\n\n", "## Follow-up actions\n\n" + "- x\n" * 3_000).encode(),
        "PM201",
        "More than 1,000 problems from the schema check in this file; only the first 1,000",
        1,
    ),
    "many-sentences": (
        SENTENCES.encode(),
        "PM403",
        "'human error'",
        line_of(SENTENCES, "It was human error"),
    ),
}


def _lint_folder(tmp_path: Path, name: str, data: bytes) -> dict[str, Any]:
    (tmp_path / "companion.md").write_text(COMPANION, encoding="utf-8")
    hostile = tmp_path / f"{name}.md"
    hostile.write_bytes(data)
    before = (hostile.read_bytes(), hostile.stat().st_mtime_ns)
    done = run_pmlint(["--format", "json", "."], tmp_path)
    assert done.returncode == 1, done.stderr[-2000:]
    report = json_report(done)
    assert (hostile.read_bytes(), hostile.stat().st_mtime_ns) == before, "pmlint wrote to a file"
    return report


@pytest.mark.parametrize("name", list(HAZARDS))
def test_hostile_file_gets_a_clear_problem_and_the_others_are_still_linted(
    tmp_path: Path, name: str
) -> None:
    data, rule, part, line = HAZARDS[name]
    report = _lint_folder(tmp_path, name, data)
    assert report["files_checked"] == 2
    seen = [(p["path"], p["line"], p["rule"]) for p in report["problems"]]
    assert COMPANION_PROBLEM in seen, "the companion file was not linted"
    mine = [p for p in report["problems"] if p["path"] == f"{name}.md"]
    assert all(p["rule"] != "PM000" for p in mine), mine
    assert all(len(p["message"]) < 400 for p in mine), "a message quotes hostile input whole"
    if rule is None:
        assert not [p for p in mine if p["severity"] == "error"], mine
    else:
        assert [p for p in mine if p["rule"] == rule and part in p["message"]], mine
        assert any(p["line"] == line for p in mine if p["rule"] == rule), mine
    assert not (tmp_path / "PWNED").exists()


def test_datetimes_and_odd_numbers_stay_json_values() -> None:
    """YAML timestamps stay the text written; numbers JSON cannot hold stay text."""
    from pmlint.reading.frontmatter import read

    front = read(
        [
            "---",
            "date: 2031-03-02",
            "resolved: 2031-03-02 11:40:00",
            "big: 123456789012345678901234567890123",
            "inf: .inf",
            "hex: 0x1F",
            "---",
        ]
    )
    assert front.error is None
    assert front.data == {
        "date": "2031-03-02",
        "resolved": "2031-03-02 11:40:00",
        "big": 123456789012345678901234567890123,
        "inf": ".inf",
        "hex": 31,
    }


def test_a_file_over_the_size_limit_is_reported_not_parsed(tmp_path: Path) -> None:
    limit = 1024 * 1024
    clean = CLEAN.encode()
    report = _lint_folder(tmp_path, "big", clean + b"x" * (limit - len(clean) + 1))
    mine = [p for p in report["problems"] if p["path"] == "big.md"]
    assert [(p["rule"], p["line"]) for p in mine] == [("PM001", 1)]
    assert "1,048,577 bytes, over the 1,048,576-byte limit" in mine[0]["message"]


def test_the_size_limit_is_configurable(tmp_path: Path) -> None:
    (tmp_path / ".pmlint.toml").write_text("max_file_size = 2000\n", encoding="utf-8")
    (tmp_path / "small.md").write_text(CLEAN, encoding="utf-8")
    report = _lint_folder(tmp_path, "big", CLEAN.encode() + b"\n" * 1000)
    assert [(p["path"], p["rule"]) for p in report["problems"] if p["rule"] == "PM001"] == [
        ("big.md", "PM001")
    ]
    assert report["files_checked"] == 3


def _only(report: dict[str, Any], path: str) -> list[tuple[str, int, str]]:
    return [(p["rule"], p["line"], p["message"]) for p in report["problems"] if p["path"] == path]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_named_pipe_is_reported_not_read(tmp_path: Path) -> None:
    """Reading a FIFO blocks forever; nothing writes to this one."""
    os.mkfifo(tmp_path / "pipe.md")
    report = _lint_folder(tmp_path, "other", CLEAN.encode())
    assert _only(report, "pipe.md") == [("PM001", 1, "Not a regular file (a named pipe); not read")]
    assert report["files_checked"] == 3


def test_a_folder_named_like_a_postmortem_is_walked_into(tmp_path: Path) -> None:
    (tmp_path / "odd.md").mkdir()
    (tmp_path / "odd.md" / "inside.md").write_text(CLEAN, encoding="utf-8")
    report = _lint_folder(tmp_path, "other", COMPANION.replace("0008", "0009").encode())
    assert report["files_checked"] == 3
    assert _only(report, "odd.md/inside.md") == []


def test_broken_looping_and_folder_links_are_reported(tmp_path: Path) -> None:
    (tmp_path / "dangling.md").symlink_to(tmp_path / "missing.md")
    (tmp_path / "loop-a.md").symlink_to(tmp_path / "loop-b.md")
    (tmp_path / "loop-b.md").symlink_to(tmp_path / "loop-a.md")
    (tmp_path / "self.md").symlink_to(tmp_path / "self.md")
    (tmp_path / "folder").mkdir()
    (tmp_path / "to-folder.md").symlink_to(tmp_path / "folder")
    report = _lint_folder(tmp_path, "other", CLEAN.encode())
    broken = "Path is a symbolic link that is broken or loops"
    for name in ("dangling.md", "loop-a.md", "loop-b.md", "self.md"):
        assert _only(report, name) == [("PM001", 1, broken)], name
    assert _only(report, "to-folder.md") == []  # a walk does not enter linked folders
    named = json_report(run_pmlint(["-f", "json", "to-folder.md", "self.md"], tmp_path))
    assert _only(named, "to-folder.md") == [
        ("PM001", 1, "Path is a symbolic link to something that is not a file")
    ]
    assert _only(named, "self.md") == [("PM001", 1, broken)]


def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    """Permission denied. Root reads anything, so as root pmlint runs without the two
    capabilities that let it (setpriv from util-linux drops them)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        caps = "-dac_override,-dac_read_search"
        prefix = [require_tool("setpriv"), f"--bounding-set={caps}", f"--inh-caps={caps}"]
    (tmp_path / "companion.md").write_text(COMPANION, encoding="utf-8")
    locked = tmp_path / "locked.md"
    locked.write_text(CLEAN, encoding="utf-8")
    locked.chmod(0)
    done = run_pmlint(["--format", "json", "."], tmp_path, prefix)
    report = json_report(done)
    assert done.returncode == 1
    assert _only(report, "locked.md") == [("PM001", 1, "Cannot read the file: Permission denied")]
    assert ("companion.md", 37, "PM102") in [
        (p["path"], p["line"], p["rule"]) for p in report["problems"]
    ]


def test_a_path_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "real.md").write_text(CLEAN, encoding="utf-8")
    done = run_pmlint(["real.md", "no such.md"], tmp_path)
    assert done.returncode == 2
    assert done.stderr == "pmlint: error: no such.md: no such file or directory\n"
    assert done.stdout == ""


def test_names_with_spaces_and_non_ascii_are_reported_as_given(tmp_path: Path) -> None:
    name = "post mortem \u2013 事故 ü.md"
    folder = tmp_path / "ünïcode dir"
    folder.mkdir()
    (folder / name).write_text(COMPANION, encoding="utf-8")
    done = run_pmlint(["--format", "json", "ünïcode dir"], tmp_path)
    report = json_report(done)
    assert [(p["path"], p["rule"]) for p in report["problems"]] == [
        (f"ünïcode dir/{name}", "PM102")
    ]
    text = run_pmlint([f"ünïcode dir/{name}"], tmp_path)
    assert text.stdout.startswith(f"ünïcode dir/{name}:37:1: PM102 [error]")


def test_an_output_file_never_overwrites_a_linted_postmortem(tmp_path: Path) -> None:
    target = tmp_path / "inc.md"
    target.write_text(COMPANION, encoding="utf-8")
    (tmp_path / "alias.md").symlink_to(target)
    for output in ("inc.md", "alias.md"):
        done = run_pmlint(["-f", "json", "-o", output, "inc.md"], tmp_path)
        assert done.returncode == 2
        assert "a file being linted" in done.stderr
    assert target.read_text(encoding="utf-8") == COMPANION


@pytest.fixture
def failing_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule with a bug that shows only on files named 'boom*'; the registry is restored after."""
    from pmlint.checking import registry, rules

    original = dict(registry.checks())["PM401"]

    def explode(doc, context):  # type: ignore[no-untyped-def]
        if "boom" in doc.path:
            raise ZeroDivisionError("deliberate bug in a test rule")
        yield from original(doc, context)

    monkeypatch.setitem(rules.CHECKS, "PM401", explode)


def test_a_bug_in_one_rule_is_an_internal_error_for_that_file_only(
    tmp_path: Path, failing_rule: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from pmlint.cli import main

    (tmp_path / "boom.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "companion.md").write_text(COMPANION, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    args = [str(tmp_path / "boom.md"), str(tmp_path / "companion.md")]
    quiet = runner.invoke(main, args)
    debug = runner.invoke(main, ["--debug", *args])
    assert quiet.exit_code == debug.exit_code == 1
    lines = quiet.stdout.splitlines()
    assert lines[0] == (
        f"{tmp_path}/boom.md:1:1: PM000 [error] internal-error: Internal error in rule PM401: "
        "ZeroDivisionError: deliberate bug in a test rule (rerun with --debug for the "
        "traceback, and please report it)"
    )
    assert lines[1].startswith(f"{tmp_path}/companion.md:37:1: PM102 [error]")
    assert lines[2] == "2 errors, 0 warnings in 2 files (2 files checked)"
    assert "Traceback" not in quiet.output
    assert "Traceback (most recent call last)" in debug.stderr
    assert "entering " not in debug.stderr  # markdown-it's own debug log stays quiet
    assert 'raise ZeroDivisionError("deliberate bug in a test rule")' in debug.stderr


def test_the_failing_rule_is_gone_after_the_test() -> None:
    from pmlint.checking import registry

    assert all(check.__name__ != "explode" for _, check in registry.checks())


@pytest.fixture
def schema_server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that serves '{}' for any path and records every request."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"type": "string"}')

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()


def test_a_team_schema_never_makes_pmlint_fetch_a_remote_ref(
    tmp_path: Path, schema_server: tuple[str, list[str]]
) -> None:
    url, requests = schema_server
    team = {"properties": {"front_matter": {"$ref": f"{url}/remote.schema.json"}}}
    (tmp_path / "team.schema.json").write_text(json.dumps(team), encoding="utf-8")
    (tmp_path / ".pmlint.toml").write_text('schema = "team.schema.json"\n', encoding="utf-8")
    (tmp_path / "inc.md").write_text(CLEAN, encoding="utf-8")
    done = run_pmlint(["inc.md"], tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("pmlint: error: ")
    assert f"refers to '{url}/remote.schema.json'; pmlint never fetches schemas" in done.stderr
    assert requests == []
    # One step removed: the team schema names a local file that names a remote schema.
    team = {"properties": {"front_matter": {"$ref": "local.json"}}}
    (tmp_path / "team.schema.json").write_text(json.dumps(team), encoding="utf-8")
    local = {"$ref": f"{url}/remote.schema.json"}
    (tmp_path / "local.json").write_text(json.dumps(local), encoding="utf-8")
    report = json_report(run_pmlint(["-f", "json", "inc.md"], tmp_path))
    assert [p["rule"] for p in report["problems"]] == ["PM000"]
    assert f"pmlint does not fetch {url}/remote.schema.json" in str(
        run_pmlint(["--debug", "inc.md"], tmp_path).stderr
    )
    assert requests == []


def test_a_team_schema_may_use_local_files_and_its_own_definitions(tmp_path: Path) -> None:
    team = {
        "$defs": {"short": {"type": "string", "maxLength": 5}},
        "properties": {
            "front_matter": {
                "properties": {"team": {"$ref": "#/$defs/short"}, "title": {"$ref": "t.json"}}
            }
        },
    }
    (tmp_path / "team.schema.json").write_text(json.dumps(team), encoding="utf-8")
    (tmp_path / "t.json").write_text('{"type": "string", "maxLength": 3}', encoding="utf-8")
    (tmp_path / ".pmlint.toml").write_text('schema = "team.schema.json"\n', encoding="utf-8")
    (tmp_path / "inc.md").write_text(CLEAN, encoding="utf-8")
    report = json_report(run_pmlint(["-f", "json", "inc.md"], tmp_path))
    assert [(p["line"], p["rule"], p["pointer"]) for p in report["problems"]] == [
        (3, "PM011", "/front_matter/title"),
        (8, "PM011", "/front_matter/team"),
    ]
