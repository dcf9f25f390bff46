"""Shared test helpers: the repository's folders and external tools."""

from __future__ import annotations

import importlib
import os
import shutil
import sys
import tempfile
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "real-world"
#: The cache's signing key of the tests' "user", never the real user's (runs in
#: child processes inherit it).
os.environ["PMLINT_CACHE_KEY"] = str(Path(tempfile.mkdtemp(prefix="pmlint-key-")) / "cache.key")


def require_tool(name: str) -> str:
    """The path of an external tool, or skip; in CI (PMLINT_REQUIRE_TOOLS=1) fail instead."""
    here = Path(sys.executable).parent  # tools installed with the test extra sit beside python
    found = shutil.which(name) or shutil.which(name, path=str(here))
    if found:
        return found
    message = f"{name} is not installed (.ci/run installs it)"
    if os.environ.get("PMLINT_REQUIRE_TOOLS") == "1":
        pytest.fail(message)
    pytest.skip(message)


def require_module(name: str) -> ModuleType:
    """An optional Python package a test drives (e.g. atheris), or skip; in CI fail instead."""
    try:
        return importlib.import_module(name)
    except ImportError:
        message = f"the Python package {name} is not installed (.ci/run installs it)"
        if os.environ.get("PMLINT_REQUIRE_TOOLS") == "1":
            pytest.fail(message)
        pytest.skip(message)


def require_shared(path: Path) -> Path:
    """A file from ../shared, which CI has beside the clone and a user's clone has not."""
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared is only beside the clone in CI")
    return path


def invoke(cwd: Path | None, *args: str) -> Result:
    """Run the CLI in-process from folder ``cwd``, as a user in that folder would."""
    from pmlint.cli import main

    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


def require_npm_file(package: str, file: str) -> Path:
    """A file of an npm package installed by .ci/run into .ci/node, or skip; in CI fail instead."""
    path = ROOT / ".ci" / "node" / "node_modules" / package / file
    if path.is_file():
        return path
    message = f"the npm package {package} is not installed in .ci/node (.ci/run installs it)"
    if os.environ.get("PMLINT_REQUIRE_TOOLS") == "1":
        pytest.fail(message)
    pytest.skip(message)
