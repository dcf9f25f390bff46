"""``pmlint lsp`` driven as an editor drives it: pytest-lsp's client over stdio (issue 19)."""

from __future__ import annotations

import asyncio
import random
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path

import pytest
import pytest_lsp
from conftest import invoke
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from pmlint.config import Config
from pmlint.editor.workspace import Workspace
from pmlint.running.linter import lint_paths

WORKED = (Path(__file__).resolve().parent.parent / "fixtures/good/worked-example.md").read_text()
TYPO = WORKED.replace("## Blast radius", "## Blast Radious")
SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "pmlint", "lsp"])


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    (folder / "postmortems").mkdir(parents=True)
    (folder / ".pmlint.toml").write_text('paths = ["postmortems"]\n')
    (folder / "postmortems" / "inc.md").write_text(TYPO)
    (folder / "notes.md").write_text(TYPO)  # outside the configured paths: no diagnostics
    return folder


@pytest_lsp.fixture(config=SERVER)  # type: ignore[untyped-decorator]  # pytest-lsp is untyped
async def client(lsp_client: LanguageClient, repo: Path) -> AsyncIterator[LanguageClient]:
    params = lsp.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=repo.as_uri()
    )
    await lsp_client.initialize_session(params)
    yield lsp_client
    await lsp_client.shutdown_session()


async def until(check: Callable[[], bool], client: LanguageClient, what: str) -> None:
    """Wait (10 s at most) for the client's state to satisfy ``check``."""
    for _ in range(200):
        if check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}: {client.diagnostics}")


def codes(client: LanguageClient, uri: str) -> list[tuple[int, str]]:
    return [(d.range.start.line + 1, str(d.code)) for d in client.diagnostics.get(uri, [])]


def open_doc(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = path.as_uri()
    text = path.read_text() if text is None else text
    params = lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(params))
    return uri


def change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [lsp.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def apply(text: str, edits: Sequence[lsp.TextEdit]) -> str:
    """Apply LSP edits as an editor does (ASCII text here: UTF-16 columns are characters)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def offset(position: lsp.Position) -> int:
        return min(starts[position.line] + position.character, len(text))

    result = text
    for edit in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        result = (
            result[: offset(edit.range.start)] + edit.new_text + result[offset(edit.range.end) :]
        )
    return result


async def test_diagnostics_are_exactly_pmlint_lint(client: LanguageClient, repo: Path) -> None:
    path = repo / "postmortems" / "inc.md"
    uri = open_doc(client, path)
    await until(lambda: uri in client.diagnostics, client, "diagnostics")
    [diagnostic] = client.diagnostics[uri]
    [problem] = lint_paths([str(path)], Config(root=repo)).problems
    assert diagnostic.range.start.line + 1 == problem.line
    assert (diagnostic.code, diagnostic.message) == (problem.code, problem.message)
    assert diagnostic.source == "pmlint"
    assert diagnostic.severity == lsp.DiagnosticSeverity.Error
    assert diagnostic.code_description is not None
    page = diagnostic.code_description.href
    assert page.startswith("file://") and page.endswith("/PM101.md")
    assert Path(page.removeprefix("file://")).read_text().startswith("# PM101 missing-section")
    assert diagnostic.range.end.character == len("## Blast Radious")


async def test_a_file_outside_the_configured_paths_gets_none(
    client: LanguageClient, repo: Path
) -> None:
    outside = open_doc(client, repo / "notes.md")
    inside = open_doc(client, repo / "postmortems" / "inc.md")
    await until(lambda: inside in client.diagnostics, client, "diagnostics")
    await until(lambda: outside in client.diagnostics, client, "diagnostics")
    assert not client.diagnostics[outside]


async def test_a_change_relints_and_closing_clears(client: LanguageClient, repo: Path) -> None:
    uri = open_doc(client, repo / "postmortems" / "inc.md")
    await until(lambda: codes(client, uri) != [], client, "the first diagnostics")
    change(client, uri, WORKED, 2)
    await until(lambda: codes(client, uri) == [], client, "no diagnostics after the change")
    change(client, uri, WORKED.replace("severity: P2", "severity: P9"), 3)
    await until(lambda: codes(client, uri) == [(5, "PM011")], client, "PM011")
    client.text_document_did_close(
        lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri=uri))
    )
    await until(lambda: not client.diagnostics[uri], client, "cleared diagnostics")


async def test_cross_file_rules_see_disk_and_editor(client: LanguageClient, repo: Path) -> None:
    other = repo / "postmortems" / "other.md"
    other.write_text(WORKED)  # the same id on disk
    uri = open_doc(client, repo / "postmortems" / "inc.md", WORKED)
    await until(lambda: codes(client, uri) == [(2, "PM601")], client, "PM601 from the disk")
    open_doc(client, other, WORKED.replace("INC-2026-0512", "INC-2026-0513"))
    await until(lambda: codes(client, uri) == [], client, "PM601 gone: the editor's text counts")


async def test_a_quick_fix_applied_removes_its_diagnostic(
    client: LanguageClient, repo: Path
) -> None:
    text = TYPO.replace("## What went well", "## What went wel")
    uri = open_doc(client, repo / "postmortems" / "inc.md", text)
    await until(lambda: len(codes(client, uri)) == 2, client, "two PM101")
    first = client.diagnostics[uri][0]
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri=uri),
            first.range,
            lsp.CodeActionContext(diagnostics=[first]),
        )
    )
    assert actions is not None
    titles = [a.title for a in actions if isinstance(a, lsp.CodeAction)]
    assert "Rename 'Blast Radious' to 'Blast radius'" in titles
    assert "Fix all in this file: rename the misspelt headings (2)" in titles
    assert "Disable PM101 for the next line" in titles
    fix_all = next(a for a in actions if isinstance(a, lsp.CodeAction) and "Fix all" in a.title)
    assert fix_all.edit is not None and fix_all.edit.changes is not None
    fixed = apply(text, fix_all.edit.changes[uri])
    assert fixed == WORKED
    change(client, uri, fixed, 2)
    await until(lambda: codes(client, uri) == [], client, "the fixed file clean")


async def test_disable_next_line_silences_the_problem(client: LanguageClient, repo: Path) -> None:
    uri = open_doc(client, repo / "postmortems" / "inc.md")
    await until(lambda: codes(client, uri) != [], client, "diagnostics")
    [diagnostic] = client.diagnostics[uri]
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri=uri),
            diagnostic.range,
            lsp.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    assert actions is not None
    disable = next(a for a in actions if isinstance(a, lsp.CodeAction) and "Disable" in a.title)
    assert disable.edit is not None and disable.edit.changes is not None
    text = apply(TYPO, disable.edit.changes[uri])
    assert "<!-- pmlint-disable-next-line PM101 -->\n## Blast Radious" in text
    change(client, uri, text, 2)
    await until(lambda: codes(client, uri) == [], client, "the problem silenced")


async def hover_at(client: LanguageClient, uri: str, line: int, character: int) -> str:
    found = await client.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(uri=uri), lsp.Position(line, character))
    )
    assert found is not None and isinstance(found.contents, lsp.MarkupContent)
    return found.contents.value


async def test_hover_explains_rules_fields_and_categories(
    client: LanguageClient, repo: Path
) -> None:
    text = WORKED.replace("## Summary", "<!-- pmlint-disable-next-line PM102 -->\n## Summary")
    uri = open_doc(client, repo / "postmortems" / "inc.md", text)
    lines = text.split("\n")
    directive = next(n for n, line in enumerate(lines) if "disable-next-line" in line)
    page = await hover_at(client, uri, directive, lines[directive].index("PM102") + 2)
    assert page.startswith("# PM102 empty-section")
    severity = await hover_at(client, uri, 4, 2)
    assert severity == "**severity** (required): a severity: P0, P1, P2, P3, P4"
    published = await hover_at(client, uri, 10, 3)
    assert published.startswith("**published** (required when status is published)")
    primary = next(n for n, line in enumerate(lines) if "primary: prompt" in line)
    category = await hover_at(client, uri, primary, lines[primary].index("prompt") + 1)
    assert category.startswith("**prompt** (cause category): a prompt, system instruction")


async def complete(client: LanguageClient, uri: str, line: int, character: int) -> list[str]:
    found = await client.text_document_completion_async(
        lsp.CompletionParams(lsp.TextDocumentIdentifier(uri=uri), lsp.Position(line, character))
    )
    assert isinstance(found, lsp.CompletionList)
    return [item.label for item in found.items]


async def test_completion_offers_values_and_headings(client: LanguageClient, repo: Path) -> None:
    text = WORKED.replace("severity: P2", "severity: ").replace("## Cause\n", "## \n")
    text = text.replace("  primary: prompt", "  primary: ")
    text = text.replace(
        "## Apparatus updates", "- Fix — status: \n- Fix — type: \n\n## Apparatus updates"
    )
    uri = open_doc(client, repo / "postmortems" / "inc.md", text)
    lines = text.split("\n")

    def at(prefix: str) -> tuple[int, int]:
        number = next(n for n, line in enumerate(lines) if line == prefix)
        return number, len(prefix)

    assert await complete(client, uri, *at("severity: ")) == ["P0", "P1", "P2", "P3", "P4"]
    causes = await complete(client, uri, *at("  primary: "))
    assert causes[:3] == ["prompt", "model", "retrieval"] and len(causes) == 8
    assert await complete(client, uri, *at("## ")) == ["Cause"]
    statuses = await complete(client, uri, *at("- Fix — status: "))
    assert "in progress" in statuses and "won't do" in statuses
    types = await complete(client, uri, *at("- Fix — type: "))
    assert types[:4] == ["alert", "runbook", "escalation", "drill"]
    row = next(n for n, line in enumerate(lines) if line.startswith("| Expand"))
    cell = lines[row].index("| in progress") + 2
    assert "scheduled" in await complete(client, uri, row, cell)


async def test_configuration_is_read_again_when_it_changes(
    client: LanguageClient, repo: Path
) -> None:
    uri = open_doc(client, repo / "postmortems" / "inc.md")
    await until(lambda: codes(client, uri) != [], client, "diagnostics")
    (repo / ".pmlint.toml").write_text('paths = ["postmortems"]\nignore = ["PM101"]\n')
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            [lsp.FileEvent((repo / ".pmlint.toml").as_uri(), lsp.FileChangeType.Changed)]
        )
    )
    await until(lambda: codes(client, uri) == [], client, "PM101 ignored by the new config")


async def test_a_failing_request_answers_an_error_and_the_server_goes_on(
    client: LanguageClient, repo: Path
) -> None:
    missing = (repo / "never-opened.md").as_uri()
    with pytest.raises(Exception, match=r"(?i)error|never-opened"):
        await client.text_document_code_action_async(
            lsp.CodeActionParams(
                lsp.TextDocumentIdentifier(uri=missing),
                lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
                lsp.CodeActionContext(diagnostics=[]),
            )
        )
    uri = open_doc(client, repo / "postmortems" / "inc.md")
    await until(lambda: codes(client, uri) != [], client, "diagnostics after the error")
    assert await hover_at(client, uri, 4, 2)


async def test_random_edits_and_requests_never_stop_the_server(
    client: LanguageClient, repo: Path
) -> None:
    """A bounded fuzz through the protocol: random edits, hovers, completions, actions."""
    chooser = random.Random(19)
    uri = open_doc(client, repo / "postmortems" / "inc.md")
    text = TYPO
    pieces = [
        "## ",
        "---",
        "\n",
        "|",
        " — owner: ",
        "severity: ",
        "PM101",
        "\u00e9",
        "\U0001f600",
        "\r\n",
        "<!--",
        "- ",
        "[",
        "\t",
    ]
    for version in range(2, 122):
        cut = chooser.randrange(len(text) + 1)
        if chooser.random() < 0.5:
            text = text[:cut] + chooser.choice(pieces) + text[cut:]
        else:
            text = text[:cut] + text[cut + chooser.randrange(20) :]
        change(client, uri, text, version)
        lines = text.split("\n")
        line = chooser.randrange(len(lines) + 2)
        position = lsp.Position(line, chooser.randrange(80))
        document = lsp.TextDocumentIdentifier(uri=uri)
        request = chooser.randrange(3)
        try:
            if request == 0:
                await client.text_document_hover_async(lsp.HoverParams(document, position))
            elif request == 1:
                await client.text_document_completion_async(
                    lsp.CompletionParams(document, position)
                )
            else:
                await client.text_document_code_action_async(
                    lsp.CodeActionParams(
                        document,
                        lsp.Range(position, position),
                        lsp.CodeActionContext(diagnostics=client.diagnostics.get(uri, [])),
                    )
                )
        except Exception as error:  # an error answer is allowed; a dead server is not
            assert "process" not in str(error).lower(), error
    change(client, uri, WORKED, 200)
    await until(lambda: codes(client, uri) == [], client, "the server alive and exact")


def test_the_baseline_hides_known_problems_in_the_editor_as_in_lint(repo: Path) -> None:
    """In process (the protocol part is the same as above): lint's baseline applies."""
    config = repo / ".pmlint.toml"
    config.write_text('paths = ["postmortems"]\nbaseline = ".pmlint-baseline.json"\n')
    assert invoke(repo, "baseline").exit_code == 0
    workspace = Workspace(repo)
    workspace.refresh_config()
    path = str(repo / "postmortems" / "inc.md")
    assert workspace.lint(path, TYPO, {}) == []
    worse = TYPO.replace("severity: P2", "severity: P9")
    assert [p.code for p in workspace.lint(path, worse, {})] == ["PM011"]
