"""The repository pass: every file's own lint, then the cross-file rules over the facts.

Pass one gives each named postmortem its problems and facts
(``pmlint.checking.lint.lint_file``): from the cache, keyed by the hash of its
bytes, when it knows them; linted, spread over workers, otherwise. The
configured postmortems that are not named count too, for their id only,
remembered by stat so a one-file run does not read them. Pass two indexes the
ids of every postmortem in scope and judges each named file's facts against
that index. Nothing is parsed twice, and the report is the same whatever the
cache holds and however many workers run.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import replace
from types import MappingProxyType
from typing import NamedTuple

from pmlint.checking import facts as facts_module
from pmlint.checking.facts import Declared, Facts
from pmlint.checking.rules import Context
from pmlint.config import Config
from pmlint.problem import Finding, Problem
from pmlint.reading.source import Unreadable, decode, read_file
from pmlint.running.cache import Cache, Stat, stat_of
from pmlint.running.files import Target, configured_paths, discover, in_scope
from pmlint.running.keys import answer_key, digest, result_key
from pmlint.running.report import Report
from pmlint.running.workers import map_in_order
from pmlint.trackers import snapshot


class Linted(NamedTuple):
    """One named file after pass one: what was read, its own problems, its facts.

    A file that could be read has its facts, or, when they came from the cache,
    their stored text, decoded only if the cross-file pass must run again.
    """

    stat: Stat | None  # of the bytes linted; None if they could not be read (PM001)
    content: str | None  # the hash of those bytes
    problems: list[Problem]
    facts: Facts | None = None
    stored: str | None = None


def lint_repository(
    paths: Iterable[str], config: Config, today: dt.date | None, staged: bool = False
) -> Report:
    """Every problem of every postmortem under ``paths`` (default: the configured paths).

    ``staged``: the configured postmortems not named are read as Git's index holds
    them (``running.staged``), as a commit hook judges a commit.
    """
    named = list(paths) or configured_paths(config)
    targets = discover(named, config)
    tickets = snapshot.for_lint(config)
    context = Context(config=config, today=today or config.today, tickets=tickets)
    store = Cache.open(config, context.today) if config.cache_dir else Cache.disabled()
    cwd = os.getcwd()
    files = _own_problems(targets, context, store, snapshot.fingerprint(tickets))
    scope: dict[object, tuple[str, Declared | None]] = {}
    for target, file in zip(targets, files, strict=True):
        if file.content is not None and file.stat is not None:
            store.add_stat(_absolute(target.path, cwd), file.stat, file.content)
        scope[_identity(target, file.stat)] = (target.display, _declared(file, store))
    given = {os.path.normpath(path) for path in named}
    others = _others(targets, scope, config, store, given, cwd, staged)
    ids = _index([*scope.values(), *others])
    problems = [problem for file in files for problem in file.problems]
    problems.extend(_cross_file(targets, files, replace(context, ids=ids), store))
    store.save()
    return Report(
        tuple(sorted(problems)), len(targets), tuple(target.display for target in targets)
    )


def _cross_file(
    targets: list[Target], files: list[Linted], context: Context, store: Cache
) -> list[Problem]:
    """Pass two: the cross-file rules over each named file's facts, against ``context.ids``.

    Their answer is cached too, under the index and the named files' contents:
    a run over an unchanged repository does not judge 10,000 files again.
    """
    judged = [(t, f) for t, f in zip(targets, files, strict=True) if f.content is not None]
    contents = [str(file.content) for _, file in judged]
    key = answer_key(context.ids, [target.display for target, _ in judged], contents)
    found = store.answer(key)
    if found is None:
        from pmlint.checking.lint import cross_file_problems  # see _lint_target

        found = [
            problem
            for target, file in judged
            for problem in cross_file_problems(
                target.display, _facts(target, file, context), context
            )
        ]
        if all(problem.code != "PM000" for problem in found):
            store.add_answer(key, found)
    return found


def _declared(file: Linted, store: Cache) -> Declared | None:
    """The id and parent of a named file: what files.json remembers of its bytes, or its facts."""
    if file.facts is not None:
        return file.facts.declared
    if file.stored is None:
        return None
    known = store.facts.get(str(file.content))
    if known is not None:
        return known
    facts = facts_module.from_text(file.stored)
    return None if facts is None else facts.declared


def _facts(target: Target, file: Linted, context: Context) -> Facts:
    """A named file's facts, decoded from the cache, or from a lint if they cannot be."""
    if file.facts is not None:
        return file.facts
    facts = facts_module.from_text(file.stored or "")
    return facts or _lint_target((context, ""), target).facts or Facts(judged=False)


def _own_problems(
    targets: list[Target], context: Context, store: Cache, snapshot_key: str
) -> list[Linted]:
    """Pass one: each file's problems and facts, from the cache or linted.

    When the cache knows no result, each file is read once, by its lint;
    otherwise every file is read and hashed first, to find what the cache
    knows, and only the others are linted (and read again).
    """
    config = context.config
    state = (context, snapshot_key)
    if not store.results:
        done = map_in_order(_lint_target, targets, state, config.jobs)
        return [
            _kept(store, file, target, snapshot_key)
            for target, file in zip(targets, done, strict=True)
        ]
    known = [_cached(target, config.max_file_size, store, snapshot_key) for target in targets]
    missing = [target for target, file in zip(targets, known, strict=True) if file is None]
    linted = iter(map_in_order(_lint_target, missing, state, config.jobs))
    return [
        file if file is not None else _kept(store, next(linted), target, snapshot_key)
        for target, file in zip(targets, known, strict=True)
    ]


def _cached(target: Target, max_size: int, store: Cache, snapshot_key: str) -> Linted | None:
    """A file's result as the cache holds it for its bytes, or None if it must be linted."""
    if target.problem is not None:
        return None
    try:
        data, info = read_file(target.path, max_size)
    except Unreadable:
        return None
    content = digest(data)
    found = store.result(result_key(content, target.display, snapshot_key), target.display)
    return None if found is None else Linted(stat_of(info), content, found[0], stored=found[1])


def _kept(store: Cache, file: Linted, target: Target, snapshot_key: str) -> Linted:
    """Cache a file's result, unless pmlint hit a bug in it (PM000).

    A PM000 must happen again on the next run, for --debug to show its traceback.
    """
    if file.content is None or file.facts is None:
        return file
    store.add_facts(file.content, file.facts.declared)
    if all(problem.code != "PM000" for problem in file.problems):
        key = result_key(file.content, target.display, snapshot_key)
        store.add_result(key, file.problems, file.facts)
    return file


def _lint_target(state: tuple[Context, str], target: Target) -> Linted:
    """Read and lint one file (in a worker, when there are enough files)."""
    # Here, not at the top: a run whose files are all in the cache never reads one, and
    # importing the readers, the schema and the rule families is most of its start-up.
    from pmlint.checking.lint import configured, lint_file

    context = state[0]
    config = context.config
    try:
        if target.problem is not None:
            raise Unreadable(f"Path {target.problem}")
        data, info = read_file(target.path, config.max_file_size)
        text = decode(data)
    except Unreadable as error:
        problem = configured(target.display, "PM001", Finding(1, str(error)), config)
        return Linted(None, None, [problem] if problem else [])
    problems, facts = lint_file(text, target.display, context)
    return Linted(stat_of(info), digest(data), problems, facts)


def _others(
    targets: list[Target],
    scope: dict[object, tuple[str, Declared | None]],
    config: Config,
    store: Cache,
    given: set[str],
    cwd: str,
    staged: bool,
) -> list[tuple[str, Declared | None]]:
    """The configured postmortems not named: from Git's index when ``staged`` and there is
    one, else from the working tree."""
    configured = in_scope(config)
    if {os.path.normpath(path) for path in configured} <= given:
        return []  # every configured file is being linted already
    if staged:
        from pmlint.running.staged import others_in_index  # git: only under pre-commit

        linted = {target.display for target in targets}
        found = others_in_index(configured, linted, config, store)
        if found is not None:
            return found
    return _others_in_scope(targets, scope, configured, config, store, cwd)


def _others_in_scope(
    targets: list[Target],
    scope: dict[object, tuple[str, Declared | None]],
    configured: list[str],
    config: Config,
    store: Cache,
    cwd: str,
) -> list[tuple[str, Declared | None]]:
    """Configured postmortems not being linted, which cross-file rules still see:
    each one's path as shown, and its id and parent.

    A file whose stat has not changed since its content was hashed is
    not read again: the pre-commit case, one file named in a large repository,
    stays fast. This loop runs once per postmortem of the repository, so it
    does no more than stat the file and look the stat up.
    """
    linted = {target.display for target in targets}
    seen = set(scope)
    found: list[tuple[str, Declared | None]] = []
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
        declared = store.facts_at(_absolute(target.path, cwd), stat)
        if declared is None:
            unknown.append(target)
        else:
            found.append((target.display, declared))
    for target, (read, content, declared) in zip(
        unknown, _declared_in_files(unknown, config, store), strict=True
    ):
        found.append((target.display, declared))
        if content is not None and read is not None:
            store.add_stat(_absolute(target.path, cwd), read, content)
    return found


Read = tuple[Stat | None, str | None, Declared | None]  # stat, content hash, id and parent


def _declared_in_files(targets: list[Target], config: Config, store: Cache) -> list[Read]:
    """Each file's stat, content hash, and id and parent, from the cache by content or
    from its front-matter (spread over workers: the body is never parsed)."""
    read = [_read_declared((config, store.facts, False), target) for target in targets]
    unknown = [i for i, (_, content, declared) in enumerate(read) if content and not declared]
    parsed = map_in_order(
        _read_declared, [targets[i] for i in unknown], (config, {}, True), config.jobs
    )
    for index, found in zip(unknown, parsed, strict=True):
        read[index] = found
        if found[1] is not None and found[2] is not None:
            store.add_facts(found[1], found[2])
    return read


def _read_declared(state: tuple[Config, dict[str, Declared], bool], target: Target) -> Read:
    """A file's stat and content hash, and its id and parent if known or ``parse`` is set."""
    config, known, parse = state
    try:
        data, info = read_file(target.path, config.max_file_size)
    except Unreadable:
        return None, None, None
    stat, content = stat_of(info), digest(data)
    declared = known.get(content)
    if declared is not None or not parse:
        return stat, content, declared
    try:
        text = decode(data)
    except Unreadable:
        return stat, content, None
    return stat, content, facts_module.declared_in(text)


def _identity(target: Target, stat: Stat | None) -> object:
    """The same file named twice (or through a link) counts once."""
    return (stat[4], stat[3]) if stat else target.display


def _absolute(path: str, cwd: str) -> str:
    """Where the cache remembers a file's stat: the path joined to the working folder.

    Not normalised (``os.path.abspath`` costs more than the rest of a warm
    lookup): a path spelt two ways is only remembered twice.
    """
    return path if os.path.isabs(path) else cwd + os.sep + path


def _index(scope: Iterable[tuple[str, Declared | None]]) -> MappingProxyType[str, tuple[str, ...]]:
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
