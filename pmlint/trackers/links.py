"""Which tracker a ticket link belongs to, and which ticket of it it names.

A link is claimed by the tracker whose ``url`` it starts with (scheme, host,
port and path prefix); a link no tracker claims is never fetched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import SplitResult, unquote, urlsplit

from pmlint.trackers.config import Tracker

_GITHUB = re.compile(r"^/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)/(?:issues|pull)/([0-9]{1,9})/?$")
_GITLAB = re.compile(
    r"^/((?:[A-Za-z0-9_.-]+/)+?[A-Za-z0-9_.-]+)/-/(?:issues|work_items)/([0-9]{1,9})/?$"
)
_JIRA = re.compile(r"^/browse/([A-Z][A-Z0-9_]{0,40}-[0-9]{1,9})/?$")


@dataclass(frozen=True)
class Ref:
    """One ticket: the link as written, its tracker, its project and its number or key."""

    url: str
    tracker: Tracker
    project: str  # github OWNER/REPO, gitlab GROUP/.../PROJECT, jira the key's project
    number: str  # github and gitlab: the issue number; jira: the whole key


@dataclass
class Matched:
    """Links sorted into the tickets to fetch and the links no tracker can read."""

    refs: list[Ref]
    unclaimed: list[str]  # no tracker's url is a prefix of them
    unreadable: list[tuple[str, str]]  # (link, tracker name): its tracker's, but no ticket


def is_link(ticket: str) -> bool:
    return ticket.startswith(("https://", "http://"))


def match(links: Iterable[str], trackers: list[Tracker]) -> Matched:
    """Sort each distinct link (in order) by the tracker that claims it."""
    found = Matched([], [], [])
    for link in dict.fromkeys(links):
        parts = urlsplit(link)
        tracker = _claimant(parts, trackers)
        if tracker is None:
            found.unclaimed.append(link)
            continue
        ref = _ref(link, parts, tracker)
        if ref is None:
            found.unreadable.append((link, tracker.name))
        else:
            found.refs.append(ref)
    return found


def _claimant(parts: SplitResult, trackers: list[Tracker]) -> Tracker | None:
    """The tracker with the longest url that is a prefix of the link (by its parts)."""
    best: tuple[int, Tracker] | None = None
    for tracker in trackers:
        base = urlsplit(tracker.url)
        same_origin = (base.scheme, base.hostname, base.port) == (
            parts.scheme,
            parts.hostname,
            parts.port,
        )
        prefix = base.path.rstrip("/")
        under = parts.path == prefix or parts.path.startswith(prefix + "/")
        if same_origin and under and (best is None or len(prefix) > best[0]):
            best = (len(prefix), tracker)
    return best[1] if best else None


def _ref(link: str, parts: SplitResult, tracker: Tracker) -> Ref | None:
    path = unquote(parts.path)[len(urlsplit(tracker.url).path.rstrip("/")) :]
    if tracker.kind == "github" and (hit := _GITHUB.match(path)):
        return Ref(link, tracker, f"{hit[1]}/{hit[2]}", hit[3])
    if tracker.kind == "gitlab" and (hit := _GITLAB.match(path)):
        return Ref(link, tracker, hit[1], hit[2])
    if tracker.kind == "jira" and (hit := _JIRA.match(path)):
        return Ref(link, tracker, hit[1].rsplit("-", 1)[0], hit[1])
    return None
