"""One postmortem's lint: its problems and facts, then the cross-file rules over the facts.

``lint_file`` is a function of the text, the path it is shown as and the
configuration (the reference day and the tickets snapshot are part of it):
what the repository pass caches by content. ``cross_file_problems`` judges
one file's facts against the ids of every postmortem in scope. ``lint_text``
does both for one document in memory, as the language server and ``fix`` do.
"""

from __future__ import annotations

import datetime as dt
import shlex
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import cache, partial
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from pmlint.checking import facts as facts_module
from pmlint.checking.facts import Facts
from pmlint.checking.registry import checks, cross_file_checks
from pmlint.checking.rules import RULES, Context
from pmlint.config import Config, ConfigError
from pmlint.debuglog import log
from pmlint.problem import Finding, Problem, Severity
from pmlint.reading import subjects

if TYPE_CHECKING:
    from pmlint.reading import document

#: Problems reported per rule (the schema counting as one) and file.
MAX_FINDINGS = 1000
_NO_IDS: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({})


class Linted(NamedTuple):
    """One file's own problems, and the facts the cross-file rules read of it."""

    problems: list[Problem]
    facts: Facts


def lint_text(
    text: str, path: str, config: Config, context: Context | None = None
) -> list[Problem]:
    """Lint one postmortem given as text; ``path`` is only used to label problems.

    The cross-file rules see the ids in ``context.ids`` (none by default).
    """
    context = context or Context(config=config, today=config.today)
    linted = lint_file(text, path, context)
    return sorted([*linted.problems, *cross_file_problems(path, linted.facts, context)])


def lint_file(text: str, path: str, context: Context) -> Linted:
    """One postmortem's own problems and its facts; the other files play no part."""
    from pmlint.reading import document  # a run answered from the cache parses no Markdown

    config = context.config
    context = replace(context, ids=_NO_IDS)
    try:
        doc = document.build(text, path, config)
    except Exception as error:  # a parser bug must not stop the run
        log.debug("internal error while parsing %s", path, exc_info=True)
        problem = configured(path, "PM000", _internal_finding("parsing", error), config)
        identifier, parent = facts_module.declared_in(text)
        return Linted([problem] if problem else [], Facts(identifier, parent, judged=False))
    found: list[tuple[str, Finding]] = []
    failure = doc.front_matter_error
    blank = not text.removeprefix("\ufeff").strip()
    alien = not blank and failure is not None and failure.absent
    if blank:
        found.append(("PM002", Finding(1, "File is empty: a postmortem starts with front-matter")))
    elif alien:
        found.append(("PM002", Finding(1, _not_adopted(path), "/front_matter")))
    elif failure is not None:
        found.append(("PM002", Finding(failure.line, failure.message, "/front_matter")))
    if not blank and not alien:
        found.extend(_run_checks(doc, context))
    facts = facts_module.of(doc, judged=not blank and not alien)
    subject = cache(partial(subjects.subject, doc))  # many problems can name one large section
    suppressed = doc.suppressions.suppressed
    problems = _problems(path, found, config, facts.status, facts.date, suppressed, subject)
    return Linted(sorted(problems), facts)


def cross_file_problems(path: str, facts: Facts, context: Context) -> list[Problem]:
    """The cross-file rules' problems of one file, from its facts and ``context.ids``."""
    if not facts.judged:
        return []
    found: list[tuple[str, Finding]] = []
    for code, check in cross_file_checks():
        try:
            found.extend((code, finding) for finding in check(facts, path, context))
        except Exception as error:
            log.debug("internal error in %s on %s", code, path, exc_info=True)
            found.append(("PM000", _internal_finding(f"rule {code}", error)))
    silenced = facts.silenced
    return list(
        _problems(
            path,
            found,
            context.config,
            facts.status,
            facts.date,
            lambda code, line: (code, line) in silenced,
            facts.subject,
        )
    )


def _not_adopted(path: str) -> str:
    """The one problem of a file with no front-matter at all: a postmortem in another style.

    Every section and key would be missing from it, and fifteen problems would
    bury the one step that helps: converting it.
    """
    return (
        "No front-matter: this file is not yet in pmlint's format; run "
        f"'pmlint adopt {shlex.quote(path)}' to convert it (or start it with a '---' line "
        "and a YAML block)"
    )


def _run_checks(doc: document.Document, context: Context) -> Iterator[tuple[str, Finding]]:
    """The schema's and the per-file rules' findings."""
    from pmlint.checking import (
        schema,  # loaded when first needed: a cached run never checks a schema
    )

    try:
        yield from _bounded(schema.findings(doc, context.config), "the schema check")
    except ConfigError:
        raise  # a broken team schema stops the run (exit 2), it is not one file's problem
    except Exception as error:
        log.debug("internal error in the schema check of %s", doc.path, exc_info=True)
        yield "PM000", _internal_finding("the schema check", error)
    for code, check in checks():
        try:
            found = list(_bounded(((code, f) for f in check(doc, context)), f"rule {code}"))
        except Exception as error:
            log.debug("internal error in %s on %s", code, doc.path, exc_info=True)
            yield "PM000", _internal_finding(f"rule {code}", error)
            continue
        yield from found


def _bounded(found: Iterator[tuple[str, Finding]], where: str) -> Iterator[tuple[str, Finding]]:
    """At most MAX_FINDINGS from one source, then a note; the rest is never computed.

    A hostile file of 250,000 empty follow-ups would otherwise produce a million
    problems and gigabytes of report.
    """
    code = "PM000"
    for count, (code, finding) in enumerate(found):
        if count == MAX_FINDINGS:
            yield (
                code,
                Finding(
                    1,
                    f"More than {MAX_FINDINGS:,} problems from {where} in this file; only the "
                    f"first {MAX_FINDINGS:,} are reported",
                ),
            )
            return
        yield code, finding


def _problems(
    path: str,
    found: Iterable[tuple[str, Finding]],
    config: Config,
    status: str | None,
    date: str | None,
    suppressed: Callable[[str, int], bool],
    subject: Callable[[str], str],
) -> Iterator[Problem]:
    """Apply inline directives, then configuration (ignore, severity, drafts, enforce_from);
    each problem gets the digest of the text its pointer names (``subject``)."""
    draft = status == "draft"
    predates_enforcement = _before(date, config.enforce_from)
    for code, finding in found:
        if config.inline_config and suppressed(code, finding.line):
            continue
        problem = configured(path, code, finding, config, draft, subject(finding.pointer))
        if problem is not None and predates_enforcement:
            problem = replace(problem, severity=Severity.WARNING)
        if problem is not None:
            yield problem


def configured(
    path: str,
    code: str,
    finding: Finding,
    config: Config,
    draft: bool = False,
    subject: str = subjects.NOTHING,
) -> Problem | None:
    """The Problem at the level configuration gives it, or None if its rule is ignored.

    Messages quote the author's text, which may span lines; a problem is one line.
    """
    if code in config.ignore:
        return None
    rule = RULES[code]
    severity = Severity(config.severity.get(code, rule.severity))
    if draft and rule.draft_relaxed and config.draft_severity == Severity.WARNING:
        severity = Severity.WARNING
    return Problem(
        path,
        finding.line,
        finding.column,
        code,
        rule.slug,
        severity,
        " ".join(finding.message.split()),
        finding.pointer,
        subject,
    )


def _before(date: str | None, day: dt.date | None) -> bool:
    """True when the postmortem's ``date`` is earlier than ``day`` (enforce_from)."""
    if day is None or date is None:
        return False
    try:
        return dt.date.fromisoformat(date) < day
    except ValueError:
        return False


def _internal_finding(where: str, error: Exception) -> Finding:
    return Finding(
        1,
        f"Internal error in {where}: {type(error).__name__}: {error} "
        "(rerun with --debug for the traceback, and please report it)",
    )
