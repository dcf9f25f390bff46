"""The atheris harness under fuzz/ still runs: a short, fixed number of executions.

The long coverage-guided runs are done by hand (docs/security.md); this only
keeps the script working as pmlint changes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, require_module


def test_the_atheris_harness_runs_from_its_seeds(tmp_path: Path) -> None:
    require_module("atheris")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "fuzz" / "fuzz_lint.py"),
            str(corpus),
            str(ROOT / "fuzz" / "seeds"),
            "-runs=400",
            "-seed=1",
            "-timeout=10",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Done 400 runs" in done.stderr
    assert "seed corpus: files: 6 " in done.stderr
