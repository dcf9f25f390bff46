"""What ``pmlint sync`` does between reading the postmortems and printing: match
links, fetch, write the snapshot (and, with ``--write``, the Markdown), and say
what could not be read. The CLI only wires this up.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import click

from pmlint.config import Config
from pmlint.errors import UserError
from pmlint.reports.records import Postmortem
from pmlint.trackers import rewrite, snapshot
from pmlint.trackers.config import trackers
from pmlint.trackers.links import is_link
from pmlint.trackers.sync import Outcome, run
from pmlint.trackers.transport import ALLOW_HOSTS_ENV, AllowList, Policy, Session


class SyncError(UserError):
    """Sync cannot start: no tracker, a bad table, an unwritable snapshot."""


@dataclass
class Result:
    exit_code: int
    summary: str
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def allow_list(given: Iterable[str], environment: Mapping[str, str]) -> AllowList:
    return AllowList.of(given, environment.get(ALLOW_HOSTS_ENV))


def linked(postmortems: Iterable[Postmortem]) -> dict[str, str]:
    """Each ticket link of a follow-up, with the first file that links it."""
    found: dict[str, str] = {}
    for pm in postmortems:
        for item in pm.follow_ups:
            ticket = item.get("ticket")
            if isinstance(ticket, str) and is_link(ticket):
                found.setdefault(ticket, pm.path)
    return found


def sync(
    config: Config,
    postmortems: list[Postmortem],
    allowed: AllowList,
    environment: Mapping[str, str],
    write: bool,
    policy: Policy | None = None,
) -> Result:
    """Fetch, write the snapshot, and report; SyncError when it cannot start."""
    configured = trackers(config)
    if not configured:
        raise SyncError(
            "no tracker is configured: add a [tool.pmlint.trackers.NAME] table "
            "(see docs/trackers.md)"
        )
    links = linked(postmortems)
    session = Session(policy)
    try:
        outcome = run(links, configured, allowed, environment, session, _progress())
    finally:
        session.close()
    target = snapshot.path_of(config)
    try:
        snapshot.write(target, outcome.tickets)
    except OSError as error:
        raise SyncError(f"{target}: cannot write the ticket snapshot: {error.strerror}") from None
    result = _report(outcome, links, target)
    if write:
        changed = rewrite.apply(postmortems, outcome.tickets, config, result.errors)
        result.summary += f"\n{changed} follow-up{'s' * (changed != 1)} rewritten"
    return result


def _report(outcome: Outcome, links: Mapping[str, str], target: Path) -> Result:
    warnings = [
        f"no tracker claims {link} (linked from {links[link]}); not fetched"
        for link in outcome.unclaimed
    ]
    errors = [
        f"{link} (linked from {links[link]}) is not an issue link of tracker '{name}'"
        for link, name in outcome.unreadable
    ]
    errors += [f"{url}: {outcome.tickets[url].error}" for url in outcome.failed]
    errors += outcome.refused
    read = len(outcome.tickets) - len(outcome.failed)
    summary = (
        f"{target}: {len(outcome.tickets)} ticket{'s' * (len(outcome.tickets) != 1)}, "
        f"{read} read, {len(outcome.failed)} not read "
        f"({outcome.requests} request{'s' * (outcome.requests != 1)})"
    )
    return Result(outcome.exit_code, summary, warnings, errors)


def _progress() -> Callable[[int], Callable[[], None]] | None:
    """A progress bar on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None

    def start(total: int) -> Callable[[], None]:
        bar = click.progressbar(length=total, label="Reading tickets", file=sys.stderr)
        bar.render_progress()
        done = [0]

        def tick() -> None:
            done[0] += 1
            bar.update(1)
            if done[0] == total:
                bar.render_finish()

        return tick

    return start
