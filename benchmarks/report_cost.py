"""What the report and its HTML dashboard cost: chart-library import, metrics, rendering.

Run from the repository root: ``python benchmarks/report_cost.py [N]``. It
times each step over the fixture repository (tests/data/report-repo) and over
N synthetic postmortems (default 5000) built in memory from it, median of
five runs. Importing pygal is measured in a fresh interpreter, as a user's
``pmlint report -f html`` pays it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from pmlint import config as config_module
from pmlint.reports import metrics, records, selection
from pmlint.reports.renderers import RENDERERS

ROOT = Path(__file__).resolve().parent.parent
REPO = ROOT / "tests" / "data" / "report-repo"


def median_seconds(action: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_seconds(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout)
        for _ in range(5)
    ]  # fmt: skip
    return statistics.median(runs)


def synthetic(base: list[records.Postmortem], count: int) -> list[records.Postmortem]:
    """``count`` postmortems cycling through the fixture's, spread over ten teams."""
    made = []
    for index in range(count):
        source = base[index % len(base)]
        front = dict(source.front_matter) | {"team": f"team-{index % 10}"}
        made.append(
            dataclasses.replace(
                source, path=f"{index}.md", model={**source.model, "front_matter": front}
            )
        )
    return made


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    config = config_module.load(REPO / ".pmlint.toml")
    settings = selection.Settings(today=dt.date(2026, 7, 15), holidays=config.holidays)
    loaded = records.load([str(REPO / "postmortems")], config).postmortems
    folder = str(REPO / "postmortems")
    rows = [
        ("import pygal (fresh interpreter)", import_seconds("pygal"), ""),
        ("import pmlint.reports.dashboard", import_seconds("pmlint.reports.dashboard"), ""),
        (
            f"load {len(loaded)} fixture files",
            median_seconds(lambda: records.load([folder], config)),
            "",
        ),
    ]
    for label, postmortems in (
        ("fixture", loaded),
        (f"{count} synthetic", synthetic(loaded, count)),
    ):
        report = metrics.compute(postmortems, settings)
        compute = median_seconds(lambda p=postmortems: metrics.compute(p, settings))
        rows.append((f"metrics, {label}", compute, ""))
        for fmt in ("text", "json", "html"):
            seconds = median_seconds(lambda f=fmt, r=report: RENDERERS[f](r))
            size = f"{len(RENDERERS[fmt](report).encode()):,} bytes"
            rows.append((f"render {fmt}, {label}", seconds, size))
    for name, seconds, note in rows:
        print(f"{name:<40} {seconds * 1000:8.1f} ms  {note}")


if __name__ == "__main__":
    main()
