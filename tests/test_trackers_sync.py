"""pmlint sync against loopback servers that speak GitHub's, GitLab's and Jira's APIs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import invoke
from tracker_docs import postmortem, write_repo
from tracker_servers import FakeTracker, Scripted, github_issue, jira_issue, serve

from pmlint.trackers.transport import Policy as REAL_POLICY

TOKEN = "ghp_s3cr3t-value-never-shown"


def _config(server: FakeTracker, kind: str, **extra: str) -> str:
    if kind == "github":
        table = f'url = "https://github.com"\napi = "{server.base}"\n'
    elif kind == "gitlab":
        table = f'url = "https://gitlab.example"\napi = "{server.base}/api/v4"\n'
    else:
        table = f'url = "https://acme.atlassian.net"\napi = "{server.base}"\n'
    table += "".join(f'{key} = "{value}"\n' for key, value in extra.items())
    return f'paths = ["docs"]\n[trackers.{kind}]\n{table}'


def _snapshot(root: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((root / ".pmlint-tickets.json").read_text())
    return document


def _sync(root: Path, server: FakeTracker, *args: str) -> Any:
    return invoke(root, "sync", "--allow-host", f"127.0.0.1:{server.port}", *args)


@pytest.fixture(autouse=True)
def _quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Waits of a hundredth of a second."""
    from pmlint.trackers import transport

    monkeypatch.setattr(transport, "Policy", _policy(transport.Policy))
    monkeypatch.delenv("PMLINT_ALLOW_HOSTS", raising=False)
    for name in ("GITHUB_TOKEN", "GITLAB_TOKEN", "JIRA_API_TOKEN", "JIRA_EMAIL"):
        monkeypatch.delenv(name, raising=False)


def _policy(original: Any, read_timeout: float = 20.0) -> Any:
    """Quick retries; a generous read timeout, so a loaded machine does not cause a retry."""

    def quick() -> Any:
        return original(read_timeout=read_timeout, backoff=0.01, longest_wait=3.0, budget=10.0)

    return quick


def test_github_graphql_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    server = FakeTracker(token=TOKEN)
    server.github = {
        ("acme/app", 1): github_issue("OPEN"),
        ("acme/app", 2): github_issue("CLOSED", "COMPLETED", "2026-05-20T08:00:00Z"),
        ("acme/app", 3): github_issue("CLOSED", "NOT_PLANNED", "2026-05-21T23:59:59Z"),
    }
    links = [f"https://github.com/acme/app/issues/{n}" for n in (1, 2, 3, 4)]
    links.append("https://github.com/acme/gone/issues/9")
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    with serve(server):
        rows = [("open", "", link) for link in links]
        write_repo(tmp_path, _config(server, "github"), {"a.md": postmortem(rows)})
        result = _sync(tmp_path, server)
    assert result.exit_code == 1, result.output
    tickets = _snapshot(tmp_path)["tickets"]
    assert tickets[links[0]]["state"] == "open" and tickets[links[0]]["closed"] is None
    closed = tickets[links[1]]
    assert (closed["state"], closed["closed"], closed["reason"]) == (
        "closed",
        "2026-05-20",
        "completed",
    )
    assert tickets[links[2]]["reason"] == "not_planned"
    assert tickets[links[3]] == {
        "tracker": "github",
        "error": "not found (404)",
        "fetched": tickets[links[3]]["fetched"],
    }
    assert "state" not in tickets[links[4]]
    assert set(closed) == {"tracker", "state", "closed", "reason", "title", "fetched"}
    assert len(server.requests) == 1  # five tickets, two repositories: one query
    assert server.requests[0].headers["authorization"] == f"Bearer {TOKEN}"
    assert f"{links[3]}: not found (404)" in result.stderr


def test_snapshot_file_is_sorted_one_ticket_per_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = FakeTracker(token=TOKEN)
    server.github = {("o/r", n): github_issue("OPEN") for n in range(1, 6)}
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    links = [f"https://github.com/o/r/issues/{n}" for n in (5, 3, 1, 4, 2)]
    with serve(server):
        write_repo(
            tmp_path,
            _config(server, "github"),
            {"a.md": postmortem([("open", "", x) for x in links])},
        )
        assert _sync(tmp_path, server).exit_code == 0
    text = (tmp_path / ".pmlint-tickets.json").read_text()
    lines = text.splitlines()
    ticket_lines = [line for line in lines if line.strip().startswith('"https://')]
    assert [json.loads("{" + line.rstrip(",") + "}") for line in ticket_lines]  # one per line
    assert [line.split('"')[1] for line in ticket_lines] == sorted(links)
    for line in ticket_lines:
        entry = json.loads(line.split(": ", 1)[1].rstrip(","))
        assert list(entry) == sorted(entry)
    document = json.loads(text)
    assert list(document) == ["tickets", "version"] and document["version"] == 1


def test_thousand_tickets_in_ten_repositories_take_few_requests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = FakeTracker(token=TOKEN)
    server.github = {(f"o/r{r}", n): github_issue("OPEN") for r in range(10) for n in range(1, 101)}
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    files = {}
    for r in range(10):
        rows = [("open", "", f"https://github.com/o/r{r}/issues/{n}") for n in range(1, 101)]
        files[f"pm{r}.md"] = postmortem(rows, identifier=f"INC-2026-{r:04d}")
    with serve(server):
        write_repo(tmp_path, _config(server, "github"), files)
        result = _sync(tmp_path, server)
    assert result.exit_code == 0, result.output
    assert len(_snapshot(tmp_path)["tickets"]) == 1000
    assert all(t["state"] == "open" for t in _snapshot(tmp_path)["tickets"].values())
    assert len(server.requests) <= 30
    assert len(server.requests) == 10  # 100 issues a query


def test_github_rest_without_a_token(tmp_path: Path) -> None:
    server = FakeTracker()
    server.github = {("o/r", 7): github_issue("CLOSED", "COMPLETED", "2026-06-01T00:00:00Z")}
    links = ["https://github.com/o/r/issues/7", "https://github.com/o/r/issues/8"]
    with serve(server):
        write_repo(
            tmp_path,
            _config(server, "github"),
            {"a.md": postmortem([("open", "", x) for x in links])},
        )
        result = _sync(tmp_path, server)
    tickets = _snapshot(tmp_path)["tickets"]
    assert tickets[links[0]]["closed"] == "2026-06-01"
    assert tickets[links[1]]["error"] == "not found (404)"
    assert result.exit_code == 1
    assert all("authorization" not in seen.headers for seen in server.requests)
    assert sorted(seen.path for seen in server.requests) == [
        "/repos/o/r/issues/7",
        "/repos/o/r/issues/8",
    ]


@pytest.mark.parametrize("link_pages", [False, True])
def test_gitlab_pages_through_a_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, link_pages: bool
) -> None:
    server = FakeTracker(token="glpat-secret", page_size=2, link_pages=link_pages)
    for iid in range(1, 6):
        state = "closed" if iid % 2 else "opened"
        server.gitlab[("grp/sub/proj", iid)] = {
            "state": state,
            "title": f"issue {iid}",
            "closed_at": "2026-05-23T10:00:00.000Z" if state == "closed" else None,
        }
    monkeypatch.setenv("GITLAB_TOKEN", "glpat-secret")
    links = [f"https://gitlab.example/grp/sub/proj/-/issues/{i}" for i in range(1, 7)]
    links.append("https://gitlab.example/grp/other/-/issues/1")
    with serve(server):
        write_repo(
            tmp_path,
            _config(server, "gitlab"),
            {"a.md": postmortem([("open", "", x) for x in links])},
        )
        result = _sync(tmp_path, server)
    tickets = _snapshot(tmp_path)["tickets"]
    assert tickets[links[0]]["state"] == "closed" and tickets[links[0]]["closed"] == "2026-05-23"
    assert tickets[links[1]]["state"] == "open" and tickets[links[1]]["closed"] is None
    assert tickets[links[5]]["error"] == "not found (404)"  # iid 6 is not in the project
    assert tickets[links[6]]["error"] == "not found (404)"  # the project does not exist
    assert result.exit_code == 1
    project_requests = [s for s in server.requests if "grp%2Fsub%2Fproj" in s.path]
    assert len(project_requests) == 3  # five issues, two a page
    assert all(s.headers.get("private-token") == "glpat-secret" for s in server.requests)
    assert "iids[]=1" in project_requests[0].path.replace("%5B%5D", "[]")


@pytest.mark.parametrize("cloud", [True, False])
def test_jira_cloud_and_data_center(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cloud: bool
) -> None:
    server = FakeTracker(page_size=2)
    server.jira = {
        "OPS-1": jira_issue("done", "Done", "2026-05-24"),
        "OPS-2": jira_issue("indeterminate"),
        "OPS-3": jira_issue("done", "Won't Do", "2026-05-25"),
        "EVAL-4": jira_issue("new"),
        "EVAL-5": jira_issue("done", "Done", "2026-05-26"),
    }
    keys = ["OPS-1", "OPS-2", "OPS-3", "EVAL-4", "EVAL-5", "OPS-99"]
    links = [f"https://acme.atlassian.net/browse/{key}" for key in keys]
    monkeypatch.setenv("JIRA_API_TOKEN", "jira-secret")
    extra = {"email_env": "JIRA_EMAIL"} if cloud else {}
    if cloud:
        monkeypatch.setenv("JIRA_EMAIL", "me@acme.example")
    with serve(server):
        write_repo(
            tmp_path,
            _config(server, "jira", **extra),
            {"a.md": postmortem([("open", "", x) for x in links])},
        )
        result = _sync(tmp_path, server)
    tickets = _snapshot(tmp_path)["tickets"]
    assert tickets[links[0]] == {
        **tickets[links[0]],
        "state": "closed",
        "closed": "2026-05-24",
        "reason": "Done",
    }
    assert tickets[links[1]]["state"] == "open" and tickets[links[1]]["reason"] is None
    assert tickets[links[2]]["reason"] == "Won't Do"
    assert tickets[links[3]]["state"] == "open"
    assert tickets[links[5]]["error"] == "not found (404)"
    assert result.exit_code == 1
    path = "/rest/api/3/search/jql" if cloud else "/rest/api/2/search"
    assert {seen.path for seen in server.requests} == {path}
    bodies = [json.loads(seen.body) for seen in server.requests]
    assert all(body["jql"].startswith("key in (") for body in bodies)
    if cloud:  # a 400 naming OPS-99, then three pages of two by nextPageToken
        assert server.requests[0].headers["authorization"].startswith("Basic ")
        assert [body.get("nextPageToken") for body in bodies] == [None, None, "2", "4"]
    else:
        assert server.requests[0].headers["authorization"] == "Bearer jira-secret"
        assert [body["startAt"] for body in bodies] == [0, 2, 4]


def test_a_refused_token_exits_2_and_the_other_trackers_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    github = FakeTracker(token="the-right-one")
    github.github = {("o/r", 1): github_issue("OPEN")}
    gitlab = FakeTracker()
    gitlab.gitlab = {("g/p", 1): {"state": "opened", "title": "t"}}
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    links = ["https://github.com/o/r/issues/1", "https://gitlab.example/g/p/-/issues/1"]
    with serve(github), serve(gitlab):
        config = _config(github, "github") + _config(gitlab, "gitlab").split("\n", 1)[1]
        write_repo(tmp_path, config, {"a.md": postmortem([("open", "", x) for x in links])})
        result = invoke(
            tmp_path,
            "sync",
            "--allow-host",
            f"127.0.0.1:{github.port}",
            "--allow-host",
            f"127.0.0.1:{gitlab.port}",
        )
    assert result.exit_code == 2
    assert "GITHUB_TOKEN" in result.stderr and "401" in result.stderr
    tickets = _snapshot(tmp_path)["tickets"]
    assert tickets[links[1]]["state"] == "open"
    assert "state" not in tickets[links[0]]
    assert TOKEN not in result.output + result.stderr


@pytest.mark.parametrize(
    ("status", "error"),
    [(403, "no access (403)"), (404, "not found (404)"), (410, "gone (410)")],
)
def test_client_errors_mark_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, status: int, error: str
) -> None:
    server = FakeTracker(script={"/graphql": [Scripted(status, body='{"message": "no"}')]})
    server.github = {("o/r", 1): github_issue("OPEN")}
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    link = "https://github.com/o/r/issues/1"
    with serve(server):
        write_repo(tmp_path, _config(server, "github"), {"a.md": postmortem([("open", "", link)])})
        result = _sync(tmp_path, server)
    assert result.exit_code == 1
    assert _snapshot(tmp_path)["tickets"][link]["error"] == error
    assert len(server.requests) == 1  # not retried


def test_5xx_and_429_are_retried_honouring_retry_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[float] = []
    from pmlint.trackers import transport

    monkeypatch.setattr(transport, "pause", waits.append)
    server = FakeTracker(
        script={"/graphql": [Scripted(502), Scripted(429, {"Retry-After": "2"}), Scripted(503)]}
    )
    server.github = {("o/r", 1): github_issue("OPEN")}
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    link = "https://github.com/o/r/issues/1"
    with serve(server):
        write_repo(tmp_path, _config(server, "github"), {"a.md": postmortem([("open", "", link)])})
        result = _sync(tmp_path, server)
    assert result.exit_code == 0, result.output
    assert _snapshot(tmp_path)["tickets"][link]["state"] == "open"
    assert len(server.requests) == 4
    assert waits == [0.01, 2.0, 0.04]


def test_retries_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    server = FakeTracker(script={"/graphql": [Scripted(500) for _ in range(10)]})
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    link = "https://github.com/o/r/issues/1"
    with serve(server):
        write_repo(tmp_path, _config(server, "github"), {"a.md": postmortem([("open", "", link)])})
        result = _sync(tmp_path, server)
    assert result.exit_code == 1
    assert (
        _snapshot(tmp_path)["tickets"][link]["error"] == "server error (500); gave up after 4 tries"
    )
    assert len(server.requests) == 4


def test_github_rate_limit_reset_is_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmlint.trackers import transport

    waits: list[float] = []
    monkeypatch.setattr(transport, "pause", waits.append)
    monkeypatch.setattr(transport, "now", lambda: 1_900_000_000.0)
    limited = {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1900000002"}
    server = FakeTracker(
        script={"/graphql": [Scripted(403, limited, '{"message": "API rate limit exceeded"}')]}
    )
    server.github = {("o/r", 1): github_issue("OPEN")}
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    link = "https://github.com/o/r/issues/1"
    with serve(server):
        write_repo(tmp_path, _config(server, "github"), {"a.md": postmortem([("open", "", link)])})
        result = _sync(tmp_path, server)
    assert result.exit_code == 0, result.output
    assert waits == [2.0]
    # A reset further away than pmlint waits fails the batch at once, saying until when.
    server.script = {"/graphql": [Scripted(403, {**limited, "x-ratelimit-reset": "1900003600"})]}
    with serve(server):
        write_repo(tmp_path, _config(server, "github"), {})
        result = _sync(tmp_path, server)
    assert result.exit_code == 1
    assert "limited until 2030-03-17" in _snapshot(tmp_path)["tickets"][link]["error"]


def test_malformed_json_and_a_slow_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pmlint.trackers import transport

    monkeypatch.setattr(transport, "Policy", _policy(REAL_POLICY, 1.0))  # the answer takes 2.5 s
    server = FakeTracker(
        script={
            "/repos/o/r/issues/1": [Scripted(200, body="{not json")],
            "/repos/o/r/issues/2": [Scripted(200, delay=2.5) for _ in range(4)],
        }
    )
    server.github = {("o/r", n): github_issue("OPEN") for n in (1, 2, 3)}
    links = [f"https://github.com/o/r/issues/{n}" for n in (1, 2, 3)]
    with serve(server):
        write_repo(
            tmp_path,
            _config(server, "github"),
            {"a.md": postmortem([("open", "", x) for x in links])},
        )
        result = _sync(tmp_path, server)
    tickets = _snapshot(tmp_path)["tickets"]
    assert tickets[links[0]]["error"].startswith("malformed response (not JSON")
    assert tickets[links[1]]["error"] == "timed out; gave up after 4 tries"
    assert tickets[links[2]]["state"] == "open"  # one failed batch never fails the others
    assert result.exit_code == 1


def test_unclaimed_hosts_are_never_fetched_and_reported_once(tmp_path: Path) -> None:
    server = FakeTracker()
    server.github = {("o/r", 1): github_issue("OPEN")}
    odd = f"{server.base}/o/r/issues/1"
    rows = [("open", "", "https://github.com/o/r/issues/1"), ("open", "", odd), ("open", "", odd)]
    with serve(server):
        odd = f"{server.base}/o/r/issues/1"
        rows = [
            ("open", "", "https://github.com/o/r/issues/1"),
            ("open", "", odd),
            ("open", "", odd),
        ]
        write_repo(
            tmp_path,
            _config(server, "github"),
            {"a.md": postmortem(rows), "b.md": postmortem(rows, "INC-2026-0002")},
        )
        result = _sync(tmp_path, server)
    assert result.exit_code == 0, result.output
    assert result.stderr.count(odd) == 1 and "no tracker claims" in result.stderr
    assert [seen.path for seen in server.requests] == ["/repos/o/r/issues/1"]
    assert odd not in _snapshot(tmp_path)["tickets"]


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    server = FakeTracker()
    server.github = {("o/r", 1): github_issue("OPEN")}
    with serve(server):
        write_repo(
            tmp_path,
            _config(server, "github"),
            {"a.md": postmortem([("open", "", "https://github.com/o/r/issues/1")])},
        )
        result = _sync(tmp_path, server)
    assert result.stderr == "" and "Reading tickets" not in result.output


def test_no_tracker_configured_is_a_configuration_error(tmp_path: Path) -> None:
    write_repo(
        tmp_path,
        'paths = ["docs"]\n',
        {"a.md": postmortem([("open", "", "https://github.com/o/r/issues/1")])},
    )
    result = invoke(tmp_path, "sync")
    assert result.exit_code == 2 and "no tracker is configured" in result.stderr


def test_a_merged_pull_request_is_closed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """GraphQL gives a pull request's state under its alias (its type differs from an issue's)."""
    server = FakeTracker(token=TOKEN)
    merged = {"prState": "MERGED", "closedAt": "2026-05-21T09:00:00Z", "title": "t", "merged": True}
    server.github = {("o/r", 5): merged}
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    link = "https://github.com/o/r/pull/5"
    with serve(server):
        write_repo(tmp_path, _config(server, "github"), {"a.md": postmortem([("open", "", link)])})
        assert _sync(tmp_path, server).exit_code == 0
    entry = _snapshot(tmp_path)["tickets"][link]
    assert (entry["state"], entry["closed"], entry["reason"]) == ("closed", "2026-05-21", "merged")


def test_a_progress_bar_when_stderr_is_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from pmlint.trackers import command

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    start = command._progress()
    assert start is not None
    tick = start(3)
    for _ in range(3):
        tick()
    assert "Reading tickets" in screen.getvalue()
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert command._progress() is None
