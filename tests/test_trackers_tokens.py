"""Tokens go only where the user allowed them, and never into output, logs or files."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from conftest import invoke
from test_trackers_sync import TOKEN, _config, _snapshot
from tracker_docs import postmortem, write_repo
from tracker_servers import FakeTracker, github_issue, serve

from pmlint.trackers.transport import AllowList, Credentials

LINK = "https://github.com/o/r/issues/1"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PMLINT_ALLOW_HOSTS", raising=False)
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)


@pytest.mark.parametrize("debug", [False, True])
def test_a_repository_cannot_send_a_token_to_a_new_host(
    tmp_path: Path, debug: bool, caplog: pytest.LogCaptureFixture
) -> None:
    """The pull request's .pmlint.toml points `api` at its own server: nothing is sent."""
    server = FakeTracker()
    server.github = {("o/r", 1): github_issue("OPEN")}
    caplog.set_level(logging.DEBUG)
    with serve(server):
        write_repo(tmp_path, _config(server, "github"), {"a.md": postmortem([("open", "", LINK)])})
        result = invoke(tmp_path, "sync", *(["--debug"] if debug else []))
    assert result.exit_code == 2
    assert server.requests == []
    assert "$GITHUB_TOKEN not sent" in result.stderr and f"127.0.0.1:{server.port}" in result.stderr
    assert "error" in _snapshot(tmp_path)["tickets"][LINK]
    shown = (
        result.output
        + result.stderr
        + caplog.text
        + (tmp_path / ".pmlint-tickets.json").read_text()
    )
    assert TOKEN not in shown


def test_the_allow_list_comes_from_the_environment_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    server = FakeTracker(token=TOKEN)
    server.github = {("o/r", 1): github_issue("OPEN")}
    caplog.set_level(logging.DEBUG)
    with serve(server):
        monkeypatch.setenv("PMLINT_ALLOW_HOSTS", f"example.org, 127.0.0.1:{server.port}")
        write_repo(tmp_path, _config(server, "github"), {"a.md": postmortem([("open", "", LINK)])})
        result = invoke(tmp_path, "sync", "--debug")
    assert result.exit_code == 0, result.stderr
    assert len(server.requests) == 1
    shown = (
        result.output
        + result.stderr
        + caplog.text
        + (tmp_path / ".pmlint-tickets.json").read_text()
    )
    assert TOKEN not in shown


def test_another_port_of_an_allowed_host_is_not_allowed(tmp_path: Path) -> None:
    server = FakeTracker()
    with serve(server):
        write_repo(tmp_path, _config(server, "github"), {"a.md": postmortem([("open", "", LINK)])})
        result = invoke(tmp_path, "sync", "--allow-host", f"127.0.0.1:{server.port + 1}")
    assert result.exit_code == 2 and server.requests == []


def test_a_pagination_link_to_another_host_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = FakeTracker()
    server = FakeTracker(token="glpat-x", page_size=1)
    server.gitlab = {("g/p", 1): {"state": "opened"}, ("g/p", 2): {"state": "opened"}}
    monkeypatch.setenv("GITLAB_TOKEN", "glpat-x")
    with serve(elsewhere), serve(server):
        server.link_pages, server.next_base = True, elsewhere.base
        links = ["https://gitlab.example/g/p/-/issues/1", "https://gitlab.example/g/p/-/issues/2"]
        rows = [("open", "", x) for x in links]
        write_repo(tmp_path, _config(server, "gitlab"), {"a.md": postmortem(rows)})
        result = invoke(
            tmp_path,
            "sync",
            "--allow-host",
            f"127.0.0.1:{server.port}",
            "--allow-host",
            f"127.0.0.1:{elsewhere.port}",
        )
    assert elsewhere.requests == []
    assert result.exit_code == 1
    errors = {entry.get("error") for entry in _snapshot(tmp_path)["tickets"].values()}
    assert any("another host" in (error or "") for error in errors)


@pytest.mark.parametrize(
    ("url", "kind", "allowed", "refused"),
    [
        ("https://api.github.com/graphql", "github", [], False),
        ("https://gitlab.com/api/v4", "gitlab", [], False),
        ("https://api.github.com/graphql", "gitlab", [], True),  # not a GitLab token's host
        ("http://api.github.com/graphql", "github", [], True),  # never over plain http
        ("https://acme.atlassian.net", "jira", [], True),  # Jira has no default host
        ("https://acme.atlassian.net", "jira", ["acme.atlassian.net"], False),
        ("https://ghe.acme.example/api/v3", "github", ["ghe.acme.example:443"], False),
        ("https://ghe.acme.example:8443/api/v3", "github", ["ghe.acme.example:443"], True),
        ("http://ghe.acme.example/api/v3", "github", ["ghe.acme.example"], True),
        ("http://127.0.0.1:8080/", "github", ["127.0.0.1:8080"], False),
        ("http://[::1]:8080/", "github", ["[::1]:8080"], False),
        ("http://localhost:8080/", "github", [], True),  # loopback still has to be allowed
    ],
)
def test_allow_list(url: str, kind: str, allowed: list[str], refused: bool) -> None:
    assert (AllowList.of(allowed, None).refusal(url, kind) is not None) == refused


def test_credentials_never_show_their_secret() -> None:
    credentials = Credentials({"Authorization": f"Bearer {TOKEN}"}, "GITHUB_TOKEN")
    assert TOKEN not in repr(credentials) and TOKEN not in str(credentials)
