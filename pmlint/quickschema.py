"""Accept valid documents quickly with a compiled validator.

jsonschema walks the schema for every document and is most of the cost of a
lint. fastjsonschema compiles the schema to Python once and checks a document
about twenty times faster, but stops at the first failure, which is not enough
to report every problem. So it is only ever used to say "valid": a document it
rejects goes to jsonschema for the complete, located list of failures, and the
report is the same either way (tests/test_quickschema.py compares both on
every fixture and a generated corpus with defects).

Compiling takes about as long as validating ten documents with jsonschema, so
when jsonschema is already loaded (a configuration file was checked with it)
it is only done once a process has validated ``COMPILE_AFTER`` documents.
Otherwise it is done at once: importing jsonschema costs more than compiling,
and a run whose documents all pass never imports it. A team's own schema
always goes through jsonschema (its ``$ref`` may point anywhere).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pmlint.config import Config

#: Documents a process validates with jsonschema before compiling the fast validator.
COMPILE_AFTER = 8

_seen = 0
_compiled: dict[int, Callable[[Any], Any]] = {}


def accepts(data: Any, config: Config, schema: Any) -> bool:
    """True only if ``data`` is valid; False means "ask jsonschema", not "invalid".

    ``schema`` is the effective schema, which pmlint.schema keeps for the whole
    process, so its identity stands for its content.
    """
    global _seen
    if config.schema is not None:
        return False
    if id(schema) not in _compiled:
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
        validate = _compiled[id(schema)] = _compile(schema)
    import fastjsonschema

    try:
        validate(data)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


def _compile(schema: Any) -> Callable[[Any], Any]:
    import copy

    import fastjsonschema

    return fastjsonschema.compile(
        copy.deepcopy(schema),
        formats={
            "date": _parses(dt.date.fromisoformat),
            "pmlint-datetime": _parses(dt.datetime.fromisoformat),
        },
    )


def _parses(parse: Callable[[str], object]) -> Callable[[str], bool]:
    """The same test as the jsonschema format checkers in pmlint.schema."""

    def check(value: str) -> bool:
        try:
            parse(value)
        except ValueError:
            return False
        return True

    return check
