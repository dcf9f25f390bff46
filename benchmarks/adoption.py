"""How long adoption takes on the real-world corpus: adopt every file, apply a baseline.

Run from the repository root:  python benchmarks/adoption.py [CORPUS_DIR] [ROUNDS]
(default: ../shared/corpus/real-world, 20 rounds). Prints the best and median time
per round, so a regression shows as a number, not as a slow unit test.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from pmlint.authoring import adopt
from pmlint.config import Config
from pmlint.running import baseline
from pmlint.running.linter import lint_paths


def main(argv: list[str]) -> int:
    corpus = Path(argv[0] if argv else "../shared/corpus/real-world")
    rounds = int(argv[1]) if len(argv) > 1 else 20
    files = sorted(corpus.glob("*.md"))
    if not files:
        print(f"no Markdown files in {corpus}", file=sys.stderr)
        return 2
    texts = [(path.name, path.read_text(encoding="utf-8")) for path in files]
    config = Config()

    def convert_all() -> None:
        for name, text in texts:
            adopt.convert(text, name, config)

    report = lint_paths([str(corpus)], config)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        known = baseline.entries(report.problems, root)

        def apply_baseline() -> None:
            baseline.apply(report, known, root, "b.json")

        for label, run in (("adopt, every file", convert_all), ("apply baseline", apply_baseline)):
            times = []
            for _ in range(rounds):
                start = time.perf_counter()
                run()
                times.append(time.perf_counter() - start)
            print(
                f"{label}: {len(files)} files, {len(report.problems)} problems; "
                f"best {min(times) * 1000:.1f} ms, median {statistics.median(times) * 1000:.1f} ms"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
