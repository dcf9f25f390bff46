"""CPU time and peak memory of pmlint on worst-case files just under the 1 MiB limit.

    python benchmarks/hostile_inputs.py [--only WORD]

Each file is linted by a fresh ``pmlint --no-cache`` process; the numbers are that
child's CPU seconds and peak RSS, so interpreter start-up (~0.3 s, ~40 MB) is
included. The first row is a typical file of the same size (generated postmortems,
one after another, up to the limit); every other row also gives its CPU time as a
multiple of that one. Issue 20's bound: at most 2 s of CPU and 200 MB for any file.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import generate_corpus

LIMIT = 1024 * 1024
FRONT = (
    "---\nid: INC-2031-0001\ntitle: t\ndate: 2031-01-01\nseverity: P2\nduration: 5m\n"
    "status: review\nteam: x\noncall: [Bob]\ncause: {primary: model}\n---\n"
)


def fill(head: str, unit: str, tail: str = "") -> str:
    """``head`` then ``unit`` repeated until the file is just under the limit."""
    room = LIMIT - len((FRONT + head + tail).encode()) - 1
    return FRONT + head + unit * (room // len(unit.encode())) + tail


def numbered(head: str, unit: str) -> str:
    """``head`` then ``unit`` with ``{n}`` counting up, until the file is just under the limit."""
    parts, size, n = [FRONT, head], len((FRONT + head).encode()), 0
    while size + len(part := unit.format(n=n).encode()) < LIMIT:
        parts.append(part.decode())
        size, n = size + len(part), n + 1
    return "".join(parts)


def typical() -> str:
    """Generated postmortems one after another (their front-matter dropped) up to the limit."""
    bodies = []
    size, index = len(FRONT), 0
    while True:
        text = generate_corpus.postmortem(index, seed=1)[1]
        body = text[text.index("\n---\n", 4) + 5 :]
        if size + len(body.encode()) >= LIMIT:
            return FRONT + "".join(bodies)
        bodies.append(body)
        size += len(body.encode())
        index += 1


CASES = {
    "typical postmortems, one after another": typical(),
    "follow-up table rows, each missing fields": fill(
        "## Follow-up actions\n\n| Action | Owner |\n|---|---|\n", "| x |\n"
    ),
    "follow-up list items, each missing fields": fill("## Follow-up actions\n\n", "- x\n"),
    "duplicate section headings": fill("", "## Summary\n\nx\n\n"),
    "other headings": fill("", "## Note\n\nx\n\n"),
    "other headings, each its own": numbered("", "## Note {n}\n\nx\n\n"),
    "headings close to a section's, each its own": numbered("", "## Summery {n}\n\nx\n\n"),
    "timeline items without times": fill("## Timeline\n\n", "- x\n"),
    "one-line sentences in Cause": fill("## Cause\n\n", "Bob forgot. "),
    "one long line of spaces in a heading": fill("## Cause", " ", "x\n"),
    "unclosed directives on one line": fill("## Summary\n\n", "<!-- pmlint-disable "),
    "nested block quotes": fill("## Summary\n\n", ">", " x\n"),
    "emphasis delimiters": fill("## Summary\n\n", "*a **b "),
    "follow-up list items with every field": fill(
        "## Follow-up actions\n\n",
        "- Fix it \u2014 owner: @a \u2014 due: 2031-02-01 \u2014 status: open \u2014 type: fix\n",
    ),
    "follow-up list items with links": fill("## Follow-up actions\n\n", "- [x](https://t/1)\n"),
    "apparatus list items": fill("## Apparatus updates\n\n", "- Alert: x\n"),
    "a wide table": fill("## Summary\n\n| a |\n|---|\n", "| x ", "|\n"),
    "table rows outside follow-ups": fill("## Summary\n\n| a | b |\n|---|---|\n", "| x | y |\n"),
    "nested list items": fill("## Summary\n\n", "- x\n  - y\n    - z\n"),
    "list markers nested on one line": fill("## Summary\n\n", "- ", "x\n"),
    "links": fill("## Summary\n\n", "[a](https://e.x/a) "),
    "link reference definitions": fill("## Summary\n\n", "[a]: https://e.x/a\n"),
    "autolinks": fill("## Summary\n\n", "<https://e.x/a> "),
    "unclosed brackets": fill("## Summary\n\n", "[a "),
    "code span backticks": fill("## Summary\n\n", "`a ``b "),
    "one long line of text": fill("## Cause\n\n", "word "),
    "many short paragraphs": fill("## Cause\n\n", "x\n\n"),
    "HTML comments": fill("## Summary\n\n", "<!-- x -->\n"),
    "inline directives": fill("## Summary\n\n", "x <!-- pmlint-disable-line PM101 -->\n"),
    "lesson headings": fill("## Lessons learned\n\n", "### What went well\n\n"),
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
        [sys.executable, "-c", _CHILD, "--no-cache", "-f", "json", str(path)],
        capture_output=True,
        check=False,
        cwd=folder,  # not a checkout: python -c imports from its working directory first
    )
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode())
    cpu, peak = done.stderr.decode().split()[-2:]
    return float(cpu), float(peak) / 1024, done.stdout.count(b'"rule":')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="run the cases whose name holds this")
    only = parser.parse_args().only
    print(f"{'case':45} {'bytes':>9} {'cpu s':>7} {'x typical':>9} {'peak MB':>8} {'problems':>9}")
    with tempfile.TemporaryDirectory() as folder:
        base = 0.0
        for name, text in CASES.items():
            if base and only not in name:
                continue
            cpu, peak, problems = measure(text, Path(folder))
            base = base or cpu
            size = len(text.encode())
            print(
                f"{name:45} {size:>9,} {cpu:>7.2f} {cpu / base:>9.1f} {peak:>8.0f} {problems:>9,}",
                flush=True,
            )


if __name__ == "__main__":
    main()
