"""Postmortems and configurations for the tracker tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

HEAD = """\
---
id: {id}
title: Ranking regressed after a prompt deploy
date: 2026-05-12
severity: P2
duration: 40m
status: published
team: {team}
oncall: [Primary on-call]
resolved: 2026-05-12T18:53:00Z
published: 2026-05-15
cause:
  primary: prompt
---

# Ranking regressed after a prompt deploy

## Summary

A prompt deploy regressed ranking for 38 sessions.

## Timeline

- 18:00 Deploy ships.
- 18:42 Alert fires.

## Cause

Primary: prompt.

## Blast radius

38 sessions over 42 minutes.

## Eval delta

No gap: the eval set covers ranking.

## Follow-up actions

| Action | Owner | Due | Status | Type | Closed | Ticket |
|---|---|---|---|---|---|---|
"""
TAIL = """
## Apparatus updates

- Alert: ranking alert tightened.

## What went well

The alert fired.

## What did not go well

The deploy was not gated.
"""


def postmortem(
    rows: Sequence[tuple[str, str, str]], identifier: str = "INC-2026-0001", team: str = "ranking"
) -> str:
    """A clean postmortem; follow-ups are (status, closed, ticket) rows, the first an alert."""
    lines = [
        f"| Follow-up {n} | Owner {n} | 2026-05-{10 + n % 18:02d} | {status} | "
        f"{'alert' if n == 0 else 'fix'} | {closed} | {ticket} |"
        for n, (status, closed, ticket) in enumerate(rows)
    ]
    return HEAD.format(id=identifier, team=team) + "\n".join(lines) + "\n" + TAIL


def write_repo(root: Path, config: str, files: dict[str, str]) -> Path:
    (root / ".pmlint.toml").write_text(config, encoding="utf-8")
    for name, text in files.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return root
