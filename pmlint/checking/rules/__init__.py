"""The rule registry: every code's metadata once, and the Python checks behind some.

Most codes are stated by the JSON Schema (see ``pmlint.checking.schema``); the Python
checks below cover what a schema cannot say. Every check has the same shape,
``check(doc, context) -> Iterator[Finding]``, reads only the document model and
the context, and does no I/O. The linter, not the rule, decides the severity.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from pmlint.config import Config
from pmlint.problem import Finding, Severity

if TYPE_CHECKING:
    from pmlint.reading.document import Document

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Rule:
    code: str
    slug: str
    severity: Severity
    summary: str


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule("PM000", "internal-error", E, "pmlint itself failed on this file; please report it"),
        Rule("PM001", "unreadable-file", E, "the file cannot be read, is not UTF-8, looks binary, or is too large"),
        Rule("PM002", "front-matter-invalid", E, "the YAML front-matter is absent, broken, not a mapping or unsafe"),
        Rule("PM003", "schema-violation", E, "the document fails the team's own schema"),
        Rule("PM010", "missing-field", E, "a required front-matter field is absent"),
        Rule("PM011", "invalid-field", E, "a front-matter value has the wrong type, format, order or value"),
        Rule("PM020", "unknown-cause-category", E, "a cause category is outside the AI cause taxonomy"),
        Rule("PM101", "missing-section", E, "one of the nine mandatory sections is absent"),
        Rule("PM102", "empty-section", E, "a mandatory section holds only placeholders"),
        Rule("PM103", "section-order", W, "mandatory sections are out of template order"),
        Rule("PM104", "duplicate-section", E, "a section appears twice (aliases included)"),
        Rule("PM201", "follow-up-missing-field", E, "a follow-up lacks action, owner, due, status or type"),
        Rule("PM202", "follow-up-invalid-field", E, "a follow-up's date, status, type or ticket is invalid"),
        Rule("PM203", "no-apparatus-follow-up", E, "no follow-up changes the apparatus (alert, runbook, escalation, drill)"),
        Rule("PM204", "closed-without-date", W, "a closed follow-up has no closed date"),
        Rule("PM205", "follow-up-overdue", W, "an open follow-up is past its due date (needs --today)"),
        Rule("PM301", "no-apparatus-updates", E, "no apparatus update records a change"),
        Rule("PM302", "apparatus-kind-unknown", E, "an apparatus update does not start with Alert:, Runbook:, Escalation: or Drill:"),
        Rule("PM303", "eval-delta-unbacked", E, "the eval delta names a gap without an eval follow-up, or 'No gap:' without a reason"),
        Rule("PM401", "blast-radius-unquantified", W, "the blast radius has no number"),
        Rule("PM402", "timeline-order", W, "a timeline item has no leading time, or times go backwards"),
        Rule("PM403", "blame-language", W, "Cause or What did not go well blames a person"),
        Rule("PM501", "postmortem-slo-missed", W, "the postmortem was published (or is still unpublished) past its SLO"),
        Rule("PM601", "duplicate-id", E, "two postmortems share an id"),
        Rule("PM602", "unknown-parent", E, "'parent' names no postmortem in the repository"),
    )
}  # fmt: skip

#: The rules that read ``Context.ids``: all a file's other problems depend on the file alone.
CROSS_FILE = frozenset({"PM601", "PM602"})
#: Codes relaxed to ``draft_severity`` while a postmortem is a draft.
DRAFT_RELAXED = frozenset(code for code in RULES if "PM101" <= code <= "PM499")


@dataclass(frozen=True)
class Context:
    """What a check may know beyond the document: settings, the day, the other files."""

    config: Config
    today: dt.date | None = None
    #: id -> paths of every postmortem in scope, for cross-file rules.
    ids: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))


Check = Callable[["Document", Context], Iterator[Finding]]
CHECKS: list[tuple[str, Check]] = []


def check(code: str) -> Callable[[Check], Check]:
    """Register a Python check for ``code`` (a code may also be stated by the schema)."""
    if code not in RULES:
        raise KeyError(code)

    def register(function: Check) -> Check:
        CHECKS.append((code, function))
        return function

    return register


def checks() -> list[tuple[str, Check]]:
    """Every Python check, in code order; importing the families registers them.

    Imported on first use, not with the registry: a run answered from the
    cache needs the rules' codes and severities, but not the checks nor the
    Markdown and YAML readers they bring in.
    """
    from pmlint.checking.rules import content, dates, repository, sections  # noqa: F401

    return CHECKS
