"""Check that two pmlint builds give byte-identical JSON reports on the same files.

A performance change must not change any result. This runs a baseline pmlint and
a candidate pmlint (any two executables, e.g. two virtual environments) over the
same folders, without the cache, with and without ``--today`` and with one and two
workers, and compares the JSON reports byte for byte::

    python benchmarks/generate_corpus.py --count 2000 --defect-rate 0.3 /tmp/pm
    python benchmarks/compare_reports.py /path/to/old/pmlint .venv/bin/pmlint /tmp/pm fixtures

Exit status 0 when every report is identical, 1 otherwise.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

#: Each variant of the command line that is compared.
VARIANTS: tuple[tuple[str, ...], ...] = (
    ("--jobs", "1"),
    ("--jobs", "1", "--today", "2026-11-25"),
    ("--jobs", "2"),
)


def report(pmlint: str, folder: Path, variant: tuple[str, ...]) -> bytes:
    """The JSON report of one run; the exit status only says whether problems were found."""
    command = [pmlint, "lint", "-f", "json", "--no-cache", *variant, str(folder)]
    result = subprocess.run(command, capture_output=True, check=False)
    if result.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.decode()}")
    return result.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("baseline", help="the pmlint executable whose reports are expected")
    parser.add_argument("candidate", help="the pmlint executable being checked")
    parser.add_argument("folders", nargs="+", type=Path, help="folders of postmortems")
    args = parser.parse_args()
    differences = 0
    for folder in args.folders:
        for variant in VARIANTS:
            expected = report(args.baseline, folder, variant)
            actual = report(args.candidate, folder, variant)
            same = expected == actual
            differences += not same
            label = f"{folder} {' '.join(variant)}"
            print(f"{'same' if same else 'DIFFERENT'}: {label} ({len(expected):,} bytes)")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
