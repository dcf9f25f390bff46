"""The outcome of one run: what every formatter renders and every caller gets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmlint.problem import Problem, Severity

if TYPE_CHECKING:
    from pmlint.running.baseline import Outcome


@dataclass(frozen=True)
class Report:
    """The problems of one run, the files it checked, and what the baseline hid."""

    problems: tuple[Problem, ...]
    files_checked: int
    files: tuple[str, ...] = ()  # the paths checked, as displayed
    baseline: Outcome | None = None  # set when a baseline hid known problems

    @property
    def errors(self) -> int:
        return sum(problem.severity is Severity.ERROR for problem in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    @property
    def files_with_problems(self) -> int:
        return len({problem.path for problem in self.problems})
