"""``pmlint sync``: read the state of every linked ticket and build the snapshot.

Trackers are asked in batches, all at once within the transport's limit; a
batch that fails marks its own tickets, a tracker that refuses its
credentials marks its own, and every other ticket is still written.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from pmlint.trackers import github, gitlab, jira
from pmlint.trackers.config import Tracker
from pmlint.trackers.links import Ref, match
from pmlint.trackers.snapshot import Entry, timestamp
from pmlint.trackers.transport import AllowList, Credentials, Failed, Refused, Session

log = logging.getLogger("pmlint")
EXIT_OK, EXIT_SOME_UNREAD, EXIT_REFUSED = 0, 1, 2
_CLIENTS = {"github": github.jobs, "gitlab": gitlab.jobs, "jira": jira.jobs}


@dataclass
class Outcome:
    """What a sync read, and what it could not."""

    tickets: dict[str, Entry] = field(default_factory=dict)
    unclaimed: list[str] = field(default_factory=list)  # links no tracker claims
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (link, tracker)
    refused: list[str] = field(default_factory=list)  # one line per tracker, naming the variable
    requests: int = 0

    @property
    def failed(self) -> list[str]:
        return sorted(url for url, entry in self.tickets.items() if entry.error is not None)

    @property
    def exit_code(self) -> int:
        if self.refused:
            return EXIT_REFUSED
        return EXIT_SOME_UNREAD if self.failed or self.unreadable else EXIT_OK


def run(
    links: Iterable[str],
    trackers: list[Tracker],
    allowed: AllowList,
    environment: Mapping[str, str],
    session: Session,
    progress: Callable[[int], Callable[[], None]] | None = None,
) -> Outcome:
    """Fetch every ticket that ``links`` name; ``progress(total)`` gives a per-batch tick."""
    matched = match(links, trackers)
    outcome = Outcome(unclaimed=matched.unclaimed, unreadable=matched.unreadable)
    fetched = timestamp(dt.datetime.now(dt.UTC))
    batches: list[tuple[list[Ref], Callable[[], dict[str, Entry]]]] = []
    for tracker in trackers:
        refs = [ref for ref in matched.refs if ref.tracker is tracker]
        if not refs:
            continue
        try:
            auth = _credentials(tracker, allowed, environment)
        except Refused as refusal:
            outcome.refused.append(str(refusal))
            outcome.tickets.update(
                (ref.url, Entry(tracker.name, fetched, error="token not sent")) for ref in refs
            )
            continue
        batches += _CLIENTS[tracker.kind](refs, session, auth, fetched)
    refused: dict[str, str] = {}
    lock = threading.Lock()

    def guarded(refs: list[Ref], job: Callable[[], dict[str, Entry]]) -> dict[str, Entry]:
        try:
            return job()
        except Failed as failure:
            if isinstance(failure, Refused):
                with lock:
                    refused.setdefault(refs[0].tracker.name, _refusal(refs[0].tracker))
            reason = str(failure)
        except Exception as error:  # a tracker's odd answer must not stop the others
            log.debug("unexpected answer from %s", refs[0].tracker.name, exc_info=True)
            reason = f"unexpected answer ({type(error).__name__})"
        return {ref.url: Entry(ref.tracker.name, fetched, error=reason) for ref in refs}

    tick = progress(len(batches)) if progress else None
    jobs = [lambda refs=refs, job=job: guarded(refs, job) for refs, job in batches]
    for found in session.run(jobs, tick) if tick else session.run(jobs):
        outcome.tickets.update(found)
    outcome.refused += [refused[name] for name in sorted(refused)]
    outcome.requests = session.requests
    return outcome


def _refusal(tracker: Tracker) -> str:
    return f"tracker '{tracker.name}' refused the credentials (401): check ${tracker.token_env}" + (
        f" and ${tracker.email_env}" if tracker.email_env else ""
    )


def _credentials(
    tracker: Tracker, allowed: AllowList, environment: Mapping[str, str]
) -> Credentials | None:
    """The tracker's credentials from the environment, if they may go to its API.

    No token: no credentials (public projects can still be read). A token whose
    API is not allowed is never sent: Refused names the variable and the host.
    """
    token = environment.get(tracker.token_env, "").strip()
    if not token:
        return None
    for endpoint in filter(None, (tracker.api, tracker.graphql)):
        refusal = allowed.refusal(endpoint, tracker.kind)
        if refusal is not None:
            raise Refused(
                f"tracker '{tracker.name}': ${tracker.token_env} not sent: {refusal} "
                "(allow it with --allow-host HOST[:PORT] or PMLINT_ALLOW_HOSTS)"
            )
    if tracker.kind == "github":
        return Credentials({"Authorization": f"Bearer {token}"}, tracker.token_env)
    if tracker.kind == "gitlab":
        return gitlab.credentials(token, tracker.token_env)
    email = environment.get(tracker.email_env, "").strip() if tracker.email_env else None
    if tracker.email_env and not email:
        raise Refused(f"tracker '{tracker.name}': ${tracker.email_env} is not set")
    return jira.credentials(token, tracker.token_env, email)
