"""The wheel a user installs: built by the real build backend, then opened and read."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT


def test_the_wheel_ships_type_information_schemas_and_rule_pages(tmp_path: Path) -> None:
    """``py.typed`` tells a type checker that pmlint's library API is typed (PEP 561)."""
    done = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (wheel,) = tmp_path.glob("pmlint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "pmlint/py.typed" in names
    assert "pmlint/_data/schemas/postmortem.schema.json" in names
    assert "pmlint/_data/rules/PM101.md" in names
