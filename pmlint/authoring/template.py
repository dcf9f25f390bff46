"""The scaffold that ``pmlint new`` writes: every field and section, each waiting to be filled.

Hints stand in ``<angle brackets>``, which pmlint reads as placeholders, so a
new postmortem fails lint until its author has replaced every one of them.
docs/format.md shows this same template (a test keeps them equal).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from pmlint import resources, safe_write
from pmlint.config import Config, load_team_schema
from pmlint.errors import UserError
from pmlint.reading.vocabulary import ID_PATTERN, TAXONOMY

TEMPLATE = """\
---
id: {id}
title: {title}
date: {date}
severity: {severity}
duration: <time to contain, e.g. 45m or 1h30m>
status: draft
team: <owning team>
oncall:
  - <role that responded, e.g. Primary on-call>
resolved: <YYYY-MM-DDTHH:MM+00:00 when the incident was closed>
# published: YYYY-MM-DD, the day this postmortem is complete (needed once status is published)
cause:
  primary: <{causes}>
  contributing: []
{team_fields}tags: []
---

# {heading}

## Summary

<What happened, the user-visible impact and what was done, in 3-5 sentences.>

## Timeline

- <HH:MM, what happened; one event per item, in the order they happened>

## Cause

<The primary cause and the contributing factors. Describe systems and decisions, not people.>

## Blast radius

<Who was affected and how much, in numbers: tenants, sessions, calls, minutes.>

## Eval delta

<The eval gap this incident proved and the expansion committed to, or "No gap:" and why.>

## Follow-up actions

| Action | Owner | Due | Status | Type | Closed | Ticket |
|---|---|---|---|---|---|---|
| <what will be done> | <role> | <YYYY-MM-DD> | open | <alert, runbook, escalation, drill, eval, fix, data or other> | | |

## Apparatus updates

- Alert: <what changed in alerting, or "unchanged" and why>
- Runbook: <what changed in the runbook, or "unchanged" and why>
- Escalation: <what changed in escalation, or "unchanged" and why>
- Drill: <the drill scenario added, or "unchanged" and why>

## What went well

<What worked: detection, response, tooling.>

## What did not go well

<What slowed detection or recovery, in terms of systems and process.>
"""

TITLE_HINT = "<what regressed, after what change, in one line>"
#: Where teams keep postmortems (the README's examples): ``pmlint new`` writes into the
#: first that exists when no path is configured, rather than the repository's root.
USUAL_FOLDERS = ("postmortems", "docs/postmortems")
#: An id becomes the file name: no folder separator, no "..", no newline or other control
#: character, whatever the team's ``id_pattern`` allows (``$`` matches before a newline).
_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


class TemplateError(UserError):
    """The new postmortem cannot be written; the message says why."""


def default_id(day: dt.date) -> str:
    """``INC-2026-0512`` for an incident of 12 May 2026, the form the worked example uses."""
    return f"INC-{day:%Y-%m%d}"


def render(
    identifier: str, day: dt.date, title: str | None, severity: str | None, config: Config
) -> str:
    """The scaffold with what is known filled in and a hint everywhere else."""
    if not _FILE_NAME.fullmatch(identifier) or identifier in (".", ".."):
        raise TemplateError(
            f"id {identifier!r} cannot name a file: use letters, digits, '.', '_' and '-' only"
        )
    if not re.search(config.id_pattern, identifier):
        raise TemplateError(f"id '{identifier}' is not {_id_form(config)}")
    if severity is not None and severity not in config.severities:
        raise TemplateError(f"severity '{severity}' is not one of: {', '.join(config.severities)}")
    if title is not None and (not title.strip() or "\n" in title):
        raise TemplateError("the title must be one line of text")
    return TEMPLATE.format(
        id=identifier,
        title=_yaml_string(title) if title else TITLE_HINT,
        heading=title or TITLE_HINT,
        date=day.isoformat(),
        severity=severity or f"<{' | '.join(config.severities)}>",
        causes=" | ".join(TAXONOMY),
        team_fields="".join(
            f"{name}: <required by the team schema>\n" for name in _team_fields(config)
        ),
    )


def _id_form(config: Config) -> str:
    """What an id looks like, in words; a team's own ``id_pattern`` is shown with its file."""
    if config.id_pattern == ID_PATTERN:
        return str(resources.load_json("postmortem.schema.json")["$defs"]["id"]["description"])
    where = f" of {config.source}" if config.source else ""
    return f"matched by the id_pattern{where}: {config.id_pattern}"


def _team_fields(config: Config) -> list[str]:
    """Front-matter fields the team's schema requires beyond the template's own."""
    if config.schema is None:
        return []
    front = load_team_schema(config.schema).get("properties", {}).get("front_matter", {})
    required = front.get("required", []) if isinstance(front, dict) else []
    known = re.findall(r"^(\w+):", TEMPLATE, flags=re.MULTILINE)
    return [
        name
        for name in required
        if isinstance(name, str) and re.fullmatch(r"[A-Za-z_][\w-]*", name) and name not in known
    ]


def _yaml_string(text: str) -> str:
    """A title as a YAML double-quoted scalar, so ':' or '#' in it stay text."""
    escaped = text.strip().replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def default_folder(config: Config) -> Path:
    """Where a new postmortem goes: the first configured path; without one, the first of
    the usual postmortem folders that exists here; else the current folder."""
    if config.paths:
        return Path(os.path.relpath(config.root / config.paths[0]))
    return next((Path(name) for name in USUAL_FOLDERS if Path(name).is_dir()), Path("."))


def create(folder: Path, identifier: str, text: str, config: Config) -> Path:
    """Write ``text`` to ``<folder>/<id>.md``, never replacing a file or following a link."""
    try:
        safe_write.make_folders(folder)
    except OSError as error:
        raise TemplateError(f"{folder}: cannot create the folder: {error.strerror}") from None
    path = folder / f"{identifier.lower()}.md"
    try:
        safe_write.write_file(path, text, new=True)
    except FileExistsError:
        free = _free_id(folder, identifier, config)
        choose = f"another --id, such as --id {free}" if free else "another --id"
        raise TemplateError(
            f"{path} already exists; pmlint new never overwrites a file (choose {choose})"
        ) from None
    except OSError as error:
        raise TemplateError(f"{path}: cannot write: {error.strerror or error}") from None
    return path


def _free_id(folder: Path, identifier: str, config: Config) -> str | None:
    """The id with the first suffix -2, -3, ... that names no file yet and is a valid id:
    the second incident of a day."""
    for number in range(2, 100):
        candidate = f"{identifier}-{number}"
        if re.search(config.id_pattern, candidate) and not os.path.lexists(
            folder / f"{candidate.lower()}.md"
        ):
            return candidate
    return None
