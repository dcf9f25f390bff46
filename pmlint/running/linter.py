"""pmlint's public core: ``lint_text`` for one document in memory, ``lint_paths`` for
files and folders. Neither knows about click or output.

One file's lint is ``pmlint.checking.lint``; a repository's, with its cache,
workers and cross-file pass, is ``pmlint.running.repository``; what is read
from disk, and refused, is ``pmlint.reading.source``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from pmlint.config import Config
from pmlint.running import baseline
from pmlint.running.report import Report
from pmlint.running.repository import lint_repository

if TYPE_CHECKING:  # at run time, __getattr__
    from pmlint.checking.lint import lint_text

__all__ = ["lint_paths", "lint_text"]


def __getattr__(name: str) -> object:
    # Imported when asked for: a run that finds every file in the cache never lints one.
    if name == "lint_text":
        from pmlint.checking.lint import lint_text

        return lint_text
    raise AttributeError(name)


def lint_paths(
    paths: Iterable[str], config: Config, today: dt.date | None = None, staged: bool = False
) -> Report:
    """Lint every postmortem under ``paths`` (default: the configured paths).

    ``staged``: the other configured postmortems, which the cross-file rules
    see, are read from Git's index, as pre-commit judges a commit.

    The problems the configured baseline knows are left out and counted, as
    ``pmlint lint`` prints them; a configuration with ``baseline`` set to None
    reports every problem.
    """
    report = lint_repository(paths, config, today, staged)
    if config.baseline is None:
        return report
    known = baseline.load(config.baseline_copy or config.baseline)
    shown = baseline.relative(str(config.baseline), Path.cwd())
    return baseline.apply(report, known, config.baseline.parent, shown)
