"""The ticket snapshot: what ``pmlint sync`` read from the trackers, for lint and reports.

``{"version": 1, "tickets": {URL: {...}}}``, keys sorted, one ticket per line,
so a scheduled sync commits a diff a person can read. Lint and reports read it
and never the network. The file may come from anyone who can open a pull
request: it is bounded in size and every entry is checked before it is used.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from pmlint.config import Config
from pmlint.safe_write import write_file

VERSION = 1
#: A snapshot of 100,000 tickets is about 20 MB; a larger file is not read.
MAX_BYTES = 32 * 1024 * 1024
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class SnapshotError(Exception):
    """The snapshot cannot be used; the message names the file (and line)."""


@dataclass(frozen=True)
class Entry:
    """One ticket as its tracker reported it, or why it could not be read."""

    tracker: str
    fetched: str  # UTC, e.g. 2026-12-02T09:52:00Z
    state: str | None = None  # "open" or "closed"; None when ``error`` says why
    closed: str | None = None  # YYYY-MM-DD
    reason: str | None = None  # the tracker's word: completed, not_planned, Done, Won't Do
    title: str | None = None
    error: str | None = None

    def to_json(self) -> dict[str, str | None]:
        if self.error is not None:
            return {"tracker": self.tracker, "error": self.error, "fetched": self.fetched}
        return {
            "tracker": self.tracker,
            "state": self.state,
            "closed": self.closed,
            "reason": self.reason,
            "title": self.title,
            "fetched": self.fetched,
        }


def path_of(config: Config) -> Path:
    return config.root / config.tickets


def timestamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def render(tickets: Mapping[str, Entry]) -> str:
    """The file's text: keys sorted, one ticket per line."""
    lines = [
        f"    {json.dumps(url, ensure_ascii=False)}: "
        + json.dumps(tickets[url].to_json(), sort_keys=True, ensure_ascii=False)
        for url in sorted(tickets)
    ]
    inner = ",\n".join(lines)
    body = f"{{\n{inner}\n  }}" if lines else "{}"
    return f'{{\n  "tickets": {body},\n  "version": {VERSION}\n}}\n'


def write(path: Path, tickets: Mapping[str, Entry]) -> None:
    """Replace the snapshot; a link in its place is replaced, never written through."""
    write_file(path, render(tickets))


def load(path: Path) -> dict[str, Entry]:
    """The snapshot's entries; SnapshotError when it is not one."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise SnapshotError(f"{path}: cannot read the ticket snapshot: {error.strerror}") from None
    if len(data) > MAX_BYTES:
        raise SnapshotError(f"{path}: the ticket snapshot is over {MAX_BYTES:,} bytes; not read")
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        line = getattr(error, "lineno", 1)
        raise SnapshotError(f"{path}:{line}: the ticket snapshot is not JSON: {error}") from None
    if not isinstance(document, dict) or document.get("version") != VERSION:
        raise SnapshotError(f"{path}: not a version {VERSION} ticket snapshot")
    tickets = document.get("tickets")
    if not isinstance(tickets, dict):
        raise SnapshotError(f"{path}: 'tickets' must be an object")
    entries: dict[str, Entry] = {}
    for url, value in tickets.items():
        entry = _entry(value)
        if entry is None:
            raise SnapshotError(f"{path}: the entry of {url!r} is not a ticket entry")
        entries[url] = entry
    return entries


def _entry(value: object) -> Entry | None:
    if not isinstance(value, dict):
        return None
    texts = {k: v for k, v in value.items() if isinstance(v, str)}
    if not isinstance(value.get("tracker"), str) or not isinstance(value.get("fetched"), str):
        return None
    if parse_time(texts["fetched"]) is None:
        return None
    if isinstance(value.get("error"), str):
        return Entry(texts["tracker"], texts["fetched"], error=" ".join(texts["error"].split()))
    closed = value.get("closed")
    if value.get("state") not in ("open", "closed"):
        return None
    if closed is not None and not (isinstance(closed, str) and _DAY.match(closed)):
        return None
    return Entry(
        texts["tracker"],
        texts["fetched"],
        state=texts["state"],
        closed=texts.get("closed"),
        reason=texts.get("reason"),
        title=texts.get("title"),
    )


def parse_time(text: str) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def age_days(tickets: Mapping[str, Entry], now: dt.datetime) -> int | None:
    """Calendar days (UTC) since the oldest ``fetched`` among the tickets read; None if none."""
    times = [parse_time(entry.fetched) for entry in tickets.values() if entry.state]
    oldest = min((moment for moment in times if moment is not None), default=None)
    if oldest is None:
        return None
    return (now.astimezone(dt.UTC).date() - oldest.astimezone(dt.UTC).date()).days


def for_lint(config: Config) -> Mapping[str, Entry]:
    """The tickets read, for lint and reports: none without a snapshot or a usable one.

    A broken snapshot is reported by ``notices``; lint then runs as if there were none.
    """
    path = path_of(config)
    if not path.is_file():
        return MappingProxyType({})
    try:
        tickets = load(path)
    except SnapshotError:
        return MappingProxyType({})
    return MappingProxyType({url: entry for url, entry in tickets.items() if entry.state})


def fingerprint(tickets: Mapping[str, Entry]) -> str:
    """What of the snapshot decides lint's results (not when it was fetched): a cache key part."""
    hasher = hashlib.blake2b(digest_size=16)
    for url in sorted(tickets):
        entry = tickets[url]
        hasher.update(json.dumps([url, entry.state, entry.closed, entry.reason]).encode())
    return hasher.hexdigest()


def notices(config: Config, now: dt.datetime) -> list[str]:
    """Warnings about the snapshot lint reads: unusable, or older than ``tickets_max_age``."""
    path = path_of(config)
    if not path.is_file():
        return []
    try:
        tickets = load(path)
    except SnapshotError as error:
        return [f"{error}; ticket states are not checked"]
    age = age_days(tickets, now)
    if age is None or age <= config.tickets_max_age:
        return []
    return [
        f"{path}: the ticket snapshot is stale: {age} days old (tickets_max_age is "
        f"{config.tickets_max_age}); run 'pmlint sync'"
    ]
