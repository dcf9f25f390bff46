"""Coverage-guided fuzzing (atheris) of pmlint's parse-and-lint entry point.

Each input is a file's bytes. They go through what ``pmlint PATH`` does with a
file: decode (PM001 on refusal), parse and lint, then every report format.
A crash is any exception that escapes, and any PM000: the linter turns a bug
inside a rule into a PM000 problem so the run survives, which would hide the
bug from the fuzzer, so here it is raised instead.

    pip install atheris
    python fuzz/fuzz_lint.py -max_total_time=600

With no corpus folder given, new inputs go to ``.fuzz-corpus/`` (ignored by
git) and the run starts from ``fuzz/seeds/`` and the fixtures. Any other
libFuzzer flag works (``-jobs=2``, ``-max_len=65536``, a crash file to replay).
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import pkgutil
import sys
from pathlib import Path
from types import MappingProxyType

import atheris

#: Packages whose Python code is instrumented. libyaml and pulldown-cmark are compiled.
INSTRUMENTED = ("pmlint", "markdown_it", "mdurl", "yaml")
#: Modules not imported: running them would run a command line (the pmlint.cli package only
#: defines its commands; the walk below imports it to list its modules).
NOT_IMPORTED = ("pmlint.__main__", "pmlint._compiled.__main__")


def import_every_module() -> list[str]:
    """Import each package and every pmlint module now, inside the instrumented block.

    atheris instruments a module only when it is imported inside ``instrument_imports``.
    pmlint imports its parser, rules and schema check lazily, inside functions, so they would
    otherwise be loaded at the first input, uninstrumented: the fuzzer saw 129 edges instead
    of over 2,500.
    """
    names = list(INSTRUMENTED)
    for package in INSTRUMENTED:
        importlib.import_module(package)
    pmlint = sys.modules["pmlint"]
    for module in pkgutil.walk_packages(pmlint.__path__, "pmlint."):
        if module.name not in NOT_IMPORTED:
            importlib.import_module(module.name)
            names.append(module.name)
    return names


with atheris.instrument_imports(include=list(INSTRUMENTED)):
    IMPORTED = import_every_module()
    from pmlint.checking.lint import lint_text
    from pmlint.checking.rules import Context
    from pmlint.config import Config
    from pmlint.formats import FORMATTERS
    from pmlint.reading.source import Unreadable, decode
    from pmlint.running.report import Report

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CONFIG = Config(today=dt.date(2031, 6, 1))
#: A repository with a few ids, so the cross-file rules have something to compare.
CONTEXT = Context(
    config=CONFIG,
    today=CONFIG.today,
    ids=MappingProxyType({"INC-2031-0001": ("a.md",), "INC-2031-0007": ("b.md", "c.md")}),
)


class InternalError(Exception):
    """pmlint reported PM000: a bug that the linter survived but must be fixed."""


def lint_bytes(data: bytes) -> None:
    try:
        text = decode(data)
    except Unreadable:
        return
    problems = lint_text(text, "fuzz.md", CONFIG, CONTEXT)
    internal = [problem.message for problem in problems if problem.code == "PM000"]
    if internal:
        raise InternalError("; ".join(internal))
    report = Report(tuple(sorted(problems)), 1)
    for render in FORMATTERS.values():
        render(report, False)
    json.loads(FORMATTERS["json"](report, False))


def default_arguments(argv: list[str]) -> list[str]:
    """Add a writable corpus folder and the seed folders when none is named."""
    if any(not arg.startswith("-") for arg in argv[1:]):
        return argv
    corpus = ROOT / ".fuzz-corpus"
    corpus.mkdir(exist_ok=True)
    seeds = [HERE / "seeds", ROOT / "fixtures" / "good", ROOT / "fixtures" / "bad"]
    return [argv[0], str(corpus), *(str(s) for s in seeds if s.is_dir()), *argv[1:]]


def main() -> None:
    atheris.Setup(default_arguments(sys.argv), lint_bytes)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
