"""Accept valid documents quickly with a compiled validator.

jsonschema walks the schema for every document and is most of the cost of a
lint. fastjsonschema compiles the schema to Python and checks a document about
twenty times faster, but stops at the first failure, which is not enough to
report every problem. So it is only ever used to say "valid": a document it
rejects goes to jsonschema for the complete, located list of failures, and the
report is the same either way (tests/test_quickschema.py compares both on
every fixture and a generated corpus with defects).

The validators of the configuration schema and of the postmortem schema with
the default settings are shipped as generated code in ``pmlint/_compiled/``
(``python -m pmlint._compiled`` writes it), used only for a schema whose hash
is the one they were generated from. Any other schema is compiled once per
process, which takes about as long as validating ten documents with
jsonschema: so when jsonschema is already loaded (a configuration file was
checked with it) that waits until a process has validated ``COMPILE_AFTER``
documents. Otherwise it is done at once: importing jsonschema costs more than
compiling, and a run whose documents all pass never imports it. A team's own
schema always goes through jsonschema (its ``$ref`` may point anywhere).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib
import json
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pmlint.config import Config

#: Documents a process validates with jsonschema before compiling the fast validator.
COMPILE_AFTER = 8

#: The shipped validators' modules in pmlint._compiled, by their schema's ``$id``.
SHIPPED = {
    "https://pmlint.dev/schemas/config.schema.json": "config_schema",
    "https://pmlint.dev/schemas/postmortem.schema.json": "postmortem_schema",
}

_seen = 0
_compiled: dict[int, Callable[[Any], Any]] = {}
_shipped_for: dict[int, Callable[[Any], Any] | None] = {}


def accepts(data: Any, config: Config, schema: Any) -> bool:
    """True only if ``data`` is valid; False means "ask jsonschema", not "invalid".

    ``schema`` is the effective schema, which pmlint.checking.schema keeps for the whole
    process, so its identity stands for its content.
    """
    global _seen
    if config.schema is not None:
        return False
    if id(schema) not in _compiled and _shipped(schema) is None:
        _seen += 1
        if _seen <= COMPILE_AFTER and "jsonschema" in sys.modules:
            return False
    return passes(schema, data)


def passes(schema: Any, data: Any) -> bool:
    """True only if ``data`` is valid against ``schema``, compiled once per process.

    ``schema`` must be kept for the whole process (its identity is the key).
    The configuration is checked this way too, so that a run whose settings
    and documents are all valid never imports jsonschema.
    """
    validate = _compiled.get(id(schema))
    if validate is None:
        validate = _compiled[id(schema)] = _shipped(schema) or compile_schema(schema)
    import fastjsonschema

    try:
        validate(data)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


def _shipped(schema: Any) -> Callable[[Any], Any] | None:
    """The shipped validator, if it was generated from exactly ``schema`` (once per process).

    The schema's hash decides, not the settings it was made from: hashing takes
    0.1 ms once per process, and a schema file edited after install or a new
    setting that changes the schema can then never meet a stale validator.
    """
    key = id(schema)
    if key not in _shipped_for:
        found = None
        name = SHIPPED.get(schema.get("$id", "")) if isinstance(schema, dict) else None
        try:
            module = importlib.import_module(f"pmlint._compiled.{name}") if name else None
        except ImportError:  # a fastjsonschema without the names the generated code imports
            module = None
        if module is not None and digest(schema) == module.SCHEMA_SHA256:
            formats = _formats(module.NOT_PATTERNS)
            found = functools.partial(module.validate, custom_formats=formats)
        _shipped_for[key] = found
    return _shipped_for[key]


def digest(schema: Any) -> str:
    """The SHA-256 of ``schema`` written as canonical JSON."""
    text = json.dumps(schema, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def compile_schema(schema: Any) -> Callable[[Any], Any]:
    """fastjsonschema's validator of ``schema``, raising bare exceptions.

    A rejection only sends the document to jsonschema, so no message is read:
    detailed ones built the failing subschema as a dict at every ``if`` and
    ``contains`` that did not match: a sixth of the fast path's time in a run.
    """
    import fastjsonschema

    prepared, not_patterns = prepare(schema)
    return fastjsonschema.compile(
        prepared, formats=_formats(not_patterns), detailed_exceptions=False
    )


def source(schema: Any) -> str:
    """The module of ``schema``'s validator that pmlint ships (see pmlint._compiled)."""
    import fastjsonschema
    from fastjsonschema.ref_resolver import RefResolver

    prepared, not_patterns = prepare(schema)
    code = fastjsonschema.compile_to_code(
        prepared, formats=_formats(not_patterns), detailed_exceptions=False
    )
    function = RefResolver.from_schema(prepared, store={}).get_scope_name()
    imports = ""
    if "from decimal import Decimal" not in code:  # left out when a schema has format "regex"
        imports = "from decimal import Decimal\n"
    return (
        f"# Generated from {schema.get('$id')} by `python -m pmlint._compiled`: do not edit.\n"
        f"{imports}{code}\n\n"
        f"SCHEMA_SHA256 = {digest(schema)!r}\n"
        f"NOT_PATTERNS = {not_patterns!r}\n"
        f"validate = {function}\n"
    )


def _formats(not_patterns: dict[str, str]) -> dict[str, Callable[[str], bool]]:
    formats = {
        "date": _parses(dt.date.fromisoformat),
        "pmlint-datetime": _parses(dt.datetime.fromisoformat),
    }
    for name, pattern in not_patterns.items():
        formats[name] = _misses(re.compile(pattern))
    return formats


def _parses(parse: Callable[[str], object]) -> Callable[[str], bool]:
    """The same test as the jsonschema format checkers in pmlint.checking.schema."""

    def check(value: str) -> bool:
        try:
            parse(value)
        except ValueError:
            return False
        return True

    return check


def _misses(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """``{"not": {"pattern": ...}}`` on a string, as jsonschema tests it (``re.search``)."""

    def check(value: str) -> bool:
        return pattern.search(value) is None

    return check


#: Keywords whose value is a schema, a list of schemas, or a mapping of names to schemas.
_SCHEMA = {
    "items", "contains", "not", "if", "then", "else", "additionalProperties", "propertyNames",
    "unevaluatedItems", "unevaluatedProperties", "contentSchema",
}  # fmt: skip
_SCHEMAS = {"allOf", "anyOf", "oneOf", "prefixItems"}
_NAMED = {"properties", "patternProperties", "dependentSchemas", "$defs"}
_SUBSCHEMAS = _SCHEMA | _SCHEMAS | _NAMED
_MOVING = {"$id", "$anchor", "$dynamicAnchor", "$dynamicRef", "$recursiveRef", "$recursiveAnchor"}


def prepare(schema: Any) -> tuple[Any, dict[str, str]]:
    """A schema with the same verdicts that fastjsonschema's code checks faster.

    Three rewrites, each keeping every verdict:

    - ``{"type": "string", "not": {"pattern": P}}`` becomes a custom format
      (named in the returned mapping to P). fastjsonschema runs ``not`` as a
      try/except, so every text that is no placeholder raised and caught an
      exception; a format only tests strings, and ``type`` already rejects the rest.
    - A property's subschema that has subschemas moves into ``$defs`` behind a
      ``$ref``, so it becomes a function of its own: fastjsonschema names each
      array item for its messages with ``str.format(**locals())`` of the
      enclosing function, which is costly in the one large function it otherwise
      writes. A ``$ref`` resolves the same from anywhere in a schema without
      nested ``$id``s or anchors; one that has them is left as it is.
    - ``{"const": X}`` becomes ``{"enum": [X]}``, which fastjsonschema tests
      with the same comparison. Its code without detailed exceptions (see
      ``compile_schema``) cannot be generated for ``const`` (fastjsonschema 2.22.3
      raises KeyError on the message of ``const``).
    """
    if not isinstance(schema, dict):
        return schema, {}
    rewrite = _Rewrite(schema)
    prepared = rewrite.walk(schema, False)
    if rewrite.moved:
        prepared["$defs"] = {**prepared.get("$defs", {}), **rewrite.moved}
    return prepared, rewrite.not_patterns


class _Rewrite:
    """``prepare``'s walk: each node's subschemas first, then the node's own rewrites."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self.not_patterns: dict[str, str] = {}
        self.moved: dict[str, Any] = {}
        self.movable = isinstance(schema.get("$defs", {}), dict) and not moves(schema, root=True)

    def walk(self, node: Any, hoist: bool) -> Any:
        if not isinstance(node, dict):
            return node
        out = self._children(node)
        self._not_pattern_as_format(out)
        self._const_as_enum(out)
        if hoist and "$ref" not in out and not _SUBSCHEMAS.isdisjoint(out):
            return self._hoisted(out)
        return out

    def _children(self, node: dict[str, Any]) -> dict[str, Any]:
        out = dict(node)
        for key, value in node.items():
            if key in _SCHEMA:
                out[key] = self.walk(value, False)
            elif key in _SCHEMAS and isinstance(value, list):
                out[key] = [self.walk(item, False) for item in value]
            elif key in _NAMED and isinstance(value, dict):
                hoist = self.movable and key == "properties"
                out[key] = {name: self.walk(sub, hoist) for name, sub in value.items()}
        return out

    def _not_pattern_as_format(self, out: dict[str, Any]) -> None:
        negated = out.get("not")
        if (
            out.get("type") == "string"
            and "format" not in out
            and isinstance(negated, dict)
            and list(negated) == ["pattern"]
            and isinstance(negated["pattern"], str)
        ):
            name = f"pmlint-not-pattern-{len(self.not_patterns)}"
            self.not_patterns[name] = negated["pattern"]
            del out["not"]
            out["format"] = name

    @staticmethod
    def _const_as_enum(out: dict[str, Any]) -> None:
        if "const" in out:
            only = {"enum": [out.pop("const")]}
            if "enum" in out:
                out["allOf"] = [*out.get("allOf", []), only]
            else:
                out.update(only)

    def _hoisted(self, out: dict[str, Any]) -> dict[str, str]:
        name = f"pmlint-moved-{len(self.moved)}"
        while name in self.schema.get("$defs", {}):
            name += "-"
        self.moved[name] = out
        return {"$ref": f"#/$defs/{name}"}


def moves(node: Any, root: bool = False) -> bool:
    """True if a ``$ref`` could resolve differently once a subschema moves."""
    if isinstance(node, dict):
        if any(key in node for key in _MOVING - ({"$id"} if root else set())):
            return True
        return any(moves(value) for value in node.values())
    if isinstance(node, list):
        return any(moves(value) for value in node)
    return False
