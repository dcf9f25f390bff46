"""The composite action, run step by step as a GitHub runner would, and checked by zizmor and
check-jsonschema.

The runner is emulated: each ``run:`` step goes to ``bash --noprofile --norc -eo pipefail``
(GitHub's ``shell: bash``) with the runner's variables, its ``env:`` expressions evaluated,
its own ``GITHUB_OUTPUT`` and ``GITHUB_STEP_SUMMARY`` files read back. ``uses:`` steps are
skipped; setup-python's one output, the interpreter path, is this test's Python. An expression
the emulator does not know fails the test rather than being guessed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, ROOT, require_tool

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
WORKED = (FIXTURES / "good" / "worked-example.md").read_text(encoding="utf-8")
VAGUE = WORKED.replace(
    WORKED[WORKED.index("## Blast radius") : WORKED.index("## Eval delta")],
    "## Blast radius\n\nSome sessions of some tenants.\n\n",
).replace("INC-2026-0512", "INC-2026-0514")
#: Front-matter with an id and nothing else: more errors than GitHub annotates.
SKELETON = "---\nid: INC-2026-0600\n---\n\n## Summary\n\nTODO\n"


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

    def __init__(self, workspace: Path, temp: Path) -> None:
        self.workspace = workspace
        self.temp = temp

    def context(self, inputs: dict[str, str], steps: dict[str, dict[str, str]]) -> dict[str, Any]:
        defaults = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
        unknown = set(inputs) - set(defaults)
        assert not unknown, f"the action has no input {unknown}"
        return {
            "inputs": {**defaults, **inputs},
            "steps": {key: {"outputs": value} for key, value in steps.items()},
            "github": {"action_path": str(ROOT), "workspace": str(self.workspace)},
            "runner": {"temp": str(self.temp), "os": "Linux"},
        }

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
        self, inputs: dict[str, str], span: slice = slice(None), steps: dict | None = None
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


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, str]]]:
    """The steps up to the install, once: pip builds pmlint from this checkout into a venv."""
    require_tool("bash")
    temp = tmp_path_factory.mktemp("runner-temp")
    runner = Runner(tmp_path_factory.mktemp("workspace"), temp)
    result = runner.run({}, slice(0, INSTALL + 1))
    assert result.code == 0, result.log
    assert Path(result.steps["install"]["python"]).is_file()
    return temp, result.steps


class Job:
    """A workspace of postmortems in which the steps after the install run."""

    def __init__(self, workspace: Path, temp: Path, steps: dict[str, dict[str, str]]) -> None:
        self.workspace, self.temp, self.steps = workspace, temp, steps

    def __call__(self, **inputs: str) -> Run:
        named = {name.replace("_", "-"): value for name, value in inputs.items()}
        runner = Runner(self.workspace, self.temp)
        return runner.run(named, slice(INSTALL + 1, None), self.steps)


@pytest.fixture
def action(installed: tuple[Path, dict[str, dict[str, str]]], tmp_path: Path) -> Job:
    temp, steps = installed
    workspace = tmp_path / "workspace"
    folder = workspace / "postmortems"
    folder.mkdir(parents=True)
    (workspace / "pyproject.toml").write_text('[tool.pmlint]\npaths = ["postmortems"]\n')
    (folder / "good.md").write_text(WORKED, encoding="utf-8")
    (folder / "vague.md").write_text(VAGUE, encoding="utf-8")
    (folder / "skeleton.md").write_text(SKELETON, encoding="utf-8")
    return Job(workspace, temp, steps)


def test_lint_annotates_ten_per_level_summarises_all_and_sets_outputs(action: Job) -> None:
    result = action()
    assert result.code == 1, result.log
    report = json.loads(
        subprocess.run(
            [sys.executable, "-m", "pmlint", "-f", "json", "postmortems"],
            cwd=action.workspace,
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    )["summary"]
    assert report["errors"] > 10 and report["warnings"] == 1
    assert result.outputs == {
        "errors": str(report["errors"]),
        "warnings": "1",
        "sarif-file": "pmlint.sarif",
    }
    levels = [line.split(" ", 1)[0] for line in result.annotations]
    assert levels == ["::error"] * 10 + ["::warning"] + ["::notice"]
    assert f"{report['errors'] - 10} more problems were not annotated" in result.annotations[-1]
    assert result.annotations[0].startswith("::error file=postmortems/skeleton.md,line=1,")
    assert result.summary.startswith("## pmlint\n\n")
    assert result.summary.count("| error |") == report["errors"]  # every problem, not ten
    assert result.summary.count("| warning |") == 1
    assert "### postmortems/skeleton.md" in result.summary and "good.md" not in result.summary
    sarif = json.loads((action.workspace / "pmlint.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert len(sarif["runs"][0]["results"]) == report["errors"] + 1


def test_clean_paths_pass_with_zero_counts(action: Job) -> None:
    result = action(paths="postmortems/good.md")
    assert result.code == 0, result.log
    assert result.annotations == []
    assert result.outputs["errors"] == "0" and result.outputs["warnings"] == "0"
    assert "0 errors, 0 warnings in 0 files (1 file checked)" in result.summary


def test_a_cache_committed_to_the_repository_is_not_read(action: Job) -> None:
    """A pull request could add a .pmlint_cache/ whose results say its files are clean."""
    lint = [sys.executable, "-m", "pmlint", "-q", "postmortems"]
    subprocess.run(lint, cwd=action.workspace, capture_output=True, check=False)
    stored = action.workspace / ".pmlint_cache" / "results.json"
    forged = json.loads(stored.read_text(encoding="utf-8"))
    forged["entries"] = {key: [] for key in forged["entries"]}
    stored.write_text(json.dumps(forged), encoding="utf-8")
    assert subprocess.run(lint, cwd=action.workspace, check=False).returncode == 0  # forged
    result = action()
    assert result.code == 1, result.log
    assert int(result.outputs["errors"]) > 10
    assert json.loads(stored.read_text(encoding="utf-8")) == forged  # neither read nor written


def test_strict_fails_on_warnings(action: Job) -> None:
    assert action(paths="postmortems/vague.md").code == 0
    strict = action(paths="postmortems/vague.md\npostmortems/good.md", strict="true")
    assert strict.code == 1
    assert strict.outputs["warnings"] == "1"
    assert strict.annotations[0].startswith("::warning file=postmortems/vague.md,")


def test_no_sarif_and_no_summary_when_turned_off(action: Job) -> None:
    result = action(sarif_file="", summary="false", paths="postmortems/vague.md")
    assert result.code == 0
    assert result.summary == ""
    assert result.outputs["sarif-file"] == ""
    assert not (action.workspace / "pmlint.sarif").exists()


def test_a_configuration_error_fails_with_exit_2_and_says_so(action: Job) -> None:
    result = action(config="missing.toml")
    assert result.code == 2
    assert "pmlint: error: missing.toml: configuration file not found" in result.log
    assert result.annotations == [
        "::error title=pmlint::pmlint could not run (exit 2): see the message above"
    ]
    assert result.outputs["errors"] == ""


def test_inputs_are_data_never_shell(action: Job) -> None:
    marker = action.workspace / "pwned"
    result = action(paths=f"$(touch {marker}) `touch {marker}`;touch {marker}", args="--today")
    assert result.code == 2
    assert not marker.exists()
    result = action(command=f"lint; touch {marker}")
    assert result.code == 2 and "command must be lint, report or followups" in result.log
    assert not marker.exists()


def test_followups_can_fail_a_scheduled_job_and_fill_the_summary(action: Job) -> None:
    overdue = action(command="followups", args="--overdue --fail --today 2030-01-01")
    assert overdue.code == 1, overdue.log
    assert "Expand policy_comparison eval coverage" in overdue.log
    assert (
        "| INC-2026-0512 | Expand policy_comparison eval coverage | Eval lead |" in overdue.summary
    )
    assert overdue.outputs["errors"] == ""  # counts are for lint
    assert action(command="followups", args="--overdue --fail --today 2026-05-01").code == 0


def test_report_writes_the_summary(action: Job) -> None:
    result = action(command="report", args="--today 2026-12-31")
    assert result.code == 0, result.log
    assert result.summary.startswith("# Postmortem report\n")
    assert "| insurance-ai | 8 | 0 | 0 | 0 | 8 | 0 | 0.0% | BELOW TARGET |" in result.summary


def test_action_passes_zizmor_offline() -> None:
    zizmor = require_tool("zizmor")
    done = subprocess.run(
        [zizmor, "--offline", "--format", "json", str(ROOT / "action.yml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout) == []


@pytest.mark.parametrize(
    ("change", "finding"),
    [
        (('"$PMLINT_PATHS"', '"${{ inputs.paths }}"'), "template-injection"),
        (("e797f83bcb11b83ae66e0230d6156d7c80228e7c # v6.0.0", "v6"), "unpinned-uses"),
    ],
)
def test_zizmor_would_catch_an_unsafe_action(tmp_path: Path, change, finding: str) -> None:
    """The zizmor check can fail: an input expanded in run:, or a tag instead of a SHA."""
    zizmor = require_tool("zizmor")
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    assert change[0] in text
    (tmp_path / "action.yml").write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    done = subprocess.run(
        [zizmor, "--offline", "--format", "json", str(tmp_path / "action.yml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert finding in {item["ident"] for item in json.loads(done.stdout)}


def test_action_matches_the_github_action_schema(tmp_path: Path) -> None:
    tool = require_tool("check-jsonschema")
    command = [tool, "--builtin-schema", "vendor.github-actions"]
    done = subprocess.run([*command, str(ROOT / "action.yml")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    broken = tmp_path / "action.yml"  # and the check can fail: "using" is required
    broken.write_text((ROOT / "action.yml").read_text().replace("using: composite", "usin: x"))
    assert subprocess.run([*command, str(broken)], capture_output=True).returncode == 1


def test_setup_python_is_pinned_by_full_sha_with_its_version() -> None:
    (uses,) = [step["uses"] for step in ACTION["runs"]["steps"] if "uses" in step]
    assert re.fullmatch(r"actions/setup-python@[0-9a-f]{40}", uses)
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    assert re.search(rf"uses: {uses} # v\d+\.\d+\.\d+\n", text)
