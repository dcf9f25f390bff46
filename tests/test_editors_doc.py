"""docs/editors.md: every snippet parses as its language and starts `pmlint lsp`."""

from __future__ import annotations

import json
import re
import tomllib

from conftest import ROOT

DOC = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", DOC, flags=re.DOTALL)


def blocks(language: str) -> list[str]:
    return [text for kind, text in BLOCKS if kind == language]


def test_every_editor_has_a_section() -> None:
    for editor in ("Neovim", "Helix", "Zed", "Emacs (eglot)", "VS Code"):
        assert re.search(rf"^## {re.escape(editor)}", DOC, flags=re.MULTILINE), editor


def test_toml_and_json_snippets_parse() -> None:
    tomls = [tomllib.loads(text) for text in blocks("toml")]
    helix = next(t for t in tomls if "language-server" in t)
    assert helix["language-server"]["pmlint"] == {"command": "pmlint", "args": ["lsp"]}
    assert "pmlint" in helix["language"][0]["language-servers"]
    zed = next(t for t in tomls if "language_servers" in t)
    assert zed["language_servers"]["pmlint"]["languages"] == ["Markdown"]
    settings = [json.loads(text) for text in blocks("json")]
    vscode = next(s for s in settings if "glspc.server.command" in s)
    assert (vscode["glspc.server.command"], vscode["glspc.server.commandArguments"]) == (
        "pmlint",
        ["lsp"],
    )
    assert (
        "pmlint"
        in next(s for s in settings if "languages" in s)["languages"]["Markdown"][
            "language_servers"
        ]
    )


def test_the_other_snippets_start_the_server_and_balance_their_brackets() -> None:
    for language in ("lua", "elisp", "rust"):
        [*texts] = blocks(language)
        assert texts, language
        for text in texts:
            assert "pmlint" in text and "lsp" in text
            for opening, closing in ("()", "{}", "[]"):
                assert text.count(opening) == text.count(closing), (language, opening)
