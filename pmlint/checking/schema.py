"""Validate the document model against the JSON Schema and word its failures.

The shipped schema states what is mandatory and what values are allowed; each
constraint carries ``x-pmlint-rule`` (the code it is reported under) and, where
a failure is about a whole node, ``x-pmlint-message``. A team's own schema is
merged in with ``allOf``; its failures map to a specific code by location
(a missing front-matter field is PM010 whoever requires it), else PM003.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pmlint import bounded_read, resources
from pmlint.checking import nearmiss, quickschema
from pmlint.config import MAX_TEAM_SCHEMA_BYTES, Config, load_team_schema
from pmlint.problem import Finding, excerpt
from pmlint.reading import pointers
from pmlint.reading.document import Document, hyphen_separated, section_heading
from pmlint.reading.vocabulary import TAXONOMY

if TYPE_CHECKING:  # imported when first needed: a run whose documents all pass never needs them
    import jsonschema
    import referencing
    from jsonschema.exceptions import ValidationError


def _is_date(value: object) -> bool:
    return not isinstance(value, str) or bool(dt.date.fromisoformat(value))


def _is_datetime(value: object) -> bool:
    return not isinstance(value, str) or bool(dt.datetime.fromisoformat(value))


def effective_schema(config: Config) -> dict[str, Any]:
    """The schema in force: the shipped one with the configured values, plus the team's."""
    return _effective_schema(
        config.id_pattern, config.severities, config.cause_subcategories, config.schema
    )


@cache
def _effective_schema(
    id_pattern: str, severities: tuple[str, ...], subcategories: tuple[str, ...], team: Path | None
) -> dict[str, Any]:
    schema = copy.deepcopy(resources.load_json("postmortem.schema.json"))
    if id_pattern != schema["$defs"]["id"]["pattern"]:  # the default's words describe it alone
        schema["$defs"]["id"]["pattern"] = id_pattern
        schema["$defs"]["id"]["description"] = f"an id matched by the id_pattern {id_pattern}"
    schema["$defs"]["cause_category"]["enum"] = [*TAXONOMY, *subcategories]
    severity = schema["properties"]["front_matter"]["properties"]["severity"]
    severity["enum"] = list(severities)
    severity["description"] = "a severity: " + ", ".join(severities)
    if team is None:
        return dict(schema)
    team_schema = copy.deepcopy(load_team_schema(team))
    return {
        "$schema": schema["$schema"],
        "$id": "https://pmlint.dev/schemas/effective.schema.json",
        "allOf": [schema, team_schema],
    }


def _retrieve_local(uri: str) -> referencing.Resource[Any]:
    """Load a schema a ``$ref`` names from a local file; anything else is never fetched.

    jsonschema's default registry still downloads http(s) references (with a
    deprecation warning); a configuration file must not make pmlint reach the network.
    """
    from urllib.request import url2pathname  # 50 ms of imports (http, email, ssl): only here

    import referencing
    from referencing.jsonschema import DRAFT202012

    parts = urlsplit(uri)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise ValueError(f"pmlint does not fetch {uri}")  # referencing reports it Unretrievable
    local = Path(url2pathname(parts.path))
    contents = json.loads(bounded_read.read_text(local, MAX_TEAM_SCHEMA_BYTES))
    return referencing.Resource.from_contents(contents, default_specification=DRAFT202012)


@cache
def _validator(schema_json: str) -> jsonschema.Draft202012Validator:
    import jsonschema  # about 0.1 s to import: only once a document fails the fast path
    import referencing
    from jsonschema_specifications import REGISTRY as METASCHEMAS

    from pmlint.checking import itemwise  # jsonschema's classes, for the same documents

    formats = jsonschema.FormatChecker(formats=())
    formats.checks("date", raises=ValueError)(_is_date)
    formats.checks("pmlint-datetime", raises=ValueError)(_is_datetime)
    registry: referencing.Registry[Any] = referencing.Registry(
        retrieve=_retrieve_local  # type: ignore[call-arg]  # attrs-made __init__
    ).combine(METASCHEMAS)
    schema = json.loads(schema_json)
    return itemwise.validator_class(schema)(schema, format_checker=formats, registry=registry)


def validator(config: Config) -> jsonschema.Draft202012Validator:
    return _validator_for(
        config.id_pattern, config.severities, config.cause_subcategories, config.schema
    )


@cache
def _validator_for(
    id_pattern: str, severities: tuple[str, ...], subcategories: tuple[str, ...], team: Path | None
) -> jsonschema.Draft202012Validator:
    """Keyed by the settings the schema depends on: serialising it per document cost 0.1 ms."""
    schema = _effective_schema(id_pattern, severities, subcategories, team)
    return _validator(json.dumps(schema, sort_keys=True))


@dataclass
class _NearMisses:
    """What the author probably meant, found once per document; each is reported once."""

    keys: dict[str, nearmiss.KeyMiss]
    headings: dict[str, nearmiss.HeadingMiss]


def findings(doc: Document, config: Config) -> Iterator[tuple[str, Finding]]:
    """Every schema failure of ``doc`` as (code, finding), worded for a person.

    An unknown front-matter key close to a known absent one is reported where
    it is written: by the missing-field problem when the known key is
    required, else as an invalid field of its own.
    """
    seen: set[tuple[str, int, str]] = set()
    schema = effective_schema(config)
    misses = _NearMisses(key_misses(doc, schema), {})
    if not quickschema.accepts(doc.data, config, schema):
        misses.headings = nearmiss.heading_misses(doc.body, doc.sections, config.heading_aliases)
        checker = validator(config)
        root = checker.schema if isinstance(checker.schema, dict) else {}
        for error in checker.iter_errors(doc.data):
            for code, finding in _explain(error, doc, root, misses):
                key = (code, finding.line, finding.message)
                if key not in seen:
                    seen.add(key)
                    yield code, finding
    for miss in misses.keys.values():
        written, meant = miss.dotted()
        message = f"Front-matter field '{written}' is not a known field: did you mean '{meant}'?"
        yield "PM011", Finding(miss.line, message, miss.written_pointer)


def key_misses(doc: Document, schema: dict[str, Any]) -> dict[str, nearmiss.KeyMiss]:
    """Known front-matter keys (top level and under ``cause``) -> the near-miss written."""
    front = doc.front_matter
    if not isinstance(front, dict):
        return {}
    known = nearmiss.known_keys(schema, ["front_matter"])
    misses = nearmiss.key_misses(front, known, "/front_matter", doc.lines)
    cause = front.get("cause")
    if isinstance(cause, dict):
        known = nearmiss.known_keys(schema, ["front_matter", "cause"])
        misses.update(nearmiss.key_misses(cause, known, "/front_matter/cause", doc.lines))
    return misses


def _explain(
    error: ValidationError, doc: Document, root: dict[str, Any], misses: _NearMisses
) -> Iterator[tuple[str, Finding]]:
    path = list(error.absolute_path)
    if path[-1:] == ["empty"]:  # the model's flag: the problem is the section itself
        path.pop()
    pointer = pointers.from_path(path)
    code = _rule(error, path, root)
    annotation = _annotation(error, "x-pmlint-message", root)
    label = _label(path, doc)
    if error.validator == "required" and not annotation:
        required: list[str] = list(_value(error))
        absent = [
            name
            for name in required
            if isinstance(error.instance, dict) and name not in error.instance
        ]
        if path[:1] == ["follow_ups"] and len(path) == 2:
            yield from _missing_follow_up_fields(doc, path, pointer, code, absent)
            return
        for name in absent:
            why = _subschema(error).get("description")
            yield _missing(doc, path, pointer, code, name, why, misses)
        return
    if annotation:
        message = annotation.format(label=label)
    else:
        message = f"{label} is {_show(error.instance)}; expected {_expectation(error)}"
    yield code, Finding(doc.line_of(pointer), message, pointer)


def _missing(
    doc: Document,
    path: list[Any],
    pointer: str,
    code: str,
    name: str,
    why: str | None,
    misses: _NearMisses,
) -> tuple[str, Finding]:
    """A required property is absent: say which, where, and why it is required.

    When a near-miss was written in its place, the problem is at that line and
    says what was found.
    """
    where = path[0] if path else ""
    child = f"{pointer}/{name}"
    if where == "sections" and len(path) == 1:
        if heading := misses.headings.get(name):
            message = (
                f"Section '{heading.meant}' is missing: {nearmiss.message_for_heading(heading)}"
            )
            return code, Finding(heading.heading.line, message, child)
        return code, Finding(1, _missing_section(doc, name), child)
    if where == "front_matter":
        field = ".".join(str(part) for part in [*path[1:], name])
        message = f"Front-matter field '{field}' is missing" + (f" ({why})" if why else "")
        if key := misses.keys.pop(child, None):
            return code, Finding(key.line, f"{message}: {nearmiss.message_for_key(key)}", child)
        line = doc.line_of(pointer) if len(path) > 1 else 1
        return code, Finding(line, message, child)
    return code, Finding(doc.line_of(pointer), f"{_label(path, doc)} has no '{name}'", child)


def _missing_follow_up_fields(
    doc: Document, path: list[Any], pointer: str, code: str, absent: list[str]
) -> Iterator[tuple[str, Finding]]:
    """One problem per follow-up naming every absent field, and one per absent column.

    A column missing from the table is reported once, at the header row, not
    again on every row.
    """
    columns = doc.follow_up_columns[path[1]]
    in_table = [name for name in absent if columns is None or name in columns[1]]
    for name in absent:
        if columns is not None and name not in columns[1]:
            message = f"The follow-up table has no '{name.capitalize()}' column"
            yield code, Finding(columns[0], message, f"/sections/follow_up_actions/{name}")
    if in_table:
        names = (
            in_table[0] if len(in_table) == 1 else ", ".join(in_table[:-1]) + " or " + in_table[-1]
        )
        message = f"{_label(path, doc)} has no {names}"
        hyphened = (
            None if columns is not None else hyphen_separated(doc.data["follow_ups"][path[1]])
        )
        if hyphened:
            message += (
                f": a bare hyphen never separates fields, write ' \u2014 {hyphened}:' (an em"
                " dash), ' \u2013 ' or ' | ' before each field (`pmlint fix` does it)"
            )
        yield code, Finding(doc.line_of(pointer), message, pointer)


def _missing_section(doc: Document, key: str) -> str:
    heading = section_heading(key)
    message = f"Section '{heading}' is missing: add a '## {heading}' heading"
    assert doc.body is not None
    misplaced = doc.body.misplaced_heading(key)
    if misplaced is not None:
        message += (
            f" (a level-{misplaced.level} heading '{misplaced.text}' at line {misplaced.line}"
            " was found; sections must be level-2 '##' headings)"
        )
    return message


def _rule(error: ValidationError, path: list[Any], root: dict[str, Any]) -> str:
    """The deepest ``x-pmlint-rule`` on the way to the failing keyword, else by location."""
    annotated = _annotation(error, "x-pmlint-rule", root)
    if annotated:
        return annotated
    where = path[0] if path else ""
    if error.validator == "required":
        return {"front_matter": "PM010", "sections": "PM101", "follow_ups": "PM201"}.get(
            where, "PM003"
        )
    return "PM011" if where == "front_matter" else "PM003"


def _annotation(error: ValidationError, name: str, root: dict[str, Any]) -> str | None:
    """The deepest value of annotation ``name`` along the error's schema path.

    The path does not name ``$ref`` hops, so local references are followed
    here, relative to the schema resource (``$id``) they appear in.
    """
    node: Any = root
    resource = root
    best: str | None = None
    for part in error.schema_path:
        if isinstance(node, dict):
            resource = node if "$id" in node else resource
            if isinstance(node.get(name), str):
                best = node[name]
            if part not in node and isinstance(node.get("$ref"), str):
                node = _resolve(resource, node["$ref"])
                if isinstance(node, dict) and isinstance(node.get(name), str):
                    best = node[name]
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return best
    if isinstance(node, dict) and isinstance(node.get(name), str):
        best = node[name]
    return best


def _resolve(resource: dict[str, Any], ref: str) -> Any:
    if not ref.startswith("#/"):
        return None
    node: Any = resource
    for part in ref[2:].split("/"):
        node = node.get(pointers.unescape(part)) if isinstance(node, dict) else None
    return node


def _label(path: list[Any], doc: Document) -> str:
    """Name a node as a person would: "Section 'Eval delta'", "Follow-up 'Add alert'"."""
    where = path[0] if path else ""
    if where == "front_matter" and len(path) > 1:
        return "Front-matter field '" + ".".join(str(part) for part in path[1:]) + "'"
    if where == "sections" and len(path) > 1:
        return f"Section '{section_heading(str(path[1]))}'"
    if where in ("follow_ups", "apparatus_updates") and len(path) > 1:
        item = doc.data[where][path[1]]
        text = item.get("action") or item.get("text") or f"#{path[1] + 1}"
        noun = "Follow-up" if where == "follow_ups" else "Apparatus update"
        field = f" field '{path[2]}'" if len(path) > 2 else ""
        return f"{noun} '{excerpt(text, 50)}'{field}"
    return f"'{pointers.from_path(path)}'" if path else "The postmortem"


def _subschema(error: ValidationError) -> dict[str, Any]:
    """The failing subschema (jsonschema also allows a boolean schema there)."""
    return error.schema if isinstance(error.schema, dict) else {}


def _value(error: ValidationError) -> Any:
    """The failing keyword's value in the schema (typed loosely by jsonschema)."""
    return error.validator_value


def _expectation(error: ValidationError) -> str:
    description = _subschema(error).get("description")
    if description:
        return str(description)
    value = _value(error)
    if error.validator == "enum":
        return "one of: " + ", ".join(str(item) for item in value)
    if error.validator == "type":
        return f"a {value}" if isinstance(value, str) else "one of the types " + ", ".join(value)
    if error.validator == "pattern":
        return f"text matching {value}"
    if error.validator in ("minLength", "minItems"):
        return "a value that is not empty" if value == 1 else f"at least {value} items"
    return str(error.message)


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(excerpt(value, 50)) if value else "empty"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    return json.dumps(value)
