"""Run pmlint in a child process under CPU and memory limits, for the hostile-input tests.

A hang or a memory blow-up then fails a test because the kernel stops the
child (SIGXCPU, MemoryError), not because a stopwatch said "too slow".
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

#: CPU seconds for one run: linear work on a 1 MiB file takes a few; quadratic work never ends.
CPU_SECONDS = 30
#: Address space for one run: the interpreter and libraries take ~300 MB of it.
MEMORY_BYTES = 1536 * 1024 * 1024
#: Only a backstop for a child blocked on I/O, which burns no CPU (a FIFO read).
WALL_SECONDS = 120

#: A postmortem that lints clean.
CLEAN = """\
---
id: INC-2031-0007
title: Retrieval index served stale embeddings
date: 2031-03-02
severity: P1
duration: 1h20m
status: published
team: search-ai
oncall: [Search on-call]
resolved: 2031-03-02T11:40:00Z
published: 2031-03-05
cause:
  primary: retrieval
  contributing: [data, apparatus]
---

# Stale embeddings after a reindex

## Summary

A reindex job wrote embeddings from the previous model into 12 shards.

## Timeline

- 10:20 Reindex starts.
- **10:45** Relevance alert fires.
- 2031-03-02 11:40 UTC Shards rebuilt; alert clears.

## Cause

Primary: retrieval. The job read a cached model version.

## Blast radius

About 4,100 queries in 3 tenants over 80 minutes.

## Eval delta

No gap: the offline eval uses a fresh index by design.

## Follow-up actions

- (a) Pin the model version in the job — Owner: Search lead — Due: 2031-03-20
  — Status: open — Type: fix
- Add an alert on embedding version skew — Owner: @sre — Due: 2031-03-12
  — Status: done — Type: alert — Closed: 2031-03-10 — Ticket: SRCH-41

## Apparatus updates

- **Alert:** embedding version skew alert added.
- Runbook: unchanged.

## What went well

The relevance alert fired within 25 minutes.

## What did not go well

The job did not check the model version.
"""

#: A second postmortem with exactly one known error, so a test can see it was linted.
COMPANION = CLEAN.replace("INC-2031-0007", "INC-2031-0008").replace(
    "No gap: the offline eval uses a fresh index by design.", "TODO"
)
COMPANION_PROBLEM = ("companion.md", 37, "PM102")


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def run_pmlint(
    args: Sequence[str], cwd: Path, prefix: Sequence[str] = ()
) -> subprocess.CompletedProcess[str]:
    """``pmlint ARGS`` in ``cwd`` under the limits; ``prefix`` wraps it (e.g. setpriv)."""
    return subprocess.run(
        [*prefix, sys.executable, "-c", "from pmlint.cli import main; main()", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=WALL_SECONDS,
        preexec_fn=_limits,
        check=False,
    )


def json_report(done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    """The JSON report of a run, after checking the run ended as a lint run (0 or 1)."""
    assert done.returncode in (0, 1), (done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert isinstance(report, dict)
    return report
