"""Configuration: where it is found, what each key changes, and how bad values fail."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import FIXTURES

from pmlint.checking.rules import Context
from pmlint.config import Config, ConfigError, find_config_file, from_mapping, load
from pmlint.running.linter import lint_paths, lint_text

WORKED = (FIXTURES / "good" / "worked-example.md").read_text(encoding="utf-8")


def codes(text: str, config: Config, today: dt.date | None = None) -> list[tuple[str, int, str]]:
    context = Context(config=config, today=today)
    return [(p.code, p.line, str(p.severity)) for p in lint_text(text, "pm.md", config, context)]


def test_found_by_walking_up_and_pmlint_toml_wins(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config_file(deep) is None  # a pyproject.toml without [tool.pmlint] is not ours
    (tmp_path / "pyproject.toml").write_text("[tool.pmlint]\nslo_business_days = 3\n")
    assert find_config_file(deep) == tmp_path / "pyproject.toml"
    assert load(start=deep).slo_business_days == 3
    (tmp_path / "a" / ".pmlint.toml").write_text("slo_business_days = 4\n")
    assert load(start=deep).slo_business_days == 4
    assert load(start=deep).root == tmp_path / "a"


def test_no_configuration_gives_the_defaults(tmp_path: Path) -> None:
    config = load(start=tmp_path)
    assert config.slo_business_days == 5 and config.severities == ("P0", "P1", "P2", "P3", "P4")


def test_heading_aliases_map_a_team_s_own_names(tmp_path: Path) -> None:
    renamed = WORKED.replace("## Eval delta", "## Evaluation gaps")
    assert ("PM101", 1, "error") in codes(renamed, Config())
    config = from_mapping({"heading_aliases": {"Evaluation gaps": "eval_delta"}}, tmp_path)
    assert codes(renamed, config) == []


def test_status_and_type_synonyms(tmp_path: Path) -> None:
    text = WORKED.replace("| in progress | eval |", "| WIP | evaluation |")
    assert [c for c, _, _ in codes(text, Config())] == ["PM202", "PM202"]
    config = from_mapping(
        {"status_synonyms": {"wip": "in progress"}, "type_synonyms": {"Evaluation": "eval"}},
        tmp_path,
    )
    assert codes(text, config) == []


def test_cause_subcategories_roll_up_and_must_be_configured(tmp_path: Path) -> None:
    text = WORKED.replace("primary: prompt", "primary: retrieval/stale-index")
    assert codes(text, Config()) == [("PM020", 13, "error")]
    config = from_mapping({"cause_subcategories": ["retrieval/stale-index"]}, tmp_path)
    assert codes(text, config) == []
    with pytest.raises(ConfigError, match="cause_subcategories"):
        from_mapping({"cause_subcategories": ["vibes/bad"]}, tmp_path)


def test_severities_and_id_pattern(tmp_path: Path) -> None:
    text = WORKED.replace("severity: P2", "severity: SEV2").replace("INC-2026-0512", "inc_0512")
    assert [c for c, _, _ in codes(text, Config())] == ["PM011", "PM011"]
    config = from_mapping({"severities": ["SEV1", "SEV2"], "id_pattern": "^inc_\\d+$"}, tmp_path)
    assert codes(text, config) == []
    with pytest.raises(ConfigError, match="not a valid regular expression"):
        from_mapping({"id_pattern": "(["}, tmp_path)


def test_slo_per_severity_and_holidays(tmp_path: Path) -> None:
    # resolved Tue 2026-05-12, published Fri 2026-05-15: 3 business days
    assert codes(WORKED, from_mapping({"slo_business_days": 3}, tmp_path)) == []
    strict = from_mapping({"slo_business_days_by_severity": {"P2": 2}}, tmp_path)
    assert codes(WORKED, strict) == [("PM501", 11, "warning")]
    late = WORKED.replace("published: 2026-05-15", "published: 2026-05-20")  # 6 business days
    assert codes(late, Config()) == [("PM501", 11, "warning")]
    holiday = from_mapping({"holidays": ["2026-05-14"]}, tmp_path)
    assert codes(late, holiday) == []


def test_today_from_configuration(tmp_path: Path) -> None:
    config = from_mapping({"today": "2026-06-30"}, tmp_path)
    assert config.today == dt.date(2026, 6, 30)
    folder = tmp_path / "pm"
    folder.mkdir()
    (folder / "a.md").write_text(WORKED, encoding="utf-8")
    report = lint_paths([str(folder)], config)
    assert [p.code for p in report.problems] == ["PM205"] * 4


def test_draft_severity(tmp_path: Path) -> None:
    draft = WORKED.replace("status: published", "status: draft").replace("## Eval delta", "## X")
    assert ("PM101", 1, "warning") in codes(draft, Config())
    assert ("PM101", 1, "error") in codes(
        draft, from_mapping({"draft_severity": "error"}, tmp_path)
    )


def test_ignore_and_severity_overrides(tmp_path: Path) -> None:
    vague = WORKED.replace("38 user sessions across 14 tenants", "Some user sessions")
    vague = vague.replace("over 42 minutes, one", "for a while, one").replace("22%", "some")
    assert codes(vague, Config()) == [("PM401", 38, "warning")]
    assert codes(vague, from_mapping({"severity": {"PM401": "error"}}, tmp_path)) == [
        ("PM401", 38, "error")
    ]
    assert codes(vague, from_mapping({"ignore": ["PM401"]}, tmp_path)) == []


def test_team_schema_adds_requirements(tmp_path: Path) -> None:
    (tmp_path / "team.schema.json").write_text(
        json.dumps(
            {
                "properties": {
                    "front_matter": {
                        "required": ["regulator_notified"],
                        "properties": {"regulator_notified": {"type": "boolean"}},
                    },
                    "sections": {
                        "properties": {"summary": {"properties": {"text": {"maxLength": 20}}}}
                    },
                }
            }
        )
    )
    config = from_mapping({"schema": "team.schema.json"}, tmp_path)
    assert codes(WORKED, config) == [("PM010", 1, "error"), ("PM003", 19, "error")]
    notified = WORKED.replace("team: insurance-ai", "team: insurance-ai\nregulator_notified: maybe")
    assert ("PM011", 9, "error") in codes(notified, config)


def test_bad_team_schema_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "team.schema.json").write_text('{"type": 12}')
    with pytest.raises(ConfigError, match="team schema is not valid"):
        from_mapping({"schema": "team.schema.json"}, tmp_path)
    with pytest.raises(ConfigError, match="cannot use the team schema"):
        from_mapping({"schema": "absent.json"}, tmp_path)


def test_extend_exclude_keeps_the_defaults(tmp_path: Path) -> None:
    for name in ("README.md", "a.md", "old-1.md", "_draft.md"):
        (tmp_path / name).write_text(WORKED.replace("INC-2026-0512", f"INC-{len(name)}-X"))
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "b.md").write_text(WORKED)
    config = from_mapping({"extend_exclude": ["old-*"]}, tmp_path)
    assert lint_paths([str(tmp_path)], config).files_checked == 1
    assert lint_paths([str(tmp_path)], from_mapping({"exclude": []}, tmp_path)).files_checked == 5


def test_a_team_id_pattern_is_what_the_id_message_expects(tmp_path: Path) -> None:
    """The default pattern's words ("an id such as INC-2026-0512") would mislead a team
    whose ids look otherwise: the message names the pattern that judged the id."""
    config = from_mapping({"id_pattern": "^PM-[0-9]+$"}, tmp_path)
    [problem] = lint_text(WORKED, "a.md", config)
    assert (problem.code, problem.line) == ("PM011", 2)
    assert problem.message.endswith("expected an id matched by the id_pattern ^PM-[0-9]+$")
