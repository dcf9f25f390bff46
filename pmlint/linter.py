"""Run the schema and the rules over files and collect problems.

This is pmlint's public core: ``lint_text`` for one document in memory,
``lint_paths`` for files and folders. Neither knows about click or output.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from pmlint import document, frontmatter, schema
from pmlint.config import Config, ConfigError
from pmlint.files import Target, discover, display
from pmlint.problem import Finding, Problem, Severity
from pmlint.rules import CHECKS, DRAFT_RELAXED, RULES, Context

if TYPE_CHECKING:
    from pmlint.baseline import Outcome

log = logging.getLogger("pmlint")
#: Problems reported per rule (the schema counting as one) and file.
MAX_FINDINGS = 1000


class Unreadable(Exception):
    """The file's bytes cannot be linted (PM001); the message says why."""


@dataclass(frozen=True)
class Report:
    """The outcome of one run, as every formatter receives it."""

    problems: tuple[Problem, ...]
    files_checked: int
    files: tuple[str, ...] = ()  # the paths checked, as displayed
    baseline: Outcome | None = None  # set when a baseline hid known problems

    @property
    def errors(self) -> int:
        return sum(problem.severity is Severity.ERROR for problem in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    @property
    def files_with_problems(self) -> int:
        return len({problem.path for problem in self.problems})


def read_text(path: Path, max_size: int) -> str:
    """Read a postmortem's bytes and decode them, refusing what is not a small text file.

    Only regular files are opened: reading a FIFO or a device would block or
    never end, and pmlint must finish on any tree it is pointed at.
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(f"Not a regular file ({_kind(info.st_mode)}); not read")
        if info.st_size > max_size:
            raise Unreadable(
                f"File is {info.st_size:,} bytes, over the {max_size:,}-byte limit "
                "(max_file_size); not parsed"
            )
        with path.open("rb") as handle:
            data = handle.read(max_size + 1)
    except OSError as error:
        raise Unreadable(f"Cannot read the file: {error.strerror or error}") from None
    if len(data) > max_size:  # it grew after the size check
        raise Unreadable(f"File is over the {max_size:,}-byte limit (max_file_size); not parsed")
    return decode(data)


def decode(data: bytes) -> str:
    """Decode a postmortem's bytes, refusing what is not UTF-8 text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Unreadable("File is UTF-16; save it as UTF-8")
    if b"\x00" in data:
        raise Unreadable("File looks binary (it contains NUL bytes); a postmortem is UTF-8 text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise Unreadable(
            f"File is not UTF-8: byte 0x{data[error.start]:02x} at line {line} cannot be "
            "decoded; save it as UTF-8"
        ) from None


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def lint_text(
    text: str, path: str, config: Config, context: Context | None = None
) -> list[Problem]:
    """Lint one postmortem given as text; ``path`` is only used to label problems."""
    context = context or Context(config=config, today=config.today)
    try:
        doc = document.build(text, path, config)
    except Exception as error:  # a parser bug must not stop the run
        log.debug("internal error while parsing %s", path, exc_info=True)
        problem = _configured(path, "PM000", _internal_finding("parsing", error), config)
        return [problem] if problem else []
    found: list[tuple[str, Finding]] = []
    blank = not text.removeprefix("\ufeff").strip()
    if blank:
        found.append(("PM002", Finding(1, "File is empty: a postmortem starts with front-matter")))
    elif doc.front_matter_error is not None:
        failure = doc.front_matter_error
        found.append(("PM002", Finding(failure.line, failure.message, "/front_matter")))
    if not blank:
        found.extend(_run_checks(doc, context))
    return sorted(_problems(doc, found, config))


def _run_checks(doc: document.Document, context: Context) -> Iterator[tuple[str, Finding]]:
    try:
        yield from _bounded(schema.findings(doc, context.config), "the schema check")
    except ConfigError:
        raise  # a broken team schema stops the run (exit 2), it is not one file's problem
    except Exception as error:
        log.debug("internal error in the schema check of %s", doc.path, exc_info=True)
        yield "PM000", _internal_finding("the schema check", error)
    for code, check in CHECKS:
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
    doc: document.Document, found: Iterable[tuple[str, Finding]], config: Config
) -> Iterator[Problem]:
    """Apply inline directives, then configuration (ignore, severity, drafts, enforce_from)."""
    draft = doc.status == "draft"
    predates_enforcement = _before(doc, config.enforce_from)
    for code, finding in found:
        if doc.suppressions.suppressed(code, finding.line):
            continue
        problem = _configured(doc.path, code, finding, config, draft)
        if problem is not None and predates_enforcement:
            problem = replace(problem, severity=Severity.WARNING)
        if problem is not None:
            yield problem


def _configured(
    path: str, code: str, finding: Finding, config: Config, draft: bool = False
) -> Problem | None:
    """The Problem at the level configuration gives it, or None if its rule is ignored."""
    if code in config.ignore:
        return None
    rule = RULES[code]
    severity = Severity(config.severity.get(code, rule.severity))
    if draft and code in DRAFT_RELAXED and config.draft_severity == Severity.WARNING:
        severity = Severity.WARNING
    return Problem(
        path,
        finding.line,
        finding.column,
        code,
        rule.slug,
        severity,
        finding.message,
        finding.pointer,
    )


def _before(doc: document.Document, day: dt.date | None) -> bool:
    """True when the postmortem's ``date`` is earlier than ``day`` (enforce_from)."""
    value = (doc.front_matter or {}).get("date")
    if day is None or not isinstance(value, str):
        return False
    try:
        return dt.date.fromisoformat(value) < day
    except ValueError:
        return False


def _internal_finding(where: str, error: Exception) -> Finding:
    return Finding(
        1,
        f"Internal error in {where}: {type(error).__name__}: {error} "
        "(rerun with --debug for the traceback, and please report it)",
    )


def lint_paths(paths: Iterable[str], config: Config, today: dt.date | None = None) -> Report:
    """Lint every postmortem under ``paths`` (default: the configured paths)."""
    targets = discover(list(paths) or configured_paths(config), config)
    context = Context(config=config, today=today or config.today, ids=_index(targets, config))
    problems: list[Problem] = []
    for target in targets:
        problems.extend(lint_target(target, config, context))
    return Report(
        tuple(sorted(problems)), len(targets), tuple(target.display for target in targets)
    )


def lint_target(target: Target, config: Config, context: Context) -> list[Problem]:
    try:
        if target.problem is not None:
            raise Unreadable(f"Path {target.problem}")
        text = read_text(target.path, config.max_file_size)
    except Unreadable as error:
        problem = _configured(target.display, "PM001", Finding(1, str(error)), config)
        return [problem] if problem else []
    return lint_text(text, target.display, config, context)


def configured_paths(config: Config) -> list[str]:
    """Configured paths, relative to the configuration file, shown relative to the cwd."""
    return [_relative(config.root / path) for path in config.paths] or ["."]


def _relative(path: Path) -> str:
    try:
        return display(os.path.relpath(path))
    except ValueError:  # another drive on Windows
        return display(path)


def _index(targets: list[Target], config: Config) -> MappingProxyType[str, tuple[str, ...]]:
    """Ids of every postmortem in scope: the named files and the configured paths.

    Only the front-matter is read here. With no paths configured, the scope is
    the files named or found on the command line.
    """
    scope = {_key(target.path): target for target in targets}
    if config.paths:
        configured = discover([_relative(config.root / p) for p in config.paths], config)
        for target in configured:
            scope.setdefault(_key(target.path), target)
    ids: dict[str, list[str]] = {}
    for target in scope.values():
        identifier = _identifier(target, config)
        if identifier is not None:
            ids.setdefault(identifier, []).append(target.display)
    return MappingProxyType({key: tuple(sorted(paths)) for key, paths in sorted(ids.items())})


def _key(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return str(path.absolute())


def _identifier(target: Target, config: Config) -> str | None:
    if target.problem is not None:
        return None
    try:
        text = read_text(target.path, config.max_file_size)
    except Unreadable:
        return None
    front = frontmatter.read(document.split_lines(text))
    value = (front.data or {}).get("id")
    return value if isinstance(value, str) and value else None
