"""The README's pre-commit and workflow snippets work as pasted: real validators check them."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from pathlib import Path

import yaml
from conftest import ROOT, require_tool

from pmlint.config import from_mapping

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", README, flags=re.DOTALL)
WORKFLOWS = [text for lang, text in BLOCKS if lang == "yaml" and "\njobs:" in text]
(PRE_COMMIT,) = [text for lang, text in BLOCKS if lang == "yaml" and text.startswith("repos:")]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
#: The README writes pmlint's own action with its tag; everything else must be pinned by SHA.
ZIZMOR_CONFIG = """\
rules:
  unpinned-uses:
    config:
      policies:
        "pmlint/pmlint": ref-pin
        "*": hash-pin
"""


def run(*command: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def write_workflows(folder: Path) -> list[Path]:
    workflows = folder / ".github" / "workflows"
    workflows.mkdir(parents=True)
    paths = []
    for number, text in enumerate(WORKFLOWS):
        paths.append(workflows / f"readme-{number}.yml")
        paths[-1].write_text(text, encoding="utf-8")
    return paths


def test_readme_has_the_pull_request_and_the_weekly_workflows() -> None:
    triggers = [yaml.safe_load(text)[True] for text in WORKFLOWS]  # YAML 1.1 reads `on` as True
    assert [sorted(trigger) for trigger in triggers] == [
        ["schedule", "workflow_dispatch"],
        ["pull_request", "push"],
        ["schedule", "workflow_dispatch"],
    ]
    assert "command: sync" in WORKFLOWS[0] and "issues: read" in WORKFLOWS[0]
    assert "upload-sarif" in WORKFLOWS[1] and "--today" in WORKFLOWS[2]


def test_readme_workflows_match_the_github_workflow_schema(tmp_path: Path) -> None:
    tool = require_tool("check-jsonschema")
    done = run(
        tool, "--builtin-schema", "vendor.github-workflows", *map(str, write_workflows(tmp_path))
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_readme_workflows_pass_zizmor(tmp_path: Path) -> None:
    zizmor = require_tool("zizmor")
    write_workflows(tmp_path)
    config = tmp_path / "zizmor.yml"
    config.write_text(ZIZMOR_CONFIG, encoding="utf-8")
    done = run(
        zizmor, "--offline", "--format", "json", "--config", str(config), str(tmp_path / ".github")
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout) == []


def test_readme_workflows_use_only_inputs_and_outputs_the_action_has() -> None:
    for text in WORKFLOWS:
        for step in yaml.safe_load(text)["jobs"]["pmlint"]["steps"]:
            if step.get("uses", "").startswith("pmlint/pmlint@"):
                assert set(step.get("with", {})) <= set(ACTION["inputs"])
        for name in re.findall(r"steps\.pmlint\.outputs\.([\w-]+)", text):
            assert name in ACTION["outputs"]


def test_readme_pre_commit_config_is_valid_and_names_the_hook(tmp_path: Path) -> None:
    tool = require_tool("pre-commit")
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(PRE_COMMIT, encoding="utf-8")
    done = run(tool, "validate-config", str(config))
    assert done.returncode == 0, done.stdout + done.stderr
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (repo,) = yaml.safe_load(PRE_COMMIT)["repos"]
    assert [hook["id"] for hook in repo["hooks"]] == [hook["id"] for hook in hooks]


def test_readme_configuration_snippet_loads() -> None:
    (toml,) = [text for lang, text in BLOCKS if lang == "toml"]
    settings = from_mapping(tomllib.loads(toml)["tool"]["pmlint"], ROOT)
    assert settings.paths == ("postmortems",)


def test_readme_lists_every_action_input_and_output() -> None:
    section = README[README.index("### On the pull request") :]
    for name in [*ACTION["inputs"], *ACTION["outputs"]]:
        assert f"`{name}`" in section
