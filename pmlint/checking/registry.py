"""Every rule found from one entry: its metadata, its Python check and its page.

Importing this module imports every family of checks, which registers them in
``rules.CHECKS``; the catalog itself (``pmlint.checking.rules``) stays a leaf
that configuration and formatters read without loading a check or a parser.
A new family of checks is one more name in the import below.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pmlint.checking.rules import (  # noqa: F401 (importing a family registers its checks)
    CHECKS,
    RULES,
    Check,
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
    check: Check | None
    page: Path


def entry(code: str) -> Entry:
    rule = RULES[code]
    return Entry(rule, CHECKS.get(code), rule.page)


def checks(cross_file: bool) -> list[tuple[str, Check]]:
    """The Python checks, in code order: of the cross-file rules, or of all others."""
    return [
        (code, CHECKS[code])
        for code, rule in RULES.items()
        if code in CHECKS and rule.cross_file == cross_file
    ]
