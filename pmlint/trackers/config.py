"""The configured trackers, with every default of their kind filled in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from pmlint.config import Config, ConfigError

#: Where each kind's tickets live and are asked about when the table does not say.
DEFAULT_URL = {"github": "https://github.com", "gitlab": "https://gitlab.com"}
DEFAULT_TOKEN_ENV = {"github": "GITHUB_TOKEN", "gitlab": "GITLAB_TOKEN", "jira": "JIRA_API_TOKEN"}


@dataclass(frozen=True)
class Tracker:
    """One ``[trackers.NAME]`` table: where its links point and where its API answers."""

    name: str
    kind: str  # github | gitlab | jira
    url: str  # web address, no trailing slash: links under it are this tracker's
    api: str  # REST base, no trailing slash
    graphql: str  # github's GraphQL endpoint ("" for other kinds)
    token_env: str
    email_env: str | None = None  # jira Cloud: basic auth; without it a bearer token (DC)

    @property
    def cloud(self) -> bool:
        """Jira Cloud (``/rest/api/3/search/jql``) rather than Data Center (``/rest/api/2``)."""
        return self.email_env is not None


def trackers(config: Config) -> list[Tracker]:
    """Every configured tracker, in name order."""
    return [_tracker(name, table) for name, table in sorted(config.trackers.items())]


def _tracker(name: str, table: Mapping[str, str]) -> Tracker:
    kind = table["kind"]
    url = (table.get("url") or DEFAULT_URL.get(kind, "")).rstrip("/")
    if not url:
        raise ConfigError(f"tracker '{name}' needs a 'url'")
    if kind == "github":
        host = urlsplit(url).hostname
        default_api = "https://api.github.com" if host == "github.com" else f"{url}/api/v3"
    elif kind == "gitlab":
        default_api = f"{url}/api/v4"
    else:
        default_api = url
    api = (table.get("api") or default_api).rstrip("/")
    graphql = table.get("graphql") or (f"{api}/graphql" if kind == "github" else "")
    return Tracker(
        name=name,
        kind=kind,
        url=url,
        api=api,
        graphql=graphql.rstrip("/"),
        token_env=table.get("token_env") or DEFAULT_TOKEN_ENV[kind],
        email_env=table.get("email_env"),
    )
