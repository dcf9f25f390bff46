"""Render a Report as text, JSON, GitHub workflow commands, SARIF or Markdown.

Formatters only render: each takes the Report and returns the whole output as
a string, so the same run can write several formats to several files.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from pmlint import resources
from pmlint.checking.rules import RULES
from pmlint.problem import Problem, Severity
from pmlint.running.baseline import Outcome
from pmlint.running.report import Report
from pmlint.shown import JOB_SUMMARY_LIMIT, printable
from pmlint.shown import markdown_text as _markdown_text
from pmlint.version import __version__

INFORMATION_URI = "https://github.com/pmlint/pmlint"
#: GitHub shows at most this many annotations of each level per step.
GITHUB_ANNOTATION_LIMIT = 10


def _plural(count: int, word: str, plural: str = "") -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _summary(report: Report) -> str:
    return (
        f"{_plural(report.errors, 'error')}, {_plural(report.warnings, 'warning')} "
        f"in {_plural(report.files_with_problems, 'file')} "
        f"({_plural(report.files_checked, 'file')} checked)"
    )


def text(report: Report, quiet: bool = False) -> str:
    """``path:line:col: CODE [severity] slug: message`` lines and a summary line."""
    lines = [
        printable(f"{p.path}:{p.line}:{p.column}: {p.code} [{p.severity}] {p.slug}: {p.message}")
        for p in report.problems
        if not quiet or p.severity is Severity.ERROR
    ]
    if not quiet or report.errors:
        lines.append(_summary(report))
    if report.baseline is not None and not quiet:
        lines.extend(_baseline_notes(report.baseline))
    return "".join(line + "\n" for line in lines)


def _stale(outcome: Outcome) -> str:
    return _plural(len(outcome.stale), "stale entry", "stale entries")


def _baseline_notes(outcome: Outcome) -> list[str]:
    """Known problems are counted, stale entries listed, so the baseline shrinks."""
    notes = [  # the baseline is the repository's: its names are shown, never run
        printable(
            f"{outcome.file}: stale entry: {entry.path} {entry.rule} {entry.pointer or '/'} "
            "is fixed"
        )
        for entry in outcome.stale
    ]
    summary = printable(
        f"{_plural(outcome.known, 'known problem')} hidden by the baseline {outcome.file}"
    )
    if outcome.stale:
        summary += f"; {_stale(outcome)}: run 'pmlint baseline' to drop them"
    if outcome.unhashed:
        notes.append(
            printable(
                f"{outcome.file}: {_plural(outcome.unhashed, 'entry', 'entries')} written by an "
                "older pmlint match whatever their section or item now says; run 'pmlint "
                "baseline' to record them with their text"
            )
        )
    return [*notes, summary]


def as_json(report: Report, quiet: bool = False) -> str:
    """The JSON report of the spec: one object, problems sorted, stable key order."""
    payload: dict[str, Any] = {
        "version": 1,
        "tool": {"name": "pmlint", "version": __version__},
        "files_checked": report.files_checked,
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "column": p.column,
                "rule": p.code,
                "name": p.slug,
                "severity": str(p.severity),
                "message": p.message,
                "pointer": p.pointer,
            }
            for p in report.problems
        ],
        "summary": {
            "errors": report.errors,
            "warnings": report.warnings,
            "files_with_problems": report.files_with_problems,
        },
    }
    if report.baseline is not None:
        payload["baseline"] = {
            "file": report.baseline.file,
            "known": report.baseline.known,
            "stale": [
                {"path": e.path, "rule": e.rule, "pointer": e.pointer, "message": e.message}
                for e in report.baseline.stale
            ],
        }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _escape_data(value: str) -> str:
    """GitHub's escaping of a workflow command's data, then any other control character
    shown as ``\\xNN`` (ESC would recolour the log)."""
    return printable(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _annotation_order(problem: Problem) -> tuple[int, int, Problem]:
    """Errors before warnings; within a level, gaps in the document's shape first."""
    rule = RULES.get(problem.code)
    return (problem.severity is not Severity.ERROR, not (rule and rule.shape), problem)


def github(report: Report, quiet: bool = False) -> str:
    """Workflow commands that GitHub turns into annotations on the changed files.

    GitHub keeps only the first ten annotations of each level per step and
    drops the rest silently, so the most important come first and a notice
    says how many were left out.
    """
    shown: Counter[Severity] = Counter()
    lines = []
    for problem in sorted(report.problems, key=_annotation_order):
        if quiet and problem.severity is not Severity.ERROR:
            continue
        shown[problem.severity] += 1
        if shown[problem.severity] > GITHUB_ANNOTATION_LIMIT:
            continue
        properties = ",".join(
            f"{key}={_escape_property(str(value))}"
            for key, value in (
                ("file", problem.path),
                ("line", problem.line),
                ("col", problem.column),
                ("title", f"{problem.code} {problem.slug}"),
            )
        )
        lines.append(f"::{problem.severity} {properties}::{_escape_data(problem.message)}")
    hidden = sum(max(count - GITHUB_ANNOTATION_LIMIT, 0) for count in shown.values())
    if report.baseline is not None and report.baseline.stale and not quiet:
        lines.append(
            f"::notice title=pmlint baseline::{_stale(report.baseline)} "
            f"in {_escape_data(report.baseline.file)} (fixed problems); run 'pmlint baseline' "
            "to drop them"
        )
    if hidden:
        lines.append(
            f"::notice title=pmlint::{hidden} more problems were not annotated (GitHub shows "
            f"{GITHUB_ANNOTATION_LIMIT} per level); see the job summary or the full report"
        )
    return "".join(line + "\n" for line in lines)


MARKDOWN_LIMIT = JOB_SUMMARY_LIMIT


def markdown(report: Report, quiet: bool = False, limit: int = MARKDOWN_LIMIT) -> str:
    """Every problem in one table per file, for a job summary or an issue body.

    Unlike annotations nothing is dropped, except past ``limit`` bytes: there
    the tables stop at a whole row and a note says how many are not shown.
    """
    problems = [p for p in report.problems if not quiet or p.severity is Severity.ERROR]
    out = [f"## pmlint\n\n{_summary(report)}\n"]
    if report.baseline is not None and not quiet:
        out.append(f"\n{_markdown_text(_baseline_notes(report.baseline)[-1])}\n")
    size = len("".join(out).encode("utf-8", "surrogateescape"))
    budget = limit - 300  # room for the note
    path = None
    shown = 0
    for problem in problems:
        chunk = ""
        if problem.path != path:
            chunk = (
                f"\n### {_markdown_text(problem.path)}\n\n"
                "| Line | Rule | Severity | Message |\n|---:|---|---|---|\n"
            )
        chunk += (
            f"| {problem.line} | {problem.code} {problem.slug} | {problem.severity} "
            f"| {_markdown_text(problem.message)} |\n"
        )
        cost = len(chunk.encode("utf-8", "surrogateescape"))
        if size + cost > budget:
            break
        out.append(chunk)
        size += cost
        shown += 1
        path = problem.path
    if shown < len(problems):
        out.append(
            f"\n**{_plural(len(problems) - shown, 'more problem')} not shown** to keep this "
            f"under {limit:,} bytes: see the full report (pmlint -f text, json or sarif).\n"
        )
    return "".join(out)


def _fingerprint(problem: Problem, occurrence: int) -> str:
    """Stable across edits elsewhere in the file: rule, file and document pointer, not line."""
    key = f"{problem.code}\0{problem.path}\0{problem.pointer}\0{occurrence}"
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _rule_descriptor(code: str) -> dict[str, Any]:
    rule = RULES[code]
    page = resources.rule_page(code)
    help_markdown = page.read_text(encoding="utf-8") if page.is_file() else rule.summary
    return {
        "id": code,
        "name": "".join(part.capitalize() for part in rule.slug.split("-")),
        "shortDescription": {"text": rule.summary[0].upper() + rule.summary[1:] + "."},
        "fullDescription": {"text": f"{rule.code} {rule.slug}: {rule.summary}."},
        "help": {
            "text": f"{rule.summary}. Run 'pmlint explain {code}'.",
            "markdown": help_markdown,
        },
        "helpUri": f"{INFORMATION_URI}/blob/main/docs/rules/{code}.md",
        "defaultConfiguration": {"level": str(rule.severity)},
        "properties": {"tags": ["postmortem"]},
    }


def sarif(report: Report, quiet: bool = False) -> str:
    """SARIF 2.1.0 for GitHub code scanning, with every rule described."""
    codes = {code: index for index, code in enumerate(RULES)}
    occurrences: Counter[tuple[str, str, str]] = Counter()
    results = []
    for problem in report.problems:
        key = (problem.code, problem.path, problem.pointer)
        occurrences[key] += 1
        index = {"ruleIndex": codes[problem.code]} if problem.code in codes else {}
        results.append(
            {
                "ruleId": problem.code,
                **index,  # a rule pmlint does not describe (a damaged cache) has no index
                "level": str(problem.severity),
                "message": {"text": problem.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {
                                "uri": quote(problem.path, errors="surrogateescape"),
                                "uriBaseId": "%SRCROOT%",
                            },
                            "region": {"startLine": problem.line, "startColumn": problem.column},
                        }
                    }
                ],
                "partialFingerprints": {"pmlint/v1": _fingerprint(problem, occurrences[key])},
            }
        )
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pmlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule_descriptor(code) for code in codes],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


FORMATTERS: dict[str, Callable[[Report, bool], str]] = {
    "text": text,
    "json": as_json,
    "github": github,
    "sarif": sarif,
    "markdown": markdown,
}
