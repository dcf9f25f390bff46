"""Real postmortems written in other styles: pmlint may find gaps, never an internal error."""

from __future__ import annotations

from conftest import CORPUS, require_shared
from sandbox import json_report, run_pmlint


def test_every_real_world_postmortem_lints_without_an_internal_error() -> None:
    folder = require_shared(CORPUS)
    names = sorted(path.name for path in folder.iterdir() if path.suffix == ".md")
    assert len(names) >= 20, names
    done = run_pmlint(["--format", "json", *names], folder)
    report = json_report(done)
    assert report["files_checked"] == len(names)
    internal = [p for p in report["problems"] if p["rule"] == "PM000"]
    assert internal == []
    assert run_pmlint(["--format", "json", *names], folder).stdout == done.stdout
