"""The README's first two commands are what a newcomer copies and what CI runs."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", README, flags=re.DOTALL)[:2]


def test_readme_starts_with_install_and_test_commands() -> None:
    install, test = readme_commands()
    assert README.index(install) < README.index("## ")
    assert "pip install ." in install and install.endswith("pmlint fixtures/")
    assert "pip install '.[test]'" in test and test.endswith("pytest")


def test_ci_runs_both_readme_commands_verbatim() -> None:
    ci_lines = CI.splitlines()
    for command in readme_commands():
        assert command in ci_lines
