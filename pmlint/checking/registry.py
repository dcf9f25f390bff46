"""Every rule found from one entry: its metadata, its Python check and its page.

Importing this module imports every family of checks, which registers them in
``rules.CHECKS``; the catalog itself (``pmlint.checking.rules``) stays a leaf
that configuration and formatters read without loading a check or a parser.
A new family of checks is one more name in the import below.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import cast

from pmlint.checking.rules import (  # noqa: F401 (importing a family registers its checks)
    CHECKS,
    RULES,
    Check,
    CrossFileCheck,
    Rule,
    content,
    dates,
    repository,
    sections,
    tickets,
)


@dataclass(frozen=True)
class Entry:
    """One rule: what it is, what checks it (None: the schema or pmlint's own steps),
    and the page that explains it."""

    rule: Rule
    check: Check | CrossFileCheck | None
    page: Path


def entry(code: str) -> Entry:
    rule = RULES[code]
    return Entry(rule, CHECKS.get(code), rule.page)


def checks() -> list[tuple[str, Check]]:
    """The checks one file's lint runs over its document, in code order."""
    return [
        (code, cast(Check, CHECKS[code]))
        for code, rule in RULES.items()
        if code in CHECKS and not rule.cross_file
    ]


def cross_file_checks() -> list[tuple[str, CrossFileCheck]]:
    """The checks the repository pass runs over each file's facts, in code order."""
    return [
        (code, cast(CrossFileCheck, CHECKS[code]))
        for code, rule in RULES.items()
        if code in CHECKS and rule.cross_file
    ]
