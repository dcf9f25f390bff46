"""Run the schema and the rules over files and collect problems.

This is pmlint's public core: ``lint_text`` for one document in memory,
``lint_paths`` for files and folders. Neither knows about click or output.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shlex
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from pmlint.checking.registry import checks
from pmlint.checking.rules import RULES, Context
from pmlint.config import Config, ConfigError
from pmlint.problem import Finding, Problem, Severity
from pmlint.reading import subjects
from pmlint.running import baseline
from pmlint.running.cache import Cache, Facts, Stat, digest, result_key, stat_of
from pmlint.running.files import Target, discover, display
from pmlint.running.report import Report
from pmlint.running.workers import map_in_order
from pmlint.trackers import snapshot

if TYPE_CHECKING:
    from pmlint.reading import document

log = logging.getLogger("pmlint")
#: Problems reported per rule (the schema counting as one) and file.
MAX_FINDINGS = 1000


class Unreadable(Exception):
    """The file's bytes cannot be linted (PM001); the message says why."""


def read_text(path: str | os.PathLike[str], max_size: int) -> str:
    """Read a postmortem and decode it, refusing what is not a small UTF-8 text file."""
    return decode(read_file(path, max_size)[0])


#: Opening never waits (a FIFO would block until a writer comes); binary mode on Windows.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_file(path: str | os.PathLike[str], max_size: int) -> tuple[bytes, os.stat_result]:
    """A file's bytes and the stat of what was read, refusing what is not a small file.

    Only regular files are read: reading a FIFO or a device would block or
    never end, and pmlint must finish on any tree it is pointed at. The stat
    comes from the open file, so it describes the bytes returned.
    """
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise Unreadable(f"Cannot read the file: {error.strerror or error}") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(f"Not a regular file ({_kind(info.st_mode)}); not read")
        if info.st_size > max_size:
            raise Unreadable(
                f"File is {info.st_size:,} bytes, over the {max_size:,}-byte limit "
                "(max_file_size); not parsed"
            )
        with open(descriptor, "rb", closefd=False) as handle:
            # The size the stat gave, plus a byte to notice growth: asking for
            # max_size + 1 bytes would allocate that much for every small file.
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += handle.read(max_size + 1 - len(data))
    except OSError as error:
        raise Unreadable(f"Cannot read the file: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
    if len(data) > max_size:  # it grew after the size check
        raise Unreadable(f"File is over the {max_size:,}-byte limit (max_file_size); not parsed")
    return data, info


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
    return _lint_text(text, path, config, context).problems


def _lint_text(
    text: str, path: str, config: Config, context: Context, alone: bool = False
) -> Linted:
    """The problems of one postmortem, and the id and parent it declares.

    The bytes' hash and stat are left for the caller that read them to fill in.
    ``alone`` lints it as if it were the only postmortem in the repository
    (``context.ids`` holds just its own id), which its own front-matter tells:
    a whole repository is linted in one pass that way, and only the files
    whose view of the others differs are linted again (see ``lint_paths``).
    A sub-postmortem's parent is usually in the repository, so its problems
    are also given as if its parent were: only the cross-file rules run twice.
    """
    from pmlint.reading import document  # a run answered from the cache reads no Markdown or YAML

    try:
        doc = document.build(text, path, config)
    except Exception as error:  # a parser bug must not stop the run
        log.debug("internal error while parsing %s", path, exc_info=True)
        problem = _configured(path, "PM000", _internal_finding("parsing", error), config)
        return Linted(None, _facts(text), [problem] if problem else [])
    facts = _declared(doc.front_matter or {})
    views = [context]
    if alone:
        views = [replace(context, ids=ids) for ids in _hypotheses(facts, path)]
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
        found.extend(_run_checks(doc, context, cross_file=False))
    answers = []
    for view in views:
        cross_file = [] if blank or alien else list(_run_checks(doc, view, cross_file=True))
        answers.append(sorted(_problems(doc, [*found, *cross_file], config)))
    return Linted(None, facts, answers[0], answers[1] if len(answers) > 1 else None)


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


def _run_checks(
    doc: document.Document, context: Context, cross_file: bool
) -> Iterator[tuple[str, Finding]]:
    """The schema's and the rules' findings: those of the cross-file rules, or all others."""
    from pmlint.checking import (
        schema,  # loaded when first needed: a cached run never checks a schema
    )

    if not cross_file:
        try:
            yield from _bounded(schema.findings(doc, context.config), "the schema check")
        except ConfigError:
            raise  # a broken team schema stops the run (exit 2), it is not one file's problem
        except Exception as error:
            log.debug("internal error in the schema check of %s", doc.path, exc_info=True)
            yield "PM000", _internal_finding("the schema check", error)
    for code, check in checks(cross_file):
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
    digests: dict[str, str] = {}  # many problems can name one large section
    for code, finding in found:
        if config.inline_config and doc.suppressions.suppressed(code, finding.line):
            continue
        if finding.pointer not in digests:
            digests[finding.pointer] = subjects.subject(doc, finding.pointer)
        problem = _configured(doc.path, code, finding, config, draft, digests[finding.pointer])
        if problem is not None and predates_enforcement:
            problem = replace(problem, severity=Severity.WARNING)
        if problem is not None:
            yield problem


def _configured(
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
    """Lint every postmortem under ``paths`` (default: the configured paths).

    The problems the configured baseline knows are left out and counted, as
    ``pmlint lint`` prints them; a configuration with ``baseline`` set to None
    reports every problem.
    """
    report = _lint_repository(paths, config, today)
    if config.baseline is None:
        return report
    known = baseline.load(config.baseline_copy or config.baseline)
    shown = baseline.relative(str(config.baseline), Path.cwd())
    return baseline.apply(report, known, config.baseline.parent, shown)


def _lint_repository(paths: Iterable[str], config: Config, today: dt.date | None) -> Report:
    """Every problem of every postmortem under ``paths``.

    Every file is read and hashed. Files the cache knows nothing of are linted
    as if alone in the repository, spread over workers when there are enough;
    that also tells their id and parent. The cross-file rules read only what
    ``_view`` gives them, so a file whose view of the whole repository is the
    same as its view alone keeps that result; the others (a parent, a shared
    id) and the files whose cached problems no longer match are linted again
    with the whole repository's ids. The report is the same whatever the cache
    holds and however many workers run.
    """
    named = list(paths) or configured_paths(config)
    targets = discover(named, config)
    tickets = snapshot.for_lint(config)
    tickets_key = snapshot.fingerprint(tickets)
    context = Context(config=config, today=today or config.today, tickets=tickets)
    store = Cache.open(config, context.today) if config.cache_dir else Cache.disabled()
    cwd = os.getcwd()
    # When the cache knows no file, each is read once, by its lint; otherwise
    # every file is read and hashed first, to find what the cache knows.
    known = [_survey((config, store.facts, False), t) for t in targets] if store.facts else None
    alone, surveys = _lint_alone(targets, known, context, store)
    given = {os.path.normpath(path) for path in named}
    others = _others_in_scope(targets, surveys, config, store, given, cwd)
    for target, survey in zip(targets, surveys, strict=True):
        _remember(store, target, survey, cwd)
    scope = {
        _identity(t, s.stat): (t.display, s.facts) for t, s in zip(targets, surveys, strict=True)
    }
    context = replace(context, ids=_index([*scope.values(), *others]))
    problems: list[Problem] = []
    again: dict[Target, tuple[str, str]] = {}  # linted again: the result key, the content
    for target, survey in zip(targets, surveys, strict=True):
        linted = alone.get(target)
        if survey.content is None:  # PM001, whatever the other files hold
            problems.extend(linted.problems if linted else lint_target(target, config, context))
            continue
        view = _view(survey.facts, context.ids)
        # The snapshot is part of every file's key: a new one can change any file's PM206.
        key = result_key(survey.content, target.display, (view, tickets_key))
        if linted is None:
            found = store.problems(key, target.display)
        elif linted.content == survey.content:
            found = _answer(linted, view, target.display)
            if found is not None:
                _keep(store, key, found)
        else:
            found = None
        if found is None:
            again[target] = (key, survey.content)
        else:
            problems.extend(found)
    problems.extend(_lint_again(again, context, store))
    store.save()
    return Report(
        tuple(sorted(problems)), len(targets), tuple(target.display for target in targets)
    )


def _lint_alone(
    targets: list[Target], surveys: list[Survey] | None, context: Context, store: Cache
) -> tuple[dict[Target, Linted], list[Survey]]:
    """Lint the files the cache knows nothing of, each as if alone in the repository.

    Their surveys get the id and parent the lint read, for the repository's
    index. With no surveys, every file is linted and its survey is what its
    lint read.
    """
    if surveys is None:
        new = targets
    else:
        new = [t for t, s in zip(targets, surveys, strict=True) if s.content and not s.facts]
    done = map_in_order(_lint_file, new, (context.config, context, True), context.config.jobs)
    alone = dict(zip(new, done, strict=True))
    if surveys is None:
        surveys = [Survey(linted.stat, linted.content, linted.facts) for linted in done]
    for index, (target, survey) in enumerate(zip(targets, surveys, strict=True)):
        linted = alone.get(target)
        if linted and linted.content and linted.content == survey.content and linted.facts:
            store.add_facts(linted.content, linted.facts)
            surveys[index] = survey._replace(facts=linted.facts)
    return alone, surveys


def _lint_again(
    again: dict[Target, tuple[str, str]], context: Context, store: Cache
) -> Iterator[Problem]:
    """Lint files with the whole repository's ids, keeping what was linted as expected."""
    targets = list(again)
    state = (context.config, context, False)
    for target, linted in zip(
        targets, map_in_order(_lint_file, targets, state, context.config.jobs), strict=True
    ):
        key, expected = again[target]
        if linted.content == expected:
            _keep(store, key, linted.problems)
        yield from linted.problems


def _keep(store: Cache, key: str, problems: list[Problem]) -> list[Problem]:
    """Cache a file's problems, unless pmlint hit a bug in it (PM000).

    A PM000 must happen again on the next run, for --debug to show its traceback.
    """
    if all(problem.code != "PM000" for problem in problems):
        store.add_problems(key, problems)
    return problems


class Survey(NamedTuple):
    """What the first pass learns of a file without linting it (one per postmortem in scope)."""

    stat: Stat | None = None
    content: str | None = None  # the hash of its bytes; None if it cannot be read
    facts: Facts | None = None  # the id and parent its front-matter declares, once read
    parsed: bool = False  # the facts were read from the file, not the cache


def _surveys(targets: list[Target], config: Config, store: Cache) -> list[Survey]:
    """Hash every file, and read the id and parent of those the cache does not know.

    With a warm cache, reading and hashing is all there is to do and workers
    would not pay; parsing front-matter is what is spread over them.
    """
    if not store.facts:
        return map_in_order(_survey, targets, (config, {}, True), config.jobs)
    surveys = [_survey((config, store.facts, False), target) for target in targets]
    unknown = [i for i, survey in enumerate(surveys) if survey.content and not survey.facts]
    parsed = map_in_order(_survey, [targets[i] for i in unknown], (config, {}, True), config.jobs)
    for index, survey in zip(unknown, parsed, strict=True):
        surveys[index] = survey
    return surveys


def _survey(state: tuple[Config, Mapping[str, Facts], bool], target: Target) -> Survey:
    """A file's content hash, and its id and parent if known or ``parse`` is set."""
    config, known, parse = state
    if target.problem is not None:
        return Survey()
    try:
        data, info = read_file(target.path, config.max_file_size)
    except Unreadable:
        return Survey()
    stat, content = stat_of(info), digest(data)
    facts = known.get(content)
    if facts is not None or not parse:
        return Survey(stat, content, facts)
    try:
        text = decode(data)
    except Unreadable:
        return Survey(stat, content)
    return Survey(stat, content, _facts(text), True)


def _facts(text: str) -> Facts:
    """The id and parent a postmortem's front-matter declares, reading nothing else."""
    from pmlint.reading import document, frontmatter

    try:
        return _declared(frontmatter.read(document.split_lines(text)).data or {})
    except Exception:  # a reader bug is reported when the file is linted (PM000)
        log.debug("internal error while reading the id of a file", exc_info=True)
        return None, None


def _declared(front: Mapping[str, object]) -> Facts:
    found = [front.get(key) for key in ("id", "parent")]
    identifier, parent = (value if isinstance(value, str) and value else None for value in found)
    return identifier, parent


def _hypotheses(facts: Facts, path: str) -> list[Mapping[str, tuple[str, ...]]]:
    """The indexes a file is linted against alone: a repository holding only it, and,
    for a sub-postmortem, one that also holds its parent (paths unknown)."""
    identifier, parent = facts
    alone = {identifier: (path,)} if identifier else {}
    if parent is None or parent == identifier:
        return [MappingProxyType(alone)]
    return [MappingProxyType(alone), MappingProxyType({**alone, parent: ()})]


def _answer(linted: Linted, view: object, path: str) -> list[Problem] | None:
    """The problems a file linted alone has in the repository, if it sees it as linted."""
    facts = linted.facts or (None, None)
    answers = (linted.problems, linted.with_parent)
    for ids, problems in zip(_hypotheses(facts, path), answers, strict=False):
        if problems is not None and view == _view(facts, ids):
            return problems
    return None


def _others_in_scope(
    targets: list[Target],
    surveys: list[Survey],
    config: Config,
    store: Cache,
    given: set[str],
    cwd: str,
) -> list[tuple[str, Facts | None]]:
    """Configured postmortems not being linted, which cross-file rules still see:
    each one's path as shown, and its id and parent.

    With no paths configured, or all of them among the paths ``given``, there
    are none. A file whose stat has not changed since its content was hashed is
    not read again: the pre-commit case, one file named in a large repository,
    stays fast. This loop runs once per postmortem of the repository, so it
    does no more than stat the file and look the stat up.
    """
    configured = configured_paths(config) if config.paths else []
    if {os.path.normpath(path) for path in configured} <= given:
        return []  # every configured file is being linted already
    linted = {target.display for target in targets}
    seen = {_identity(t, s.stat) for t, s in zip(targets, surveys, strict=True)}
    found: list[tuple[str, Facts | None]] = []
    unknown: list[Target] = []
    for target in discover(configured, config):
        if target.display in linted or target.problem is not None:
            continue  # a broken link has no id: nothing for the cross-file rules
        try:
            stat = stat_of(os.stat(target.path))
        except OSError:
            continue  # gone since the walk, or unreadable: no id either
        identity = _identity(target, stat)
        if identity in seen:
            continue
        seen.add(identity)
        facts = store.facts_at(_absolute(target.path, cwd), stat)
        if facts is None:
            unknown.append(target)
        else:
            found.append((target.display, facts))
    for target, survey in zip(unknown, _surveys(unknown, config, store), strict=True):
        found.append((target.display, survey.facts))
        _remember(store, target, survey, cwd)
    return found


def _identity(target: Target, stat: Stat | None) -> object:
    """The same file named twice (or through a link) counts once."""
    return (stat[4], stat[3]) if stat else target.display


def _absolute(path: str, cwd: str) -> str:
    """Where the cache remembers a file's stat: the path joined to the working folder.

    Not normalised (``os.path.abspath`` costs more than the rest of a warm
    lookup): a path spelt two ways is only remembered twice.
    """
    return path if os.path.isabs(path) else cwd + os.sep + path


def _remember(store: Cache, target: Target, survey: Survey, cwd: str) -> None:
    if survey.content is None or survey.stat is None:
        return
    if survey.parsed and survey.facts is not None:
        store.add_facts(survey.content, survey.facts)
    store.add_stat(_absolute(target.path, cwd), survey.stat, survey.content)


def _index(scope: Iterable[tuple[str, Facts | None]]) -> MappingProxyType[str, tuple[str, ...]]:
    """Ids of every postmortem in scope (the named files and the configured paths),
    from each one's path as shown and its id and parent; ids and paths sorted.

    One sort of (id, path) pairs: a sort per id cost half of it with 10,000 ids.
    """
    ids: dict[str, list[str]] = {}
    for identifier, shown in sorted(
        (facts[0], shown) for shown, facts in scope if facts is not None and facts[0] is not None
    ):
        ids.setdefault(identifier, []).append(shown)
    return MappingProxyType({key: tuple(paths) for key, paths in ids.items()})


def _view(facts: Facts | None, ids: Mapping[str, tuple[str, ...]]) -> object:
    """All that PM601 and PM602 (rules/repository.py) read of the other files.

    It is part of a file's cache key, so a file's cached problems are reused
    only while the rest of the repository looks the same to it. A cross-file
    rule that reads more of ``Context.ids`` must add it here, and be marked
    ``cross_file`` in the rule catalog.
    """
    identifier, parent = facts or (None, None)
    return [ids.get(identifier, ()) if identifier else None, parent in ids if parent else None]


class Linted(NamedTuple):
    """One file linted by a worker: what was read, what it declares, what is wrong."""

    content: str | None  # the hash of the bytes linted; None if they could not be read
    facts: Facts | None
    problems: list[Problem]
    with_parent: list[Problem] | None = None  # linted alone: the problems if its parent exists
    stat: Stat | None = None  # the stat of the bytes linted


def _lint_file(state: tuple[Config, Context, bool], target: Target) -> Linted:
    """Lint one file (as if alone in the repository when the state says so)."""
    config, context, alone = state
    if target.problem is None:
        try:
            data, info = read_file(target.path, config.max_file_size)
            text = decode(data)
        except Unreadable:
            pass
        else:
            linted = _lint_text(text, target.display, config, context, alone)
            return linted._replace(content=digest(data), stat=stat_of(info))
    return Linted(None, None, lint_target(target, config, context))


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
    """Configured paths, relative to the configuration file, shown relative to the cwd.

    One that does not exist is the configuration's mistake, so the error names the
    configuration file and its key, not only the path.
    """
    shown = [_relative(config.root / path) for path in config.paths]
    for path in shown:
        if not os.path.lexists(path):
            raise ConfigError(f"{path}: no such file or directory (listed in {_paths_key(config)})")
    return shown or ["."]


def _paths_key(config: Config) -> str:
    """Where ``paths`` is set: "'paths' of .pmlint.toml", "[tool.pmlint] 'paths' of ..."."""
    if config.source is None:
        return "the configured 'paths'"
    table = "[tool.pmlint] " if config.source.name == "pyproject.toml" else ""
    source = _relative(config.source) if config.source.is_absolute() else str(config.source)
    return f"{table}'paths' of {source}"


def _relative(path: Path) -> str:
    try:
        return display(os.path.relpath(path))
    except ValueError:  # another drive on Windows
        return display(path)
