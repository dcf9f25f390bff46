"""CPU time per file of a cold lint, in one process, beside the reference build.

    python benchmarks/cold_cpu.py [--count 1000] [--runs 7] [--reference /work/ref/venv]

Each round runs one child process per build: it reads every generated file into
memory, then lints each one with ``lint_text`` (no cache, no workers, no file
system) and prints the CPU time that loop took. Rounds alternate the builds, so
a busy spell on a shared machine slows both alike. It prints the median of each
build's CPU milliseconds per file, the range round by round, and their ratio.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import generate_corpus

#: Lints every .md file under argv[1] in this process; prints CPU seconds and file count.
_CHILD = """
import sys, time
from pathlib import Path
try:
    from pmlint.running.linter import lint_text
except ImportError:  # the build before the subpackages
    from pmlint.linter import lint_text
from pmlint.config import Config
texts = [(str(p), p.read_text("utf-8")) for p in sorted(Path(sys.argv[1]).rglob("*.md"))]
config = Config()
lint_text(texts[0][1], texts[0][0], config)  # imports and caches warmed, as after one file
start = time.process_time()
for path, text in texts:
    lint_text(text, path, config)
print(time.process_time() - start, len(texts))
"""


def run(python: str, folder: Path) -> float:
    """CPU milliseconds per file of one child process.

    It runs in ``folder``: ``python -c`` puts its working directory first on
    the import path, so from a checkout every build would lint with that
    checkout's code.
    """
    done = subprocess.run(
        [python, "-c", _CHILD, str(folder)], capture_output=True, text=True, check=True, cwd=folder
    )
    seconds, count = done.stdout.split()
    return float(seconds) * 1000 / int(count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--reference", default="/work/ref/venv", help="the build to compare with")
    args = parser.parse_args()
    builds = {"this build": sys.executable}
    reference = Path(args.reference) / "bin" / "python"
    if reference.exists():
        builds["reference"] = str(reference)
    results: dict[str, list[float]] = {name: [] for name in builds}
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        generate_corpus.main([str(folder), "--count", str(args.count), "--defect-rate", "0.2"])
        for _ in range(args.runs):
            for name, python in builds.items():
                results[name].append(run(python, folder))
    print(f"cold lint, {args.count:,} generated files, {args.runs} rounds: CPU ms per file")
    for name, figures in results.items():
        print(
            f"  {name:<12} median {statistics.median(figures):.3f} ms"
            f"  (range {min(figures):.3f}-{max(figures):.3f})"
        )
    if "reference" in results:
        ratios = [a / b for a, b in zip(results["this build"], results["reference"], strict=True)]
        print(
            f"  this build / reference: {statistics.median(ratios):.2f}x"
            f"  (range {min(ratios):.2f}-{max(ratios):.2f})"
        )


if __name__ == "__main__":
    main()
