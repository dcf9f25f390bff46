"""Jira issues: Cloud's ``POST /rest/api/3/search/jql`` (token pages), Data Center's
``POST /rest/api/2/search`` (``startAt`` pages), a hundred keys a query.

A status whose category is ``done`` is closed; the resolution's name is the
reason and ``resolutiondate`` the closed date.
"""

from __future__ import annotations

import base64
import re
from typing import Any

from pmlint.trackers.batches import Batch, Job, batches
from pmlint.trackers.links import Ref
from pmlint.trackers.snapshot import Entry
from pmlint.trackers.transport import Credentials, Failed, Session

PER_QUERY = 100
MAX_PAGES = 20
FIELDS = ["status", "resolution", "resolutiondate", "summary"]
#: Cloud answers 400 for a key that does not exist: "An issue with key 'OPS-9' does not exist ...".
_MISSING = re.compile(r"key '([A-Z][A-Z0-9_]*-[0-9]+)' does not exist")


def credentials(token: str, variable: str, email: str | None) -> Credentials:
    """Cloud: basic auth with the account's email; Data Center: a bearer token."""
    if email is None:
        return Credentials({"Authorization": f"Bearer {token}"}, variable)
    pair = base64.b64encode(f"{email}:{token}".encode()).decode("ascii")
    return Credentials({"Authorization": f"Basic {pair}"}, variable)


def jobs(refs: list[Ref], session: Session, auth: Credentials | None, fetched: str) -> list[Batch]:
    ordered = sorted(refs, key=lambda ref: (ref.tracker.name, ref.project, ref.number))
    return batches(
        ordered,
        lambda ref: ref.tracker.name,
        PER_QUERY,
        lambda chunk: _job(chunk, session, auth, fetched),
    )


def _job(refs: list[Ref], session: Session, auth: Credentials | None, fetched: str) -> Job:
    def run() -> dict[str, Entry]:
        keys = sorted({ref.number for ref in refs})
        issues: dict[str, dict[str, Any]] = {}
        for _ in range(3):  # each round drops the keys Cloud says do not exist
            try:
                issues = _search(refs[0], keys, session, auth)
                break
            except Failed as error:
                missing = set(_MISSING.findall(error.detail))
                if not missing or not (keys := [key for key in keys if key not in missing]):
                    raise
        return {ref.url: _entry(ref, issues.get(ref.number), fetched) for ref in refs}

    return run


def _search(
    ref: Ref, keys: list[str], session: Session, auth: Credentials | None
) -> dict[str, dict[str, Any]]:
    tracker = ref.tracker
    jql = f"key in ({', '.join(keys)})"
    cloud = tracker.cloud
    url = f"{tracker.api}/rest/api/3/search/jql" if cloud else f"{tracker.api}/rest/api/2/search"
    body: dict[str, Any] = {"jql": jql, "fields": FIELDS, "maxResults": PER_QUERY}
    if not cloud:
        body.update(startAt=0, validateQuery=False)
    issues: dict[str, dict[str, Any]] = {}
    for _ in range(MAX_PAGES):
        reply = session.send("POST", url, tracker.api, auth, json=body)
        page = reply.data if isinstance(reply.data, dict) else {}
        found = page.get("issues")
        if not isinstance(found, list):
            raise Failed("malformed response (no 'issues' list)")
        for issue in found:
            if isinstance(issue, dict) and isinstance(issue.get("key"), str):
                issues[issue["key"]] = issue
        if cloud:
            token = page.get("nextPageToken")
            if page.get("isLast", True) if token is None else not token:
                break
            body["nextPageToken"] = token
        else:
            body["startAt"] = int(body["startAt"]) + len(found)
            if not found or body["startAt"] >= int(page.get("total", 0)):
                break
    return issues


def _entry(ref: Ref, issue: dict[str, Any] | None, fetched: str) -> Entry:
    if issue is None:
        return Entry(ref.tracker.name, fetched, error="not found (404)")
    fields = _object(issue.get("fields"))
    category = _object(_object(fields.get("status")).get("statusCategory")).get("key")
    if not isinstance(category, str):
        return Entry(ref.tracker.name, fetched, error="malformed response (no status category)")
    closed = category == "done"
    resolution = _object(fields.get("resolution"))
    day = fields.get("resolutiondate")
    return Entry(
        ref.tracker.name,
        fetched,
        state="closed" if closed else "open",
        closed=day[:10] if closed and isinstance(day, str) and len(day) >= 10 else None,
        reason=resolution.get("name")
        if closed and isinstance(resolution.get("name"), str)
        else None,
        title=fields.get("summary") if isinstance(fields.get("summary"), str) else None,
    )


def _object(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
