"""GitLab issues: per project, ``GET /projects/:id/issues?iids[]=...``, following pages."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx

from pmlint.trackers.batches import Batch, Job, batches
from pmlint.trackers.links import Ref
from pmlint.trackers.snapshot import Entry
from pmlint.trackers.transport import Credentials, Failed, Session

PER_REQUEST = 100
#: Pages followed for one batch: a hundred iids fit in one page of a hundred.
MAX_PAGES = 20


def credentials(token: str, variable: str) -> Credentials:
    return Credentials({"PRIVATE-TOKEN": token}, variable)


def jobs(refs: list[Ref], session: Session, auth: Credentials | None, fetched: str) -> list[Batch]:
    """One job per project and hundred iids."""
    ordered = sorted(refs, key=lambda ref: (ref.tracker.name, ref.project, int(ref.number)))
    return batches(
        ordered,
        lambda ref: (ref.tracker.name, ref.project),
        PER_REQUEST,
        lambda chunk: _job(chunk, session, auth, fetched),
    )


def _job(refs: list[Ref], session: Session, auth: Credentials | None, fetched: str) -> Job:
    def run() -> dict[str, Entry]:
        api = refs[0].tracker.api
        iids = sorted({int(ref.number) for ref in refs})
        url: str | None = f"{api}/projects/{quote(refs[0].project, safe='')}/issues"
        params: Any = [("iids[]", str(iid)) for iid in iids] + [("per_page", str(PER_REQUEST))]
        issues: dict[str, dict[str, Any]] = {}
        for _ in range(MAX_PAGES):
            if url is None:
                break
            reply = session.send("GET", url, api, auth, params=params)
            if not isinstance(reply.data, list):
                raise Failed("malformed response (not a list of issues)")
            for issue in reply.data:
                if isinstance(issue, dict) and "iid" in issue:
                    issues[str(issue["iid"])] = issue
            url, params = _next_page(url, params, reply.headers)
        return {ref.url: _entry(ref, issues.get(ref.number), fetched) for ref in refs}

    return run


def _next_page(url: str, params: Any, headers: httpx.Headers) -> tuple[str | None, Any]:
    """The next page from ``x-next-page``, else from the ``Link`` header (keyset pages)."""
    following = headers.get("x-next-page", "").strip()
    if following.isdigit():
        kept = [(key, value) for key, value in params if key != "page"]
        return url, [*kept, ("page", following)]
    link = httpx.Response(200, headers=headers).links.get("next", {}).get("url")
    return (link, None) if link else (None, None)


def _entry(ref: Ref, issue: dict[str, Any] | None, fetched: str) -> Entry:
    if issue is None:
        return Entry(ref.tracker.name, fetched, error="not found (404)")
    state = issue.get("state")
    if state not in ("opened", "closed"):
        return Entry(ref.tracker.name, fetched, error="malformed response (no issue state)")
    closed_at = issue.get("closed_at")
    return Entry(
        ref.tracker.name,
        fetched,
        state="closed" if state == "closed" else "open",
        closed=closed_at[:10] if state == "closed" and isinstance(closed_at, str) else None,
        title=issue.get("title") if isinstance(issue.get("title"), str) else None,
    )
