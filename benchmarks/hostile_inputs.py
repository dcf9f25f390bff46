"""CPU time and peak memory of pmlint on worst-case files just under the 1 MiB limit.

    python benchmarks/hostile_inputs.py

Each file is linted by a fresh ``pmlint`` process; the numbers are that child's
CPU seconds and peak RSS, so interpreter start-up (~0.3 s, ~40 MB) is included.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

LIMIT = 1024 * 1024
FRONT = (
    "---\nid: INC-2031-0001\ntitle: t\ndate: 2031-01-01\nseverity: P2\nduration: 5m\n"
    "status: review\nteam: x\noncall: [Bob]\ncause: {primary: model}\n---\n"
)


def fill(head: str, unit: str, tail: str = "") -> str:
    """``head`` then ``unit`` repeated until the file is just under the limit."""
    room = LIMIT - len((FRONT + head + tail).encode()) - 1
    return FRONT + head + unit * (room // len(unit.encode())) + tail


CASES = {
    "follow-up table rows, each missing fields": fill(
        "## Follow-up actions\n\n| Action | Owner |\n|---|---|\n", "| x |\n"
    ),
    "follow-up list items, each missing fields": fill("## Follow-up actions\n\n", "- x\n"),
    "duplicate section headings": fill("", "## Summary\n\nx\n\n"),
    "other headings": fill("", "## Note\n\nx\n\n"),
    "timeline items without times": fill("## Timeline\n\n", "- x\n"),
    "one-line sentences in Cause": fill("## Cause\n\n", "Bob forgot. "),
    "one long line of spaces in a heading": fill("## Cause", " ", "x\n"),
    "unclosed directives on one line": fill("## Summary\n\n", "<!-- pmlint-disable "),
    "nested block quotes": fill("## Summary\n\n", ">", " x\n"),
    "emphasis delimiters": fill("## Summary\n\n", "*a **b "),
    "alias bomb attempt (refused)": "---\n"
    + "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10))
    + "---\n",
}


#: Runs pmlint, then prints its own CPU seconds and peak RSS (KiB) on stderr.
_CHILD = """
import atexit, resource, sys
def report():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(usage.ru_utime + usage.ru_stime, usage.ru_maxrss, file=sys.stderr)
atexit.register(report)
from pmlint.cli import main
main()
"""


def measure(text: str, folder: Path) -> tuple[float, float, int]:
    path = folder / "case.md"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, "-f", "json", str(path)], capture_output=True, check=False
    )
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode())
    cpu, peak = done.stderr.decode().split()[-2:]
    return float(cpu), float(peak) / 1024, done.stdout.count(b'"rule":')


def main() -> None:
    print(f"{'case':45} {'bytes':>9} {'cpu s':>7} {'peak MB':>8} {'problems':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for name, text in CASES.items():
            cpu, peak, problems = measure(text, Path(folder))
            size = len(text.encode())
            print(f"{name:45} {size:>9,} {cpu:>7.2f} {peak:>8.0f} {problems:>9,}")


if __name__ == "__main__":
    main()
