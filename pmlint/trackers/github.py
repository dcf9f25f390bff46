"""GitHub issues: GraphQL with a token (100 issues a query), REST without one.

A query asks for up to ``PER_QUERY`` issues of one or more repositories,
each under an alias (``r0``, ``t0``...); owners and names travel as variables,
numbers are digits the link parser checked. Every query pmlint can send is
validated against GitHub's published schema in the tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pmlint.trackers.batches import Batch, Job, batches
from pmlint.trackers.links import Ref
from pmlint.trackers.snapshot import Entry
from pmlint.trackers.transport import Credentials, Failed, Session

PER_QUERY = 100
FRAGMENTS = """
fragment issueState on Issue { state stateReason closedAt title }
fragment pullState on PullRequest { prState: state closedAt title merged }
"""
_GRAPHQL_ERRORS = {"NOT_FOUND": "not found (404)", "FORBIDDEN": "no access (403)"}


def query(refs: list[Ref]) -> tuple[str, dict[str, str]]:
    """The GraphQL document and variables that ask for ``refs`` (one alias per ticket)."""
    by_project: dict[str, dict[str, Ref]] = {}
    for ref in refs:
        by_project.setdefault(ref.project, {})[ref.number] = ref
    declared: list[str] = []
    fields: list[str] = []
    variables: dict[str, str] = {}
    for index, (project, numbers) in enumerate(by_project.items()):
        variables[f"o{index}"], variables[f"n{index}"] = project.split("/", 1)
        declared += [f"$o{index}: String!", f"$n{index}: String!"]
        tickets = " ".join(
            f"t{number}: issueOrPullRequest(number: {int(number)}) {{ ...issueState ...pullState }}"
            for number in numbers
        )
        fields.append(f"r{index}: repository(owner: $o{index}, name: $n{index}) {{ {tickets} }}")
    body = "\n  ".join(fields)
    return f"query({', '.join(declared)}) {{\n  {body}\n}}\n{FRAGMENTS}", variables


def jobs(
    refs: list[Ref], session: Session, credentials: Credentials | None, fetched: str
) -> list[Batch]:
    """One job per query of at most PER_QUERY tickets; without a token, one REST call each."""
    ordered = sorted(refs, key=lambda ref: (ref.tracker.name, ref.project, int(ref.number)))
    if credentials is None:
        return [([ref], _rest_job(ref, session, fetched)) for ref in ordered]
    return batches(
        ordered,
        lambda ref: ref.tracker.name,
        PER_QUERY,
        lambda chunk: _graphql_job(chunk, session, credentials, fetched),
    )


def _graphql_job(refs: list[Ref], session: Session, credentials: Credentials, fetched: str) -> Job:
    def run() -> dict[str, Entry]:
        tracker = refs[0].tracker
        document, variables = query(refs)
        reply = session.send(
            "POST",
            tracker.graphql,
            tracker.graphql,
            credentials,
            json={"query": document, "variables": variables},
        )
        return _answers(refs, reply.data, fetched)

    return run


def _answers(refs: list[Ref], data: Any, fetched: str) -> dict[str, Entry]:
    if not isinstance(data, dict) or not isinstance(data.get("data"), dict):
        raise Failed(f"GraphQL error: {_first_message(data)}")
    errors = dict(_errors_by_path(data.get("errors")))
    found: dict[str, Entry] = {}
    aliases = {project: f"r{i}" for i, project in enumerate(dict.fromkeys(r.project for r in refs))}
    for ref in refs:
        alias = aliases[ref.project]
        repository = data["data"].get(alias)
        node = repository.get(f"t{ref.number}") if isinstance(repository, dict) else None
        if isinstance(node, dict) and "prState" in node:  # a pull request's state is its own type
            node = {**node, "state": node["prState"]}
        if isinstance(node, dict) and node.get("state"):
            found[ref.url] = _entry(ref, node, fetched)
        else:
            why = errors.get((alias, f"t{ref.number}")) or errors.get((alias,))
            found[ref.url] = Entry(ref.tracker.name, fetched, error=why or "not found (404)")
    return found


def _errors_by_path(errors: object) -> Iterator[tuple[tuple[str, ...], str]]:
    for error in errors if isinstance(errors, list) else ():
        if isinstance(error, dict) and isinstance(error.get("path"), list):
            kind = str(error.get("type", ""))
            yield (
                tuple(str(part) for part in error["path"]),
                _GRAPHQL_ERRORS.get(kind, f"GraphQL error ({kind or 'unknown'})"),
            )


def _first_message(data: Any) -> str:
    errors = data.get("errors") if isinstance(data, dict) else None
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        return " ".join(str(errors[0].get("message", "no data")).split())[:200]
    return "no data in the answer"


def _entry(ref: Ref, node: dict[str, Any], fetched: str) -> Entry:
    closed = node["state"] in ("CLOSED", "MERGED")
    reason = node.get("stateReason")
    if node.get("merged"):
        reason = "merged"
    return Entry(
        ref.tracker.name,
        fetched,
        state="closed" if closed else "open",
        closed=_day(node.get("closedAt")) if closed else None,
        reason=reason.lower() if closed and isinstance(reason, str) else None,
        title=node.get("title") if isinstance(node.get("title"), str) else None,
    )


def _rest_job(ref: Ref, session: Session, fetched: str) -> Job:
    def run() -> dict[str, Entry]:
        api = ref.tracker.api
        reply = session.send("GET", f"{api}/repos/{ref.project}/issues/{ref.number}", api, None)
        issue = reply.data if isinstance(reply.data, dict) else {}
        if issue.get("state") not in ("open", "closed"):
            raise Failed("malformed response (no issue state)")
        node = {
            "state": issue["state"].upper(),
            "stateReason": issue.get("state_reason"),
            "closedAt": issue.get("closed_at"),
            "title": issue.get("title"),
            "merged": bool((issue.get("pull_request") or {}).get("merged_at")),
        }
        return {ref.url: _entry(ref, node, fetched)}

    return run


def _day(value: object) -> str | None:
    return value[:10] if isinstance(value, str) and len(value) >= 10 else None
