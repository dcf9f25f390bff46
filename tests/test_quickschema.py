"""The compiled fast path says "valid" exactly when jsonschema finds nothing.

If it ever accepted a document that jsonschema rejects, problems would go
missing; this compares both on every fixture and on a generated corpus with
defects, which between them fail every part of the schema.
"""

from __future__ import annotations

import copy
import importlib.util
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import fastjsonschema
import pytest
from conftest import FIXTURES, ROOT

from pmlint import config as config_module
from pmlint import resources
from pmlint._compiled import sources
from pmlint.checking import quickschema, schema
from pmlint.formats import as_json
from pmlint.reading import document
from pmlint.running.linter import lint_paths


def _corpus(folder: Path) -> list[Path]:
    spec = importlib.util.spec_from_file_location(
        "generate_corpus", ROOT / "benchmarks" / "generate_corpus.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.generate(folder, 200, defect_rate=0.5, seed=3))


#: Values put where the schema wants a text, a date, a list or a mapping: each rewrite of
#: quickschema.prepare must still reject what the original rejects (a number where a
#: rewritten ``not`` stood, a placeholder, an impossible date...).
ODD_VALUES = [
    None, 0, 1.5, True, [], ["x"], {}, {"a": 1}, "", " ", "TODO", "<hint>", "...", "tbd x",
    "2026-02-30", "2026-05-12T25:00", "P9", "INC-1", "inc-1", "x\n", "Ünïcode text",
]  # fmt: skip
ODD_PLACES = [
    ("front_matter", "title"), ("front_matter", "team"), ("front_matter", "oncall"),
    ("front_matter", "resolved"), ("front_matter", "id"), ("front_matter", "cause"),
    ("front_matter", "published"), ("front_matter", "tags"), ("sections", "summary"),
    ("follow_ups",), ("apparatus_updates",), ("title",), ("timeline",),
]  # fmt: skip


def _documents(tmp_path: Path, config: config_module.Config) -> list[tuple[str, object]]:
    """Every fixture and a generated corpus, and odd values put in one valid document."""
    found: list[tuple[str, object]] = []
    for path in [*sorted(FIXTURES.rglob("*.md")), *_corpus(tmp_path)]:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        found.append((str(path), document.build(text, str(path), config).data))
    text = (FIXTURES / "good" / "worked-example.md").read_text(encoding="utf-8")
    for place in ODD_PLACES:
        for value in ODD_VALUES:
            data = copy.deepcopy(document.build(text, "odd.md", config).data)
            node = data
            for part in place[:-1]:
                node = node[part]
            node[place[-1]] = value
            found.append((f"{place}={value!r}", data))
            if place == ("front_matter", "oncall"):
                found.append(
                    (f"{place}=[{value!r}]", {**data, "front_matter": {**node, "oncall": [value]}})
                )
    return found


def _verdict(validate: Callable[[object], object], data: object) -> bool:
    try:
        validate(data)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


@pytest.mark.parametrize(
    "settings",
    [
        {},
        {
            "cause_subcategories": ("retrieval/stale-index",),
            "severities": ("P0", "P1", "P2", "P3", "P4", "P5"),
        },
    ],
)
def test_fast_path_agrees_with_jsonschema(tmp_path: Path, settings: dict[str, Any]) -> None:
    """The shipped validator (default settings) and the one compiled at run time (any)."""
    config = config_module.Config(**settings)
    checker = schema.validator(config)
    effective = schema.effective_schema(config)
    validators = {"compiled": quickschema.compile_schema(effective)}
    shipped = quickschema._shipped(effective)
    assert (shipped is not None) == (not settings)
    if shipped is not None:
        validators["shipped"] = shipped
    verdicts = []
    for name, data in _documents(tmp_path, config):
        valid = checker.is_valid(data)
        for kind, validate in validators.items():
            assert _verdict(validate, data) == valid, (kind, name)
        verdicts.append(valid)
    assert verdicts.count(True) > 50 and verdicts.count(False) > 300


def test_the_shipped_validators_are_what_the_schemas_give() -> None:
    """A schema edit or a fastjsonschema upgrade must never leave a stale validator shipped.

    Another fastjsonschema writes other code for the same schema: the shipped
    code still serves (the tests above compare its verdicts with jsonschema's),
    so only the schema's hash is compared then, and the test says to regenerate.
    """
    stale = "out of date: run `python -m pmlint._compiled` and commit the result"
    other_version = []
    for path, text in sources().items():
        shipped = path.read_text(encoding="utf-8") if path.is_file() else ""
        made_by = re.search(r'^VERSION = "(.*)"$', shipped, re.MULTILINE)
        if made_by and made_by.group(1) != fastjsonschema.VERSION:
            expected = re.search(r"^SCHEMA_SHA256 = .*$", text, re.MULTILINE)
            assert expected and expected.group() in shipped, f"{path.name} is {stale}"
            other_version.append(f"{path.name} by {made_by.group(1)}")
        else:
            assert shipped == text, f"{path.name} is {stale}"
    if other_version:
        pytest.skip(
            f"generated by another fastjsonschema ({', '.join(other_version)}; "
            f"{fastjsonschema.VERSION} is installed): run `python -m pmlint._compiled`"
        )


def test_a_shipped_validator_serves_only_the_schema_it_was_made_from(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(quickschema, "_shipped_for", {})  # keyed by id: these copies are freed
    effective = schema.effective_schema(config_module.Config())
    assert quickschema._shipped(effective) is not None
    changed = copy.deepcopy(effective)
    changed["$defs"]["id"]["pattern"] = "^INC-[0-9]+$"
    assert quickschema._shipped(changed) is None
    assert quickschema._shipped({**effective, "$id": "https://example.com/pm.json"}) is None


def test_prepare_moves_nothing_where_a_ref_could_resolve_elsewhere() -> None:
    nested: dict[str, Any] = {
        "$id": "https://example.com/root.json",
        "properties": {"a": {"$id": "inner.json", "properties": {"b": {"$ref": "#/$defs/x"}}}},
        "$defs": {"x": {"type": "string"}},
    }
    assert quickschema.prepare(nested)[0] == nested
    plain: dict[str, Any] = {
        **nested,
        "properties": {"a": {"properties": {"b": {"$ref": "#/$defs/x"}}}},
    }
    prepared = quickschema.prepare(plain)[0]
    assert prepared["properties"]["a"] == {"$ref": "#/$defs/pmlint-moved-0"}
    assert prepared["$defs"]["pmlint-moved-0"] == plain["properties"]["a"]


@pytest.mark.parametrize(
    "node",
    [{"const": False}, {"const": 1}, {"const": "a", "enum": ["a", "b"]}, {"const": 2, "enum": [1]}],
)
def test_const_compiles_with_the_verdicts_of_jsonschema(node: dict[str, Any]) -> None:
    """fastjsonschema cannot write bare-exception code for ``const``: prepare rewrites it."""
    import jsonschema

    root = {"properties": {"v": node}}
    validate = quickschema.compile_schema(root)
    for value in (False, True, 0, 1, 2, 1.0, "a", "b", None):
        try:
            validate({"v": value})
            accepted = True
        except fastjsonschema.JsonSchemaValueException:
            accepted = False
        assert accepted is jsonschema.Draft202012Validator(root).is_valid({"v": value}), value


def test_a_team_schema_always_goes_to_jsonschema(tmp_path: Path) -> None:
    team = tmp_path / "team.schema.json"
    team.write_text('{"$schema": "https://json-schema.org/draft/2020-12/schema"}', "utf-8")
    config = config_module.Config(schema=team)
    assert not any(quickschema.accepts({}, config, {}) for _ in range(20))


def test_reports_are_the_same_without_the_fast_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _corpus(tmp_path)
    config = config_module.Config(root=tmp_path, cache_dir=None, jobs=1)
    fast = as_json(lint_paths([str(tmp_path)], config))
    assert quickschema._compiled, "the fast path was not used"
    monkeypatch.setattr(quickschema, "accepts", lambda *args: False)
    assert as_json(lint_paths([str(tmp_path)], config)) == fast


@pytest.mark.parametrize(
    ("fixture", "imported"),
    [("good/worked-example.md", False), ("bad/PM010-missing-field.md", True)],
)
def test_jsonschema_is_imported_only_when_a_document_fails(fixture: str, imported: bool) -> None:
    """Importing jsonschema costs more than compiling the fast path: a clean run skips it."""
    script = (
        "import sys, pathlib\n"
        "from pmlint.config import Config\n"
        "from pmlint.running.linter import lint_text\n"
        f"text = pathlib.Path({str(FIXTURES / fixture)!r}).read_text(encoding='utf-8')\n"
        "problems = lint_text(text, 'pm.md', Config())\n"
        "print(bool(problems), 'jsonschema' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.split() == [str(imported), str(imported)]


CONFIGURATIONS = [
    {},
    {"paths": ["postmortems"], "exclude": ["drafts/*"], "jobs": 2},
    {"today": "2024-02-29", "holidays": ["2026-12-25"], "enforce_from": "2026-01-01"},
    {"today": "2023-02-29"},  # matches the pattern, is no day: the format check must see it
    {"holidays": ["2026-13-01"]},
    {"id_pattern": "^inc_\\d+$"},
    {"id_pattern": "(["},  # not a regular expression
    {"pathz": ["x"]},
    {"slo_business_days": -1},
    {"severity": {"PM102": "fatal"}},
    {"severity": {"PM102": "warning"}, "ignore": ["PM401"]},
    {"cause_subcategories": ["retrieval/stale-index"]},
    {"cause_subcategories": ["vibes/bad"]},
    {"heading_aliases": {"Evaluation gaps": "eval_delta"}},
    {"heading_aliases": {"Evaluation gaps": "nowhere"}},
]


@pytest.mark.parametrize("settings", CONFIGURATIONS)
def test_configuration_fast_path_agrees_with_jsonschema(settings: dict[str, object]) -> None:
    """A configuration the fast path passes is one jsonschema finds nothing wrong with."""
    import jsonschema

    schema = resources.load_json("config.schema.json")
    checker = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert quickschema.passes(schema, settings) == checker.is_valid(settings)


def test_a_valid_configuration_and_document_never_import_jsonschema(tmp_path: Path) -> None:
    """Nor a network client: urllib.request (http, email, ssl) costs 50 ms to import."""
    (tmp_path / ".pmlint.toml").write_text('paths = ["pm"]\nexclude = ["drafts"]\n')
    (tmp_path / "pm").mkdir()
    shutil.copy(FIXTURES / "good" / "worked-example.md", tmp_path / "pm" / "one.md")
    script = (
        "import sys\n"
        "from pmlint.config import load\n"
        "from pmlint.running.linter import lint_paths\n"
        "report = lint_paths([], load())\n"
        "print(report.files_checked, len(report.problems), 'jsonschema' in sys.modules,\n"
        "      'http.client' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert result.stdout.split() == ["1", "0", "False", "False"]
