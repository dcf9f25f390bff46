"""The compiled fast path says "valid" exactly when jsonschema finds nothing.

If it ever accepted a document that jsonschema rejects, problems would go
missing; this compares both on every fixture and on a generated corpus with
defects, which between them fail every part of the schema.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from pmlint import config as config_module
from pmlint import document, quickschema, resources, schema
from pmlint.formatters import as_json
from pmlint.linter import lint_paths


def _corpus(folder: Path) -> list[Path]:
    spec = importlib.util.spec_from_file_location(
        "generate_corpus", ROOT / "benchmarks" / "generate_corpus.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.generate(folder, 200, defect_rate=0.5, seed=3))


def test_fast_path_agrees_with_jsonschema(tmp_path: Path) -> None:
    config = config_module.Config()
    checker = schema.validator(config)
    compiled = quickschema._compile(schema.effective_schema(config))
    files = [*sorted(FIXTURES.rglob("*.md")), *_corpus(tmp_path)]
    verdicts = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        data = document.build(text, str(path), config).data
        valid = not list(checker.iter_errors(data))
        try:
            compiled(data)
            fast = True
        except Exception:
            fast = False
        assert fast == valid, path
        verdicts.append(valid)
    assert verdicts.count(True) > 50 and verdicts.count(False) > 50


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
        "from pmlint.linter import lint_text\n"
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
    (tmp_path / ".pmlint.toml").write_text('paths = ["pm"]\nexclude = ["drafts"]\n')
    (tmp_path / "pm").mkdir()
    shutil.copy(FIXTURES / "good" / "worked-example.md", tmp_path / "pm" / "one.md")
    script = (
        "import sys\n"
        "from pmlint.config import load\n"
        "from pmlint.linter import lint_paths\n"
        "report = lint_paths([], load())\n"
        "print(report.files_checked, len(report.problems), 'jsonschema' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert result.stdout.split() == ["1", "0", "False"]
