"""The action in a hostile checkout: nothing the pull request commits is ever imported.

A runner starts each step in the checkout, and ``python -m X`` or ``python -`` put the working
folder first on ``sys.path``, so a committed ``pmlint/__main__.py``, ``json.py``, ``venv.py`` or
``pip.py`` would run instead of the real one and could report a failing check as clean. A
``PYTHONPATH`` left by an earlier step (``GITHUB_ENV``) would do the same. Every planted module
here leaves a marker when it runs, and the one posing as pmlint forges a clean report.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from action_runner import INSTALL, Run, Runner
from conftest import FIXTURES

#: What an attacker can shadow: pmlint itself, the modules the steps run with ``-m``, what
#: pmlint and the output step import, and what Python imports by itself at start-up.
MODULES = (
    "json",
    "yaml",
    "venv",
    "pip",
    "ensurepip",
    "click",
    "jsonschema",
    "tomllib",
    "sitecustomize",
    "usercustomize",
)
FORGED = {"summary": {"errors": 0, "warnings": 0, "files": 1}}
SKELETON = "---\nid: INC-2026-0600\n---\n\n## Summary\n\nTODO\n"


def plant(folder: Path, markers: Path) -> None:
    """Modules that leave a marker in ``markers`` when imported; a pmlint that forges a pass."""
    mark = "import pathlib, sys\npathlib.Path({!r}).write_text(' '.join(sys.argv))\n"
    for name in MODULES:
        (folder / f"{name}.py").write_text(mark.format(str(markers / f"{folder.name}-{name}")))
    package = folder / "pmlint"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "__main__.py").write_text(
        mark.format(str(markers / f"{folder.name}-pmlint"))
        + "args = sys.argv[1:]\n"
        + "for flag, value in zip(args, args[1:]):\n"
        + "    if flag == '-o':\n"
        + f"        pathlib.Path(value).write_text({json.dumps(FORGED)!r})\n"
        + "raise SystemExit(0)\n"
    )


class Hostile:
    """A checkout holding planted modules, a PYTHONPATH pointing at more, and the action
    installed in it (the install steps ran there too)."""

    def __init__(self, root: Path) -> None:
        self.workspace, self.temp, self.markers = root / "ws", root / "temp", root / "markers"
        for folder in (self.workspace / "postmortems", self.temp, self.markers, root / "env"):
            folder.mkdir(parents=True)
        (self.workspace / "pyproject.toml").write_text('[tool.pmlint]\npaths = ["postmortems"]\n')
        postmortems = self.workspace / "postmortems"
        (postmortems / "skeleton.md").write_text(SKELETON, encoding="utf-8")
        worked = (FIXTURES / "good" / "worked-example.md").read_bytes()
        (postmortems / "good.md").write_bytes(worked)
        # A name that is not UTF-8 (Linux allows any bytes): it must not break the outputs.
        skeleton = SKELETON.replace("0600", "0601").encode()
        (postmortems / os.fsdecode(b"broken-\xfe.md")).write_bytes(skeleton)
        plant(self.workspace, self.markers)
        plant(root / "env", self.markers)
        self.runner = Runner(self.workspace, self.temp, env={"PYTHONPATH": str(root / "env")})
        self.installed = self.runner.run({}, slice(0, INSTALL + 1))

    def __call__(self, **inputs: str) -> Run:
        named = {name.replace("_", "-"): value for name, value in inputs.items()}
        return self.runner.run(named, slice(INSTALL + 1, None), self.installed.steps)

    def planted_modules_that_ran(self) -> list[str]:
        return sorted(path.name for path in self.markers.iterdir())

    def expected(self) -> dict[str, int]:
        """The real counts: pmlint from this test's environment, in the checkout's copy."""
        done = subprocess.run(
            [sys.executable, "-I", "-m", "pmlint", "--no-cache", "-f", "json", "postmortems"],
            cwd=self.workspace,
            capture_output=True,
            check=False,
        )
        summary = json.loads(done.stdout.decode("utf-8", "replace"))["summary"]
        return {key: summary[key] for key in ("errors", "warnings")}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    return Hostile(tmp_path_factory.mktemp("hostile"))


def test_the_install_steps_import_nothing_from_the_checkout(hostile: Hostile) -> None:
    assert hostile.installed.code == 0, hostile.installed.log
    assert hostile.planted_modules_that_ran() == []


def test_lint_runs_the_real_pmlint_and_reports_every_error(hostile: Hostile) -> None:
    expected = hostile.expected()
    assert expected["errors"] > 10  # two skeletons: the run must fail
    result = hostile()
    assert hostile.planted_modules_that_ran() == []
    assert result.code == 1, result.log
    assert result.outputs["errors"] == str(expected["errors"])
    assert result.outputs["warnings"] == str(expected["warnings"])
    assert "### postmortems/skeleton.md" in result.summary


def test_report_and_followups_run_the_real_pmlint(hostile: Hostile) -> None:
    result = hostile(command="followups", args="--today 2030-01-01")
    assert result.code == 0, result.log
    assert "Expand policy_comparison eval coverage" in result.summary
    assert hostile.planted_modules_that_ran() == []


def test_a_name_that_is_not_utf8_keeps_the_outputs_and_the_summary(hostile: Hostile) -> None:
    result = hostile()
    assert result.code == 1, result.log
    assert int(result.outputs["errors"]) == hostile.expected()["errors"]
    assert "### postmortems/broken-\ufffd.md" in result.summary  # valid UTF-8, readable
    assert "Traceback" not in result.log
