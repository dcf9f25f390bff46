"""jsonschema looks only at the parts of a document that the compiled validators reject.

The items of a long array, and the document's own properties once a process
has sent a few documents to jsonschema.

The problems, their wording and their order must be jsonschema's own: every
document is checked with the long-array shortcut on for every array and with
jsonschema alone, and the error lists compared field by field.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema
import pytest
from conftest import FIXTURES
from test_quickschema import ODD_VALUES, _corpus

from pmlint import config as config_module
from pmlint.checking import itemwise, quickschema, schema
from pmlint.reading import document

FOLLOW_UP = (
    "- Fix {n} \u2014 owner: @a \u2014 due: 2031-02-01 \u2014 status: open \u2014 type: {kind}\n"
)


def _long(kinds: list[str], broken: set[int]) -> str:
    """A postmortem whose follow-ups are many: those in ``broken`` lack fields."""
    text = (FIXTURES / "good" / "worked-example.md").read_text(encoding="utf-8")
    items = "".join(
        f"- Fix {n}\n" if n in broken else FOLLOW_UP.format(n=n, kind=kind)
        for n, kind in enumerate(kinds)
    )
    head, _, tail = text.partition("## Follow-up actions\n")
    rest = tail[tail.index("\n## ") :] if "\n## " in tail else ""
    return f"{head}## Follow-up actions\n\n{items}{rest}"


def _errors(data: Any, config: config_module.Config, long: int) -> list[tuple[Any, ...]]:
    """jsonschema's errors: stock (``long`` huge) or skipping every part that passes (0)."""
    schema._validator.cache_clear()
    schema._validator_for.cache_clear()
    old, itemwise.LONG = itemwise.LONG, long
    after, quickschema.COMPILE_AFTER = quickschema.COMPILE_AFTER, -1 if long == 0 else 10**9
    try:
        found = schema.validator(config).iter_errors(data)
        return [
            (e.message, e.validator, list(e.absolute_path), list(e.schema_path), e.instance)
            for e in found
        ]
    finally:
        itemwise.LONG, quickschema.COMPILE_AFTER = old, after
        schema._validator.cache_clear()
        schema._validator_for.cache_clear()


def _documents(tmp_path: Path, config: config_module.Config) -> Iterator[tuple[str, Any]]:
    for path in [*sorted((FIXTURES / "bad").rglob("*.md")), *_corpus(tmp_path)]:
        text = path.read_text(encoding="utf-8", errors="replace")
        yield str(path), document.build(text, str(path), config).data
    many = 3 * itemwise.LONG
    cases = {
        "all valid": _long(["alert"] * many, set()),
        "no apparatus type": _long(["fix"] * many, set()),
        "some broken": _long(["fix"] * many, {0, 7, many - 1}),
        "all broken": _long(["fix"] * many, set(range(many))),
        "the last one an alert": _long(["fix"] * (many - 1) + ["drill"], {3}),
    }
    for name, text in cases.items():
        yield name, document.build(text, name, config).data


def test_the_errors_are_jsonschemas_own(tmp_path: Path) -> None:
    config = config_module.Config()
    seen = 0
    for name, data in _documents(tmp_path, config):
        expected = _errors(data, config, long=10**9)
        assert _errors(data, config, long=0) == expected, name
        seen += bool(expected)
    assert seen > 80


def test_only_the_rejected_items_reach_jsonschema(monkeypatch: pytest.MonkeyPatch) -> None:
    config = config_module.Config()
    many = 3 * itemwise.LONG
    data = document.build(_long(["alert"] * many, {5}), "long.md", config).data
    checker = schema.validator(config)
    descended: list[Any] = []
    descend = type(checker).descend

    def counting(self: Any, instance: Any, schema: Any, path: Any = None, **rest: Any) -> Any:
        if any(instance is item for item in data["follow_ups"]):
            descended.append(path)
        return descend(self, instance, schema, path, **rest)

    monkeypatch.setattr(type(checker), "descend", counting)
    errors = list(checker.iter_errors(data))
    assert {tuple(error.absolute_path)[:2] for error in errors} == {("follow_ups", 5)}
    assert [path for path in descended if path is not None] == [5]


def test_the_shipped_contains_subschemas_reject_exactly() -> None:
    """A rejection by their compiled form is trusted: it must never be a jsonschema pass."""
    effective = schema.effective_schema(config_module.Config())
    subschemas = [
        effective["properties"][name]["allOf"][0]["contains"]
        for name in ("follow_ups", "apparatus_updates")
    ]
    for subschema in subschemas:
        assert itemwise.rejects_exactly(subschema)
        fast = itemwise._Fast(effective).check(subschema, [None] * itemwise.LONG)
        assert fast is not None
        for value in [*ODD_VALUES, 1, 1.0, False]:
            for key in ("type", "kind", "records_change"):
                item = {key: value, "type": "alert", "kind": "alert"}
                for candidate in (item, {key: value}, copy.deepcopy(item) | {"records_change": 1}):
                    valid = jsonschema.Draft202012Validator(subschema).is_valid(candidate)
                    assert fast(candidate) or not valid, candidate


@pytest.mark.parametrize(
    ("subschema", "exact"),
    [
        ({"required": ["a"], "properties": {"a": {"enum": ["x", True]}}}, True),
        ({"type": "integer"}, False),  # jsonschema counts 1.0 as an integer, fastjsonschema not
        ({"enum": [[1]]}, False),
        ({"pattern": "a"}, False),
        ({"properties": {"a": {"format": "date"}}}, False),
        ({"type": "string", "x-pmlint-rule": "PM201"}, True),
    ],
)
def test_which_subschemas_reject_exactly(subschema: dict[str, Any], exact: bool) -> None:
    assert itemwise.rejects_exactly(subschema) is exact
    if not exact:
        return
    validate = fastjsonschema.compile(subschema)
    for value in [*ODD_VALUES, 1, 1.0, {"a": 1}, {"a": "x"}, {"a": True}]:
        try:
            validate(value)
        except fastjsonschema.JsonSchemaValueException:
            assert not jsonschema.Draft202012Validator(subschema).is_valid(value), value


def test_a_document_failing_in_one_part_has_only_that_part_walked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = config_module.Config()
    text = (FIXTURES / "good" / "worked-example.md").read_text(encoding="utf-8")
    data = document.build(text.replace("severity: P2", "severity: P9"), "pm.md", config).data
    monkeypatch.setattr(quickschema, "COMPILE_AFTER", -1)
    schema._validator.cache_clear()
    schema._validator_for.cache_clear()
    checker = schema.validator(config)
    descended: list[Any] = []
    descend = type(checker).descend

    def counting(self: Any, instance: Any, schema: Any, path: Any = None, **rest: Any) -> Any:
        if path in data and instance is data[path]:
            descended.append(path)
        return descend(self, instance, schema, path, **rest)

    monkeypatch.setattr(type(checker), "descend", counting)
    errors = list(checker.iter_errors(data))
    schema._validator.cache_clear()
    schema._validator_for.cache_clear()
    assert [list(error.absolute_path) for error in errors] == [["front_matter", "severity"]]
    assert descended == ["front_matter"]
