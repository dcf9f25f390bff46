"""Issue 20's targets, each as a measured figure beside its bound, for benchmarks/run.py.

The figures of run.py's runs (ratios of medians with their range round by round)
are read from its results; the per-file CPU of a cold lint (benchmarks/cold_cpu.py)
and the worst inputs (benchmarks/hostile_inputs.py) are measured here, several
runs each, the cases interleaved round by round.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import cold_cpu
import generate_corpus
import hostile_inputs

#: The shapes that cost most per byte (hostile_inputs.py, 2026-12-02), and the typical file.
WORST = [
    "typical postmortems, one after another",
    "follow-up table rows, each missing fields",
    "follow-up list items, each missing fields",
    "timeline items without times",
    "many short paragraphs",
    "other headings, each its own",
    "autolinks",
]


class Timed(Protocol):
    """run.py's Timing: the wall and CPU seconds of each run, and the peak RSS."""

    seconds: list[float]
    cpu: list[float]
    peak_rss_kib: int


@dataclass
class Row:
    target: str
    measured: str
    bound: str
    met: bool | None  # None: not measured in this run

    def line(self) -> str:
        verdict = {True: "yes", False: "**no**", None: "-"}[self.met]
        return f"| {self.target} | {self.measured} | {self.bound} | {verdict} |"


def spread(values: list[float], unit: str = "", digits: int = 3) -> str:
    """A median with the range of the values beside it: ``0.95 ms (0.91-1.02)``."""
    median = statistics.median(values)
    text = f"{median:.{digits}f}{unit}"
    if len(values) > 1:
        text += f" ({min(values):.{digits}f}-{max(values):.{digits}f})"
    return text


def ratio_row(results: dict[str, Timed], target: str, top: str, bottom: str, bound: float) -> Row:
    """``top``'s wall time over ``bottom``'s: the ratio of medians, the range round by round."""
    if top not in results or bottom not in results:
        return Row(target, "not measured", f"<= {bound}x", None)
    rounds = [a / b for a, b in zip(results[top].seconds, results[bottom].seconds, strict=False)]
    value = statistics.median(results[top].seconds) / statistics.median(results[bottom].seconds)
    low, high = min(rounds), max(rounds)
    return Row(target, f"{value:.3f}x ({low:.2f}-{high:.2f})", f"<= {bound}x", value <= bound)


def cold_cpu_row(count: int, runs: int) -> list[Row]:
    """CPU milliseconds per file of ``lint_text`` over ``count`` generated files, one process."""
    figures: list[float] = []
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        generate_corpus.main([str(folder), "--count", str(count), "--defect-rate", "0.2"])
        for _ in range(runs):
            figures.append(cold_cpu.run(sys.executable, folder))
    median = statistics.median(figures)
    target = f"cold run: CPU per file, one process, {count:,} files ({runs} runs)"
    return [Row(target, spread(figures, " ms"), "<= 1.1 ms", median <= 1.1)]


def worst_input_rows(runs: int) -> list[Row]:
    """CPU seconds and peak memory of a fresh pmlint on each of the worst 1 MiB shapes."""
    cpu: dict[str, list[float]] = {name: [] for name in WORST}
    peak: dict[str, float] = dict.fromkeys(WORST, 0.0)
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(runs):
            for name in WORST:
                seconds, megabytes, _ = hostile_inputs.measure(
                    hostile_inputs.CASES[name], Path(folder)
                )
                cpu[name].append(seconds)
                peak[name] = max(peak[name], megabytes)
    typical = statistics.median(cpu[WORST[0]])
    rows = []
    for name in WORST:
        median = statistics.median(cpu[name])
        measured = (
            f"{spread(cpu[name], ' s', 2)}, {median / typical:.1f}x typical, {peak[name]:.0f} MB"
        )
        met = median <= 2.0 and peak[name] <= 200
        rows.append(Row(f"worst input (1 MiB): {name}", measured, "<= 2 s, <= 200 MB", met))
    return rows


def identical_reports(pmlint: list[str], repo: Path) -> Row:
    """The JSON report cold and cached, with one worker and with several, compared byte for byte."""
    runs = {
        "cold, 1 worker": [*pmlint, "--no-cache", "--jobs", "1"],
        "cold, 2 workers": [*pmlint, "--no-cache", "--jobs", "2"],
        "cache filled": [*pmlint],
        "cached": [*pmlint],
    }
    shutil.rmtree(repo / ".pmlint_cache", ignore_errors=True)
    reports = {
        name: subprocess.run(
            [*command, "-f", "json", "postmortems"], cwd=repo, capture_output=True, check=False
        ).stdout
        for name, command in runs.items()
    }
    same = len(set(reports.values())) == 1
    measured = f"{len(reports)} reports, {len(reports['cached']):,} bytes each" if same else (
        "differ: " + ", ".join(f"{name} {len(body):,} bytes" for name, body in reports.items())
    )  # fmt: skip
    return Row("identical reports with and without the cache, 1 or N workers", measured, "-", same)


def table(rows: list[Row]) -> str:
    lines = ["| target (issue 20) | measured: median (range) | bound | met |", "|---|---|---|---|"]
    return "\n".join([*lines, *(row.line() for row in rows)]) + "\n"


def run_rows(results: dict[str, Timed], count: int) -> list[Row]:
    """The targets read from run.py's runs on its largest corpus (``count`` files)."""
    where = f"{count:,} files"
    rows = [
        ratio_row(
            results,
            f"pre-commit: 1 file just edited, warm cache / its floor ({where} in scope)",
            "pre-commit: 1 changed file, warm",
            "pre-commit floor: walk+stat",
            2.0,
        ),
        ratio_row(
            results,
            f"pre-commit --staged (Git's index): 1 file just edited, warm cache / "
            f"check-jsonschema on 1 file ({where} in scope)",
            "pre-commit --staged: 1 changed file, warm",
            "check-jsonschema: 1 file",
            0.35,
        ),
        ratio_row(
            results, f"cached re-run / read floor ({where})", "pmlint cached", "floor: read+hash", 3
        ),
    ]
    cold = ratio_row(
        results, f"cold run / markdownlint-cli2 ({where})", "pmlint cold", "markdownlint-cli2", 0.07
    )
    rows.append(Row(cold.target, cold.measured, "reported (~0.07x)", None))
    if "pmlint cold" in results:
        peak = max(results["pmlint cold"].peak_rss_kib, results["pmlint cached"].peak_rss_kib)
        met = peak / 1024 < 100 if count >= 10_000 else None
        rows.append(Row(f"peak memory ({where})", f"{peak / 1024:.0f} MiB", "< 100 MiB", met))
    return rows
