"""A GitHub runner, emulated: the composite action's steps run as a runner runs them.

Each ``run:`` step goes to ``bash --noprofile --norc -eo pipefail`` (GitHub's ``shell: bash``)
with the runner's variables, its ``env:`` expressions evaluated, its own ``GITHUB_OUTPUT`` and
``GITHUB_STEP_SUMMARY`` files read back. ``uses:`` steps are skipped; setup-python's one output,
the interpreter path, is this test's Python. An expression the emulator does not know fails the
test rather than being guessed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from conftest import ROOT, require_tool

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


@dataclass
class Run:
    """What a job sees after the action: exit code, log, summary, outputs."""

    code: int
    log: str
    summary: str
    outputs: dict[str, str]
    steps: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def annotations(self) -> list[str]:
        return [
            line for line in self.log.splitlines() if re.match(r"::(error|warning|notice)", line)
        ]


def read_output_file(path: Path) -> dict[str, str]:
    """GITHUB_OUTPUT's two forms: ``name=value`` and ``name<<DELIMITER`` blocks."""
    values: dict[str, str] = {}
    lines = iter(path.read_text(encoding="utf-8").splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            block = []
            for inner in lines:
                if inner == delimiter:
                    break
                block.append(inner)
            values[name] = "\n".join(block)
        elif line:
            name, value = line.split("=", 1)
            values[name] = value
    return values


class Runner:
    """Runs the action's steps in order, as the runner does for a composite action."""

    def __init__(
        self,
        workspace: Path,
        temp: Path,
        env: dict[str, str] | None = None,
        event: dict[str, Any] | None = None,
    ) -> None:
        self.workspace = workspace
        self.temp = temp
        self.env = env or {}  # more variables, e.g. what an earlier step wrote to GITHUB_ENV
        self.event = event or {}  # github.event: the webhook payload

    def context(self, inputs: dict[str, str], steps: dict[str, dict[str, str]]) -> dict[str, Any]:
        github = {"action_path": str(ROOT), "workspace": str(self.workspace), "event": self.event}
        context: dict[str, Any] = {
            "steps": {key: {"outputs": value} for key, value in steps.items()},
            "github": github,
            "runner": {"temp": str(self.temp), "os": "Linux"},
        }
        defaults = {
            name: self.evaluate(spec.get("default", ""), context)
            for name, spec in ACTION["inputs"].items()
        }
        unknown = set(inputs) - set(defaults)
        assert not unknown, f"the action has no input {unknown}"
        return {**context, "inputs": {**defaults, **inputs}}

    @staticmethod
    def evaluate(text: str, context: dict[str, Any]) -> str:
        def one(match: re.Match[str]) -> str:
            node: Any = context
            for part in match.group(1).strip().split("."):
                if node is context:
                    assert part in context, f"the emulator does not know {match.group(0)}"
                node = node.get(part, "") if isinstance(node, dict) else ""  # GitHub: null, ''
            return str(node)

        return re.sub(r"\$\{\{(.*?)\}\}", one, str(text))

    def run(
        self, inputs: dict[str, str], span: slice = slice(None), steps: dict[str, Any] | None = None
    ) -> Run:
        """Run the steps in ``span``, given the outputs of the ``steps`` before them."""
        steps = dict(steps or {})
        log, summaries, code = [], [], 0
        numbered = list(enumerate(ACTION["runs"]["steps"]))[span]
        for index, step in numbered:
            context = self.context(inputs, steps)
            if "uses" in step:
                assert step["uses"].startswith("actions/setup-python@"), step["uses"]
                steps[step["id"]] = {"python-path": sys.executable}
                continue
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], "inputs reach a run: step only through env:"
            files = {name: self.temp / f"step{index}-{name}" for name in ("output", "summary")}
            for path in files.values():
                path.write_text("", encoding="utf-8")
            env = {
                "PATH": os.environ["PATH"],
                "HOME": os.environ.get("HOME", str(self.temp)),
                "CI": "true",
                "GITHUB_ACTIONS": "true",
                "GITHUB_ACTION_PATH": str(ROOT),
                "GITHUB_WORKSPACE": str(self.workspace),
                "RUNNER_TEMP": str(self.temp),
                "GITHUB_OUTPUT": str(files["output"]),
                "GITHUB_STEP_SUMMARY": str(files["summary"]),
                **{k: v for k, v in os.environ.items() if k.startswith(("PIP_", "http"))},
                **self.env,
                **{k: self.evaluate(v, context) for k, v in step.get("env", {}).items()},
            }
            script = self.temp / f"step{index}.sh"
            script.write_text(step["run"], encoding="utf-8")
            cwd = self.evaluate(step.get("working-directory", str(self.workspace)), context)
            done = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=cwd,
                env=env,
                capture_output=True,
                text=True,
                errors="replace",  # a file name that is not UTF-8 reaches the log as it is
                timeout=300,
                check=False,
            )
            log.append(done.stdout + done.stderr)
            steps[step["id"]] = read_output_file(files["output"])
            summaries.append(files["summary"].read_text(encoding="utf-8"))
            if done.returncode:
                code = done.returncode
                break
        context = self.context(inputs, steps)
        outputs = {
            name: self.evaluate(spec["value"], context) for name, spec in ACTION["outputs"].items()
        }
        return Run(code, "".join(log), "".join(summaries), outputs, steps)


INSTALL = next(i for i, s in enumerate(ACTION["runs"]["steps"]) if s.get("id") == "install")


def install(runner: Runner) -> dict[str, dict[str, str]]:
    """The steps up to the install: pip builds pmlint from this checkout into a venv."""
    require_tool("bash")
    result = runner.run({}, slice(0, INSTALL + 1))
    assert result.code == 0, result.log
    assert Path(result.steps["install"]["python"]).is_file()
    return result.steps
