"""The README's "Adopting pmlint on an existing repository", run as written.

The commands are read from the README section itself, so the walk-through and
this test cannot drift apart. They run one by one in a real shell, with the
installed ``pmlint`` and real Git, in a repository holding a copy of the
real-world corpus. A line ending in ``# -> exit N`` must exit with N; every
other line must succeed. The walk converts the README's postmortem (no
front-matter) and, the second time, one with front-matter and follow-ups whose
old baseline entries sit at the same pointers as the converted file's. Where the
README says "exit 1 until every placeholder is filled", the placeholders are
filled one at a time, and lint must fail until the last one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, require_shared, require_tool

from pmlint.checking.rules import RULES

SECTION = "## Adopting pmlint on an existing repository"
#: The corpus file the README converts, under the name the README gives it, and a
#: postmortem with front-matter and list follow-ups put in its place.
CONVERSIONS = (
    "kubernetes__test-infra__docs__post-mortems__2019-01-23.md",
    "openSUSE__obs-landing___posts__deployments__2022-12-06-post-mortem.md",
)
CONVERTED = "2019-01-23-prow-outage.md"
#: What a team writes over each placeholder adopt leaves, in the order met in the file.
FILLS = (
    (re.compile(r"^id: +#.*$", re.M), "id: INC-2019-0123"),
    (re.compile(r"<P0-P4>"), "P1"),
    (re.compile(r"<time to contain, e\.g\. 2h30m>"), "4h"),
    (re.compile(r"<draft\|review\|published>"), "review"),
    (re.compile(r"<team>"), "test-infra"),
    (re.compile(r"<role>"), "Prow on-call"),
    (re.compile(r"<YYYY-MM-DD>"), "2019-02-15"),
    (re.compile(r"<category>"), "tooling"),
    (re.compile(r"<the eval coverage gap[^>]*>"), "No gap: no model is involved."),
    (re.compile(r"<Alert:, Runbook:[^>]*> <what changed>"), "Alert: config load failures page."),
    # last, the follow-ups' fields: the old baseline has entries at their pointers
    (re.compile(r"<owner>"), "@BenTheElder"),
    (re.compile(r"<status>"), "open"),
    (re.compile(r"<type>"), "alert"),
)


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(SECTION)
    end = readme.find("\n## ", start + len(SECTION))
    blocks = re.findall(r"```sh\n(.+?)\n```", readme[start : end if end != -1 else None], re.S)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def expected_exit(command: str) -> int:
    match = re.search(r"# -> exit (\d)", command)
    return int(match.group(1)) if match else 0


@pytest.fixture(params=CONVERSIONS, ids=lambda name: name.split("__")[0])
def repo(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    require_shared(CORPUS)
    git = require_tool("git")
    folder = tmp_path / "docs" / "postmortems"
    folder.mkdir(parents=True)
    for path in sorted(CORPUS.glob("*.md")):
        if path.name != "SOURCES.md":  # the corpus's list of sources, not a postmortem
            shutil.copyfile(path, folder / path.name)
    (folder / request.param).rename(folder / CONVERTED)
    (tmp_path / "original.md").write_bytes((CORPUS / request.param).read_bytes())
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "Old postmortems"]):
        subprocess.run([git, *args], cwd=tmp_path, env=_env(), check=True)
    return tmp_path


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.update(
        GIT_AUTHOR_NAME="pmlint test",
        GIT_AUTHOR_EMAIL="test@example.invalid",
        GIT_COMMITTER_NAME="pmlint test",
        GIT_COMMITTER_EMAIL="test@example.invalid",
        GIT_CONFIG_NOSYSTEM="1",
        HOME=env.get("HOME", "/tmp"),
    )
    return env


def test_the_readme_walk_through(repo: Path) -> None:
    commands = readme_commands()
    assert any(c.startswith("pmlint baseline") for c in commands)
    assert any(c.startswith("pmlint adopt") for c in commands)
    before = _run(repo, "pmlint")
    assert before.returncode == 1  # the old postmortems fail as they are

    for command in commands:
        done = _run(repo, command)
        assert done.returncode == expected_exit(command), (command, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr
        _check_step(repo, command, done)

    known = json.loads((repo / ".pmlint-baseline.json").read_text(encoding="utf-8"))
    left = {e["rule"] for e in known["problems"] if e["path"].endswith(CONVERTED)}
    assert all(RULES[code].severity == "warning" for code in left), left  # no placeholder


def _run(repo: Path, command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", command],
        cwd=repo,
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _check_step(
    repo: Path,
    command: str,
    done: subprocess.CompletedProcess[str],
) -> None:
    """What each step of the README promises, beyond its exit code."""
    bare, _, comment = (part.strip() for part in command.partition("#"))
    problems = [line for line in done.stdout.splitlines() if re.match(r"^\S.*:\d+:\d+: PM", line)]
    new_file = "docs/postmortems/2026-06-01-checkout.md"
    converted = f"docs/postmortems/{CONVERTED}"
    if bare == "pmlint baseline":
        assert "known problems" in done.stdout
        assert (repo / ".pmlint-baseline.json").is_file()
    elif bare == "pmlint" and "new file" in comment:
        assert problems and all(line.startswith(new_file + ":") for line in problems)
    elif bare.startswith("pmlint adopt"):
        written = repo / "docs" / "postmortems" / CONVERTED.replace(".md", ".pmlint.md")
        assert written.is_file()
        assert (repo / converted).read_bytes() == (repo / "original.md").read_bytes()
    elif bare.startswith("pmlint --no-baseline"):
        assert problems and not any(" PM002 " in line for line in problems)
    elif bare == "pmlint" and "stale" in comment:
        assert problems and all(line.startswith(converted + ":") for line in problems)
        assert f"stale entry: {converted} PM" in done.stdout
        _fill_one_at_a_time(repo, repo / converted)
    elif bare == "pmlint":
        assert expected_exit(command) == 0 and "hidden by the baseline" in done.stdout
        assert "stale" not in done.stdout


def _fill_one_at_a_time(repo: Path, path: Path) -> None:
    """Lint fails while any placeholder is left, and passes once the last is filled: the old
    baseline's entries for the original hide none of them."""
    text = path.read_text(encoding="utf-8")
    steps = 0
    for pattern, value in FILLS:
        while match := pattern.search(text):  # no value matches its own pattern
            done = _run(repo, "pmlint")
            assert done.returncode == 1, (steps, match.group(), done.stdout)
            text = text[: match.start()] + value + text[match.end() :]
            path.write_text(text, encoding="utf-8")
            steps += 1
    assert steps >= 10
    done = _run(repo, "pmlint")
    assert done.returncode == 0, done.stdout


PRE_COMMIT = "### At commit time: pre-commit"


def test_the_readme_pre_commit_walk_through(tmp_path: Path) -> None:
    """From nothing to a commit that fails on an incomplete postmortem, then passes once filled:
    the README's configuration, hook declaration and commands, with this clone as the hook's
    repository (at its HEAD commit) and the pip lines left out (the test has both installed)."""
    git = require_tool("git")
    tool = require_tool("pre-commit")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(PRE_COMMIT) : readme.index("\n### ", readme.index(PRE_COMMIT))]
    [toml] = re.findall(r"```toml\n(.+?)\n```", section, re.S)
    [hooks] = re.findall(r"```yaml\n(.+?)\n```", section, re.S)
    [commands] = re.findall(r"```sh\n(.+?)\n```", section, re.S)
    head = subprocess.run(
        [git, "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=False
    )
    if head.returncode:
        pytest.skip(f"{ROOT} is not a git checkout, which the hook's repository must be")
    assert "repo: https://github.com/pmlint/pmlint" in hooks and "rev: v0.1.0" in hooks
    hooks = hooks.replace("https://github.com/pmlint/pmlint", str(ROOT))
    hooks = hooks.replace("v0.1.0", head.stdout.strip())
    repo = tmp_path / "team"
    (repo / "postmortems").mkdir(parents=True)
    (repo / "pyproject.toml").write_text(toml + "\n", encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(hooks + "\n", encoding="utf-8")
    env = {**_env(), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    env["PATH"] = os.pathsep.join([str(Path(tool).parent), env["PATH"]])
    env.pop("PRE_COMMIT", None)

    def run(command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", "-c", command], cwd=repo, env=env, capture_output=True, text=True, timeout=600
        )

    assert run("git init -q && git add . && git commit -qm 'pmlint'").returncode == 0
    steps = [re.sub(r"^pip install [^&]*&& ", "", line) for line in commands.splitlines()]
    steps = [line for line in steps if not line.startswith("pip install")]
    assert steps[0] == "pre-commit install" and "git commit" in steps[-1]
    for step in steps[:-1]:
        assert run(step).returncode == 0, step
    failed = run(steps[-1])  # pmlint new, git add, git commit: the hook fails the commit
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    gaps = re.findall(r"^postmortems/(inc-\S+?\.md):\d+:1: PM\d{3} \[error\] ", output, re.M)
    assert len(gaps) >= 5 and len(set(gaps)) == 1, output
    # "fill in the hints until pmlint is clean": the worked example, under the new id
    new_id = gaps[0].removesuffix(".md").upper()
    worked = (ROOT / "fixtures" / "good" / "worked-example.md").read_text(encoding="utf-8")
    (repo / "postmortems" / gaps[0]).write_text(worked.replace("INC-2026-0512", new_id), "utf-8")
    done = run("pmlint && git add postmortems && git commit -qm 'The INC postmortem'")
    assert done.returncode == 0, done.stdout + done.stderr
