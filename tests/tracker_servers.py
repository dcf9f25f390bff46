"""Loopback stand-ins for the trackers' APIs, speaking their published shapes.

One ``FakeTracker`` serves GitHub (GraphQL ``POST /graphql`` and REST
``GET /repos/O/R/issues/N``), GitLab v4 (``GET /api/v4/projects/:id/issues``),
Jira Cloud (``POST /rest/api/3/search/jql``) and Data Center
(``POST /rest/api/2/search``) on 127.0.0.1, records every request, and can be
told to answer a path with scripted failures first (401, 403, 429, 5xx,
malformed JSON, a slow answer).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from graphql import parse as parse_graphql
from graphql.language import FieldNode, OperationDefinitionNode


@dataclass
class Scripted:
    """An answer given instead of the real one: status, headers, body, delay."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: str = "{}"
    delay: float = 0.0


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: str


@dataclass
class FakeTracker:
    """Issues by kind-specific id, scripted answers by path prefix, requests seen."""

    github: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)
    gitlab: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)
    jira: dict[str, dict[str, Any]] = field(default_factory=dict)
    token: str | None = None  # the Authorization / PRIVATE-TOKEN the server accepts
    script: dict[str, list[Scripted]] = field(default_factory=dict)
    page_size: int = 100
    link_pages: bool = False  # GitLab: keyset-style Link headers instead of x-next-page
    next_base: str | None = None  # where those Link headers point (default: this server)
    requests: list[Seen] = field(default_factory=list)
    port: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def scripted(self, path: str) -> Scripted | None:
        with self.lock:
            for prefix, answers in self.script.items():
                if path.startswith(prefix) and answers:
                    return answers.pop(0)
        return None


def _authorised(tracker: FakeTracker, headers: dict[str, str]) -> bool:
    if tracker.token is None:
        return True
    given = headers.get("authorization", "") + headers.get("private-token", "")
    return tracker.token in given


def github_issue(
    state: str, reason: str | None = None, closed: str | None = None
) -> dict[str, Any]:
    """An issue as GraphQL gives it (REST fields are derived from it)."""
    return {"state": state, "stateReason": reason, "closedAt": closed, "title": "a ticket"}


def _graphql(tracker: FakeTracker, request: dict[str, Any]) -> dict[str, Any]:
    """Answer a query of repository/issueOrPullRequest aliases, as GitHub does."""
    document = parse_graphql(request["query"])
    variables = request.get("variables") or {}
    data: dict[str, Any] = {}
    errors: list[dict[str, Any]] = []
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    for repository in operation.selection_set.selections:
        assert isinstance(repository, FieldNode) and repository.name.value == "repository"
        alias = repository.alias.value if repository.alias else "repository"
        given: Any = repository.arguments  # variables: $oN and $nN
        arguments = {a.name.value: variables[a.value.name.value] for a in given}
        project = f"{arguments['owner']}/{arguments['name']}"
        if not any(key[0] == project for key in tracker.github):
            data[alias] = None
            errors.append({"type": "NOT_FOUND", "path": [alias], "message": "no repository"})
            continue
        found: dict[str, Any] = {}
        assert repository.selection_set is not None
        for ticket in repository.selection_set.selections:
            assert isinstance(ticket, FieldNode) and ticket.alias is not None
            literal: Any = ticket.arguments
            number = int(literal[0].value.value)
            issue = tracker.github.get((project, number))
            found[ticket.alias.value] = issue
            if issue is None:
                errors.append({"type": "NOT_FOUND", "path": [alias, ticket.alias.value]})
        data[alias] = found
    answer: dict[str, Any] = {"data": data}
    if errors:
        answer["errors"] = errors
    return answer


def _github_rest(tracker: FakeTracker, path: str) -> tuple[int, Any]:
    parts = path.split("/")  # /repos/O/R/issues/N
    issue = tracker.github.get((f"{parts[2]}/{parts[3]}", int(parts[5])))
    if issue is None:
        return 404, {"message": "Not Found"}
    return 200, {
        "number": int(parts[5]),
        "state": issue["state"].lower(),
        "state_reason": (issue["stateReason"] or "").lower() or None,
        "closed_at": issue["closedAt"],
        "title": issue["title"],
    }


def _gitlab(
    tracker: FakeTracker, path: str, query: dict[str, list[str]]
) -> tuple[int, Any, dict[str, str]]:
    project = unquote(path.split("/")[4])
    if not any(key[0] == project for key in tracker.gitlab):
        return 404, {"message": "404 Project Not Found"}, {}
    wanted = [int(i) for i in query.get("iids[]", [])]
    issues = [
        {"iid": iid, **tracker.gitlab[(project, iid)]}
        for iid in wanted
        if (project, iid) in tracker.gitlab
    ]
    page = int(query.get("page", ["1"])[0])
    size = min(int(query.get("per_page", ["20"])[0]), tracker.page_size)
    chunk = issues[(page - 1) * size : page * size]
    headers: dict[str, str] = {}
    if page * size < len(issues):
        if tracker.link_pages:
            following = f"{tracker.next_base or tracker.base}{path}?" + "&".join(
                [f"iids[]={i}" for i in wanted] + [f"per_page={size}", f"page={page + 1}"]
            )
            headers["Link"] = f'<{following}>; rel="next"'
        else:
            headers["x-next-page"] = str(page + 1)
    else:
        headers["x-next-page"] = ""
    return 200, chunk, headers


def _jira_keys(jql: str) -> list[str]:
    inside = jql[jql.index("(") + 1 : jql.rindex(")")]
    return [key.strip() for key in inside.split(",")]


def _jira(tracker: FakeTracker, path: str, request: dict[str, Any]) -> tuple[int, Any]:
    keys = _jira_keys(request["jql"])
    cloud = path.endswith("/search/jql")
    missing = [key for key in keys if key not in tracker.jira]
    if cloud and missing:  # Cloud validates the keys of `key in (...)`
        messages = [f"An issue with key '{key}' does not exist for field 'key'." for key in missing]
        return 400, {"errorMessages": messages, "errors": {}}
    found = [
        {"key": key, "id": str(n), "fields": tracker.jira[key]}
        for n, key in enumerate(keys)
        if key in tracker.jira
    ]
    size = min(int(request.get("maxResults", 50)), tracker.page_size)
    if cloud:
        start = int(request.get("nextPageToken") or 0)
        page: dict[str, Any] = {"issues": found[start : start + size]}
        if start + size < len(found):
            page["nextPageToken"] = str(start + size)
            page["isLast"] = False
        else:
            page["isLast"] = True
        return 200, page
    start = int(request.get("startAt", 0))
    return 200, {
        "startAt": start,
        "maxResults": size,
        "total": len(found),
        "issues": found[start : start + size],
    }


def jira_issue(
    category: str, resolution: str | None = None, day: str | None = None
) -> dict[str, Any]:
    return {
        "summary": "a ticket",
        "status": {
            "name": "Done" if category == "done" else "In Progress",
            "statusCategory": {"key": category},
        },
        "resolution": {"name": resolution} if resolution else None,
        "resolutiondate": f"{day}T10:00:00.000+0000" if day else None,
    }


def _route(
    tracker: FakeTracker, path: str, query: dict[str, list[str]], body: str
) -> tuple[int, Any, dict[str, str]]:
    if path.endswith("/graphql"):
        return 200, _graphql(tracker, json.loads(body)), {}
    if path.startswith("/repos/"):
        return (*_github_rest(tracker, path), {})
    if path.startswith("/api/v4/projects/"):
        return _gitlab(tracker, path, query)
    if path.startswith("/rest/api/"):
        return (*_jira(tracker, path, json.loads(body)), {})
    return 404, {"message": "no route"}, {}


def _handler(tracker: FakeTracker) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            parts = urlsplit(self.path)
            headers = {k.lower(): v for k, v in self.headers.items()}
            with tracker.lock:
                tracker.requests.append(Seen(self.command, self.path, headers, body))
            scripted = tracker.scripted(parts.path)
            if scripted is not None:
                time.sleep(scripted.delay)
                self._send(scripted.status, scripted.body, scripted.headers)
                return
            if not _authorised(tracker, headers):
                self._send(401, json.dumps({"message": "Bad credentials"}), {})
                return
            status, data, extra = _route(tracker, parts.path, parse_qs(parts.query), body)
            self._send(status, json.dumps(data), extra)

        def _send(self, status: int, body: str, headers: dict[str, str]) -> None:
            data = body.encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

        do_GET = do_POST = _answer

    return Handler


@contextmanager
def serve(tracker: FakeTracker) -> Iterator[FakeTracker]:
    """Run ``tracker`` on 127.0.0.1 on a free port for the duration of the block."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(tracker))
    server.daemon_threads = True
    tracker.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield tracker
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
