"""`pmlint new` writes the documented template that fails lint until filled; `pmlint schema`."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
from conftest import FIXTURES, ROOT, invoke, require_tool

from pmlint.authoring import template
from pmlint.checking.schema import effective_schema
from pmlint.config import Config
from pmlint.reading import document
from pmlint.reading.vocabulary import SECTIONS
from pmlint.running.linter import lint_paths

WORKED = (FIXTURES / "good" / "worked-example.md").read_text(encoding="utf-8")


def test_docs_show_the_template_that_new_writes() -> None:
    docs = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- the template: .*? -->\n```markdown\n(.*?)```\n", docs, flags=re.DOTALL)
    assert block is not None, "docs/format.md shows no template block"
    shown = block.group(1)
    written = template.render("INC-2026-0601", dt.date(2026, 6, 1), None, "P2", Config())
    assert shown == written, (
        "update the template block in docs/format.md from pmlint/authoring/template.py"
    )


def test_new_writes_the_template_with_what_is_known(tmp_path: Path) -> None:
    result = invoke(
        tmp_path, "new", "--id", "INC-2026-0601", "--date", "2026-06-01", "--severity", "P2"
    )
    assert result.exit_code == 0, result.output
    path = tmp_path / "inc-2026-0601.md"
    assert (
        result.output
        == f"Wrote {path.name}: replace every <hint>, then run 'pmlint {path.name}'.\n"
    )
    assert path.read_text(encoding="utf-8") == template.render(
        "INC-2026-0601", dt.date(2026, 6, 1), None, "P2", Config()
    )


def test_new_defaults_to_today_and_an_id_from_the_date(tmp_path: Path) -> None:
    today = dt.date.today()
    assert invoke(tmp_path, "new").exit_code == 0
    text = (tmp_path / f"inc-{today:%Y-%m%d}.md").read_text(encoding="utf-8")
    assert f"\nid: INC-{today:%Y-%m%d}\n" in text
    assert f"\ndate: {today.isoformat()}\n" in text


def test_new_template_has_every_field_and_section_and_fails_lint_at_each(tmp_path: Path) -> None:
    assert invoke(tmp_path, "new", "--date", "2026-06-01").exit_code == 0
    path = tmp_path / "inc-2026-0601.md"
    text = path.read_text(encoding="utf-8")
    fields = "id title date severity duration status team oncall resolved cause tags"
    for field in [*fields.split(), "  primary", "  contributing", "# published"]:
        assert f"\n{field}:" in text  # a draft has no published date: a comment says when
    headings = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert headings == list(SECTIONS.values())

    # As a draft: every unfilled front-matter value is an error, every section a warning.
    report = lint_paths([str(path)], Config(root=tmp_path))
    lines = {(p.code, p.line) for p in report.problems}
    assert report.errors == 7 and {p.code for p in report.problems if p.line < 16} == {
        "PM011",
        "PM020",
    }
    section_lines = [text.splitlines().index(f"## {h}") + 1 for h in SECTIONS.values()]
    flagged = {line for code, line in lines if code in ("PM102", "PM301")}
    assert flagged == set(section_lines)  # PM301 for Apparatus updates, PM102 for the others

    # Sent for review, every one of the nine sections is an error.
    review = lint_paths(
        [str(path)], Config(root=tmp_path, draft_severity="error")
    )  # drafts relaxed no more
    assert review.errors == 7 + 9


def test_new_postmortem_fails_the_cli_and_passes_once_filled(tmp_path: Path) -> None:
    assert invoke(tmp_path, "new", "--id", "INC-2026-0512", "--date", "2026-05-12").exit_code == 0
    assert invoke(tmp_path, "inc-2026-0512.md").exit_code == 1
    (tmp_path / "inc-2026-0512.md").write_text(WORKED, encoding="utf-8")  # the author fills it in
    assert invoke(tmp_path, "inc-2026-0512.md").exit_code == 0


def test_new_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "inc-2026-0601.md"
    path.write_text("my notes\n", encoding="utf-8")
    result = invoke(tmp_path, "new", "--id", "INC-2026-0601")
    assert result.exit_code == 2
    assert result.output == (
        "pmlint: error: inc-2026-0601.md already exists; pmlint new never overwrites a file "
        "(choose another --id, such as --id INC-2026-0601-2)\n"
    )
    assert path.read_text(encoding="utf-8") == "my notes\n"


def test_new_reports_a_folder_it_cannot_create_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file where the folder would go\n", encoding="utf-8")
    result = invoke(tmp_path, "new", "--id", "INC-1", "--dir", "taken/sub")
    assert result.exit_code == 2
    assert result.output.startswith("pmlint: error: taken/sub: cannot create the folder: ")
    assert result.output.count("\n") == 1


def test_new_writes_into_the_first_configured_path_or_dir(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pmlint]\npaths = ["postmortems", "old"]\n', encoding="utf-8"
    )
    (tmp_path / "sub").mkdir()
    result = invoke(tmp_path / "sub", "new", "--id", "INC-1")
    assert result.output.startswith("Wrote ../postmortems/inc-1.md: ")
    assert (tmp_path / "postmortems" / "inc-1.md").is_file()
    assert invoke(tmp_path, "new", "--id", "INC-2", "--dir", "elsewhere").exit_code == 0
    assert (tmp_path / "elsewhere" / "inc-2.md").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--id", "inc-1"], "id 'inc-1' is not an id such as INC-2026-0512 (capital letters"),
        (["--severity", "P9"], "severity 'P9' is not one of: P0, P1, P2, P3, P4"),
        (["--date", "June 1"], "'June 1' is not a date"),
        (["--title", " "], "the title must be one line of text"),
    ],
)
def test_new_refuses_bad_values_in_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    result = invoke(tmp_path, "new", *args)
    assert result.exit_code == 2
    assert message in result.output
    assert list(tmp_path.iterdir()) == []


def test_new_uses_the_configured_severities_and_quotes_the_title(tmp_path: Path) -> None:
    (tmp_path / ".pmlint.toml").write_text('severities = ["SEV1", "SEV2"]\n', encoding="utf-8")
    title = 'policy: "rider" regression #2'
    result = invoke(tmp_path, "new", "--id", "INC-3", "--severity", "SEV2", "--title", title)
    assert result.exit_code == 0, result.output
    report = lint_paths(
        [str(tmp_path / "inc-3.md")], Config(root=tmp_path, severities=("SEV1", "SEV2"))
    )
    text = (tmp_path / "inc-3.md").read_text(encoding="utf-8")
    assert f"\n# {title}\n" in text
    assert not [
        p for p in report.problems if p.pointer in ("/front_matter/title", "/front_matter/severity")
    ]
    assert "PM002" not in {p.code for p in report.problems}  # the YAML still parses
    assert "<SEV1 | SEV2>" in template.render(
        "INC-3", dt.date(2026, 1, 1), None, None, Config(severities=("SEV1", "SEV2"))
    )


def test_new_adds_the_fields_a_team_schema_requires(tmp_path: Path) -> None:
    team = {
        "properties": {
            "front_matter": {
                "required": ["regulator_notified", "team", "bad: name"],
                "properties": {"regulator_notified": {"type": "boolean"}},
            }
        }
    }
    (tmp_path / "team.schema.json").write_text(json.dumps(team), encoding="utf-8")
    (tmp_path / ".pmlint.toml").write_text('schema = "team.schema.json"\n', encoding="utf-8")
    assert invoke(tmp_path, "new", "--id", "INC-4").exit_code == 0
    text = (tmp_path / "inc-4.md").read_text(encoding="utf-8")
    assert "\nregulator_notified: <required by the team schema>\ntags: []\n" in text
    assert text.count("\nteam:") == 1 and "bad: name" not in text
    line = text.splitlines().index("regulator_notified: <required by the team schema>") + 1
    result = invoke(tmp_path, "inc-4.md")
    assert f"inc-4.md:{line}:1: PM011 [error]" in result.output  # present, and failing until set
    assert "'regulator_notified' is missing" not in result.output


def test_schema_prints_the_schema_in_force_with_the_team_extension(tmp_path: Path) -> None:
    team = {"properties": {"front_matter": {"required": ["regulator_notified"]}}}
    (tmp_path / "team.schema.json").write_text(json.dumps(team), encoding="utf-8")
    (tmp_path / ".pmlint.toml").write_text(
        'schema = "team.schema.json"\nseverities = ["SEV1"]\n', encoding="utf-8"
    )
    printed = json.loads(invoke(tmp_path, "schema").output)
    jsonschema.Draft202012Validator.check_schema(printed)
    shipped, merged_team = printed["allOf"]
    assert merged_team["properties"] == team["properties"]
    assert shipped["properties"]["front_matter"]["properties"]["severity"]["enum"] == ["SEV1"]
    assert json.loads(invoke(ROOT, "schema").output) == effective_schema(Config())


def test_schema_works_in_check_jsonschema(tmp_path: Path) -> None:
    """Another tool can use the printed schema: it passes a good model and fails a scaffold's."""
    tool = require_tool("check-jsonschema")
    schema_file = tmp_path / "schema.json"
    schema_file.write_text(invoke(tmp_path, "schema").output, encoding="utf-8")
    scaffold = template.render("INC-1", dt.date(2026, 6, 1), None, None, Config())
    outcomes = {}
    for name, text in (("worked", WORKED), ("scaffold", scaffold)):
        model = tmp_path / f"{name}.json"
        model.write_text(json.dumps(document.build(text, name, Config()).data), encoding="utf-8")
        done = subprocess.run(
            [tool, "--schemafile", str(schema_file), str(model)],
            capture_output=True,
            text=True,
            check=False,
        )
        outcomes[name] = (done.returncode, done.stdout + done.stderr)
    assert outcomes["worked"][0] == 0, outcomes["worked"][1]
    assert outcomes["scaffold"][0] == 1
    assert "front_matter" in outcomes["scaffold"][1]
