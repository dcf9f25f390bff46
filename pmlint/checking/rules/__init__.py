"""The rule catalog: every code's metadata once, and the decorator checks register with.

This module is a leaf: configuration reads it to validate the codes a team
names, formatters to describe rules, without importing any check or parser.
Most codes are stated by the JSON Schema (see ``pmlint.checking.schema``); the
Python checks in this package's families cover what a schema cannot say. A
check has the shape ``check(doc, context) -> Iterator[Finding]``, reads only
the document model and the context, and does no I/O. A rule marked
``cross_file`` is checked in the repository pass instead, from one file's facts
(``pmlint.checking.facts``), its path as shown and the repository's ids in
``context.ids``: ``check(facts, path, context)`` (``repository.py``).
The linter, not the rule, decides the severity. ``pmlint.checking.registry``
brings each rule's metadata, check and page together.

Adding a rule is one step in three places: its line below, its check
decorated with ``@check(code)`` in a family module, and ``docs/rules/CODE.md``;
tests/test_registry.py fails until all three agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from pmlint import resources
from pmlint.problem import Finding, Severity

if TYPE_CHECKING:
    from pmlint.checking.facts import Facts
    from pmlint.config import Config
    from pmlint.reading.document import Document
    from pmlint.trackers.snapshot import Entry

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Rule:
    """One code's metadata: what it is called, how bad it is, and how it is treated."""

    code: str
    slug: str
    severity: Severity
    summary: str
    #: It judges the document's shape (the file, a front-matter field, a section):
    #: GitHub annotations show these first, since they hide the rest.
    shape: bool = False
    #: Relaxed to ``draft_severity`` while a postmortem is a draft.
    draft_relaxed: bool = False
    #: Its check reads the other files of the repository (their ids), not only this one.
    cross_file: bool = False
    #: The JSON Schema states it (``x-pmlint-rule``, or the default for its place).
    schema: bool = False
    #: pmlint's own steps report it (reading, decoding, an internal error), not a check.
    pipeline: bool = False

    @property
    def page(self) -> Path:
        """Its documentation page, which ``pmlint explain`` prints."""
        return resources.rule_page(self.code)


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule("PM000", "internal-error", E, "pmlint itself failed on this file; please report it", shape=True, pipeline=True),
        Rule("PM001", "unreadable-file", E, "the file cannot be read, is not UTF-8, looks binary, or is too large", shape=True, pipeline=True),
        Rule("PM002", "front-matter-invalid", E, "the YAML front-matter is absent, broken, not a mapping or unsafe", shape=True, pipeline=True),
        Rule("PM003", "schema-violation", E, "the document fails the team's own schema", shape=True, schema=True),
        Rule("PM010", "missing-field", E, "a required front-matter field is absent", shape=True, schema=True),
        Rule("PM011", "invalid-field", E, "a front-matter value has the wrong type, format, order or value", shape=True, schema=True),
        Rule("PM020", "unknown-cause-category", E, "a cause category is outside the AI cause taxonomy", shape=True, schema=True),
        Rule("PM101", "missing-section", E, "one of the nine mandatory sections is absent", shape=True, draft_relaxed=True, schema=True),
        Rule("PM102", "empty-section", E, "a mandatory section holds only placeholders", shape=True, draft_relaxed=True, schema=True),
        Rule("PM103", "section-order", W, "mandatory sections are out of template order", shape=True, draft_relaxed=True),
        Rule("PM104", "duplicate-section", E, "a section appears twice (aliases included)", shape=True, draft_relaxed=True),
        Rule("PM201", "follow-up-missing-field", E, "a follow-up lacks action, owner, due, status or type", draft_relaxed=True, schema=True),
        Rule("PM202", "follow-up-invalid-field", E, "a follow-up's date, status, type or ticket is invalid", draft_relaxed=True, schema=True),
        Rule("PM203", "no-apparatus-follow-up", E, "no follow-up changes the apparatus (alert, runbook, escalation, drill)", draft_relaxed=True, schema=True),
        Rule("PM204", "closed-without-date", W, "a closed follow-up has no closed date", draft_relaxed=True, schema=True),
        Rule("PM205", "follow-up-overdue", W, "an open follow-up is past its due date (needs --today)", draft_relaxed=True),
        Rule("PM206", "ticket-state-mismatch", E, "a follow-up's status disagrees with its ticket's state (needs a pmlint sync snapshot)", draft_relaxed=True),
        Rule("PM207", "follow-up-without-ticket", W, "a follow-up links no ticket while a tracker is configured", draft_relaxed=True),
        Rule("PM301", "no-apparatus-updates", E, "no apparatus update records a change", draft_relaxed=True, schema=True),
        Rule("PM302", "apparatus-kind-unknown", E, "an apparatus update does not start with Alert:, Runbook:, Escalation: or Drill:", draft_relaxed=True, schema=True),
        Rule("PM303", "eval-delta-unbacked", E, "the eval delta names a gap without an eval follow-up, or 'No gap:' without a reason", draft_relaxed=True),
        Rule("PM401", "blast-radius-unquantified", W, "the blast radius has no number", draft_relaxed=True),
        Rule("PM402", "timeline-order", W, "a timeline item has no leading time, or times go backwards", draft_relaxed=True),
        Rule("PM403", "blame-language", W, "Cause or What did not go well blames a person", draft_relaxed=True),
        Rule("PM501", "postmortem-slo-missed", W, "the postmortem was published (or is still unpublished) past its SLO"),
        Rule("PM601", "duplicate-id", E, "two postmortems share an id", cross_file=True),
        Rule("PM602", "unknown-parent", E, "'parent' names no postmortem in the repository", cross_file=True),
    )
}  # fmt: skip


@dataclass(frozen=True)
class Context:
    """What a check may know beyond the document: settings, the day, the other files."""

    config: Config
    today: dt.date | None = None
    #: id -> paths of every postmortem in scope, read only by cross-file rules.
    ids: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    #: Ticket link -> its state from the snapshot ``pmlint sync`` wrote (tickets read only).
    tickets: Mapping[str, Entry] = field(default_factory=lambda: MappingProxyType({}))


Check = Callable[["Document", Context], Iterator[Finding]]
CrossFileCheck = Callable[["Facts", str, Context], Iterator[Finding]]
#: Each code's Python check, filled in as the families are imported (``registry``).
CHECKS: dict[str, Check | CrossFileCheck] = {}


def check(code: str) -> Callable[[Check], Check]:
    """Register the Python check of ``code`` (a code may also be stated by the schema)."""
    return _register(code, cross_file=False)


def cross_file_check(code: str) -> Callable[[CrossFileCheck], CrossFileCheck]:
    """Register the check of a rule the catalog marks ``cross_file``."""
    return _register(code, cross_file=True)


def _register(code: str, cross_file: bool) -> Callable[[Any], Any]:
    if code not in RULES:
        raise KeyError(code)
    if RULES[code].cross_file != cross_file:
        raise ValueError(f"{code} is {'not ' * cross_file}marked cross_file in the catalog")

    def register(function: Any) -> Any:
        if CHECKS.setdefault(code, function) is not function:
            raise ValueError(f"{code} has two checks")
        return function

    return register
