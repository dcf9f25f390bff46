"""pmlint's version, in a module of its own that imports nothing.

Every module that states the version (reports, the cache's code key) reads it
here rather than from the package, whose lazy ``lint_text`` and ``lint_paths``
import the linter.
"""

__version__ = "0.1.0"
