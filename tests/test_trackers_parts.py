"""The tracker tables, link matching and the GraphQL GitHub is sent."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import SHARED, require_shared

from pmlint import config as config_module
from pmlint.trackers import github
from pmlint.trackers.config import trackers
from pmlint.trackers.links import match

SCHEMA = SHARED / "apis" / "github-schema.graphql"


@cache
def _schema() -> Any:
    from graphql import build_schema

    text = require_shared(SCHEMA).read_text(encoding="utf-8")
    # The published SDL repeats two enterprise fields and deprecates some interface fields
    # only on their implementations: neither touches an issue query.
    return build_schema(text, assume_valid_sdl=True, assume_valid=True)


def _configured(tables: dict[str, Any]) -> config_module.Config:
    return config_module.from_mapping({"trackers": tables}, Path("/repo"))


@pytest.mark.parametrize(
    "numbers",
    [
        {"octo/app": [1]},
        {"octo/app": list(range(1, 101))},
        {"octo/app": [5, 9], "octo/web.site": [12], "other-org/x_y": [3]},
    ],
)
def test_every_github_query_is_valid_against_the_published_schema(
    numbers: dict[str, list[int]],
) -> None:
    from graphql import parse, validate

    schema = _schema()
    configured = trackers(_configured({"github": {}}))
    links = [f"https://github.com/{p}/issues/{n}" for p, ns in numbers.items() for n in ns]
    refs = match(links, configured).refs
    for chunk_start in range(0, len(refs), github.PER_QUERY):
        document, variables = github.query(refs[chunk_start : chunk_start + github.PER_QUERY])
        assert validate(schema, parse(document)) == []
        assert set(variables) == {f"{c}{i}" for i in range(len(numbers)) for c in "on"}


def test_a_broken_query_fails_the_schema_check() -> None:
    """The check can fail: a field GitHub does not have is reported."""
    from graphql import parse, validate

    document, _ = github.query(
        match(["https://github.com/o/r/issues/1"], trackers(_configured({"github": {}}))).refs
    )
    assert validate(_schema(), parse(document.replace("stateReason", "stateReasons")))


def test_defaults_of_each_kind() -> None:
    found = {
        t.name: t
        for t in trackers(
            _configured(
                {
                    "github": {},
                    "gitlab": {},
                    "ghe": {"kind": "github", "url": "https://ghe.acme.example"},
                    "jira": {"url": "https://acme.atlassian.net/", "email_env": "JIRA_EMAIL"},
                }
            )
        )
    }
    assert (found["github"].api, found["github"].graphql) == (
        "https://api.github.com",
        "https://api.github.com/graphql",
    )
    assert found["gitlab"].api == "https://gitlab.com/api/v4"
    assert found["ghe"].api == "https://ghe.acme.example/api/v3"
    assert found["jira"].url == "https://acme.atlassian.net" and found["jira"].cloud
    assert (
        found["github"].token_env == "GITHUB_TOKEN" and found["jira"].token_env == "JIRA_API_TOKEN"
    )


@pytest.mark.parametrize(
    ("tables", "message"),
    [
        ({"work": {"url": "https://x.example"}}, "tracker 'work' has no 'kind'"),
        ({"jira": {}}, "needs a 'url'"),
        ({"github": {"api": "ftp://x"}}, "trackers.github.api"),
        ({"github": {"token": "x"}}, "unknown configuration key 'trackers.github.token'"),
    ],
)
def test_bad_tracker_tables(tables: dict[str, Any], message: str) -> None:
    with pytest.raises(config_module.ConfigError, match=message.replace(".", r"\.")):
        _configured(tables)


def test_links_are_matched_to_the_tracker_that_claims_them() -> None:
    configured = trackers(
        _configured(
            {
                "github": {},
                "gitlab": {"url": "https://git.acme.example/gitlab"},
                "jira": {"url": "https://acme.atlassian.net"},
            }
        )
    )
    found = match(
        [
            "https://github.com/o/r/issues/12",
            "https://github.com/o/r/pull/13",
            "https://git.acme.example/gitlab/grp/sub/proj/-/issues/4",
            "https://acme.atlassian.net/browse/OPS-412",
            "https://github.com/o/r/issues/12",  # twice: once
            "https://example.org/o/r/issues/1",
            "https://git.acme.example/other/-/issues/1",  # outside the tracker's path
            "https://github.com/o/r/wiki/Page",
        ],
        configured,
    )
    assert [(r.tracker.name, r.project, r.number) for r in found.refs] == [
        ("github", "o/r", "12"),
        ("github", "o/r", "13"),
        ("gitlab", "grp/sub/proj", "4"),
        ("jira", "OPS", "OPS-412"),
    ]
    assert found.unclaimed == [
        "https://example.org/o/r/issues/1",
        "https://git.acme.example/other/-/issues/1",
    ]
    assert found.unreadable == [("https://github.com/o/r/wiki/Page", "github")]
