"""pmlint: lint AI incident postmortems so every gap fails where it is.

The library API has no click in it: ``lint_text`` lints one document in memory,
``lint_paths`` lints files and folders; both return problems.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmlint.version import __version__

if TYPE_CHECKING:  # what a type checker sees through py.typed; at run time, __getattr__
    from pmlint.running.linter import lint_paths, lint_text

__all__ = ["__version__", "lint_paths", "lint_text"]


def __getattr__(name: str) -> object:
    # Imported lazily so ``pmlint --version`` and the CLI start fast.
    if name in ("lint_paths", "lint_text"):
        from pmlint.running import linter

        return getattr(linter, name)
    raise AttributeError(name)
