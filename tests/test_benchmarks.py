"""The benchmark tools keep working: a deterministic corpus and a tiny benchmark run.

Timings are never asserted here (this machine is shared and noisy); the real
figures come from running benchmarks/run.py by hand, see docs/performance.md.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import ROOT

BENCHMARKS = ROOT / "benchmarks"


def _run_module(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """benchmarks/run.py as a module, for the parts that are plain functions."""
    monkeypatch.syspath_prepend(str(BENCHMARKS))  # it imports generate_corpus beside it
    spec = importlib.util.spec_from_file_location("run", BENCHMARKS / "run.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "run", module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _generate(folder: Path, *args: str) -> None:
    subprocess.run(
        [sys.executable, str(BENCHMARKS / "generate_corpus.py"), str(folder), *args],
        check=True,
        capture_output=True,
    )


def test_the_corpus_is_deterministic_and_realistic(tmp_path: Path) -> None:
    _generate(tmp_path / "a", "--count", "40", "--defect-rate", "0.3")
    _generate(tmp_path / "b", "--count", "40", "--defect-rate", "0.3")
    first = sorted((tmp_path / "a").rglob("*.md"))
    second = sorted((tmp_path / "b").rglob("*.md"))
    assert len(first) == 40
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    average = sum(p.stat().st_size for p in first) / len(first)
    assert 4000 < average < 5200


def test_the_benchmark_runs_end_to_end(tmp_path: Path) -> None:
    options = ["--sizes", "1,5", "--runs", "1", "--short-runs", "2", "--no-peers"]
    options += ["--work", str(tmp_path), "--json", str(tmp_path / "medians.json")]
    options += ["--baseline", f"{sys.executable} -m pmlint", "--baseline-max", "5"]
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), *options],
        capture_output=True,
        text=True,
        check=True,
    )
    # two rounds at one file: the ratio of medians, then the range of the rounds' ratios
    assert re.search(
        r"\| pmlint cached / floor: read\+hash \| [0-9.]+x \([0-9.]+-[0-9.]+\) \|", done.stdout
    )
    assert "| pre-commit floor: walk+stat |" in done.stdout
    assert "| pre-commit: 1 file, cached |" in done.stdout
    assert "| pre-commit: 1 changed file, warm |" in done.stdout
    if shutil.which("git"):  # the corpus made a repository, the other ids from its index
        assert "| pre-commit --staged: 1 changed file, warm |" in done.stdout
        staged = tmp_path / "repo-5-0.05" / ".pmlint_cache_staged" / "files.json"
        assert b'"git:' in staged.read_bytes()
    # an older pmlint (here the same one) in the pre-commit case, with a cache of its own
    assert "| pre-commit: 1 changed file, warm / baseline pre-commit: 1 changed file |" in (
        done.stdout
    )
    assert (tmp_path / "repo-5-0.05" / ".pmlint_cache_baseline" / "files.json").is_file()
    # issue 20's targets, each measured beside its bound
    assert re.search(
        r"\| pre-commit: 1 file just edited, warm cache / its floor \(5 files in scope\) "
        r"\| [0-9.]+x \([0-9.]+-[0-9.]+\) \| <= 2.0x \|",
        done.stdout,
    )
    assert re.search(
        r"\| identical reports with .* \| 4 reports, [0-9,]+ bytes each \| - \| yes \|", done.stdout
    )
    runs = {
        (size, name): len(timing["runs"])
        for size, timings in json.loads((tmp_path / "medians.json").read_text()).items()
        for name, timing in timings.items()
    }
    # cheap runs are repeated more: one file, and one file in a repository
    assert runs[("1", "pmlint cold")] == runs[("5", "pre-commit: 1 file, cached")] == 2
    assert runs[("5", "pmlint cold")] == runs[("5", "pre-commit: 1 file, cold")] == 1
    _generate(tmp_path / "fresh", "--count", "5", "--defect-rate", "0.05")
    benchmarked = sorted((tmp_path / "repo-5-0.05" / "postmortems").rglob("*.md"))
    fresh = sorted((tmp_path / "fresh").rglob("*.md"))
    # the file edited before each pre-commit run is given its bytes back
    assert [p.read_bytes() for p in benchmarked] == [p.read_bytes() for p in fresh]


def test_a_ratio_gives_the_range_of_the_rounds(monkeypatch: pytest.MonkeyPatch) -> None:
    run = _run_module(monkeypatch)
    results = {"a": run.Timing(seconds=[1.0, 4.0, 3.0]), "b": run.Timing(seconds=[2.0, 2.0, 3.0])}
    # medians 3 and 2; round by round 0.5, 2 and 1
    assert run.ratio(results, "a", "b") == "1.500x (0.50-2.00)"
    assert run.ratio({"a": run.Timing([1.0]), "b": run.Timing([2.0])}, "a", "b") == "0.500x"
    assert run.ratio(results, "a", "missing") == "-"
