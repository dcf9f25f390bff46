"""``pmlint lsp``: the language server, over stdio, built on pygls.

Diagnostics are exactly ``pmlint lint``'s for the text in the editor (the
other files as on disk, open ones as in the editor), recomputed a moment after
the author stops typing. Code actions are ``pmlint fix``'s fixes; hover and
completion come from pmlint's vocabulary. A request that fails answers with an
error (pygls turns the exception into one) and the server goes on.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from pmlint import __version__
from pmlint.authoring.edits import newline
from pmlint.authoring.fix import plan
from pmlint.checking.facts import declared_in
from pmlint.editor import convert, knowledge
from pmlint.editor.workspace import RESCAN, Workspace
from pmlint.problem import Problem
from pmlint.reading.frontmatter import FrontMatterError, split

log = logging.getLogger("pmlint.lsp")
#: Seconds of quiet after a change before the document is linted again.
DEBOUNCE = 0.05


class PmlintServer(LanguageServer):
    """The server and what it remembers between messages."""

    def __init__(self) -> None:
        super().__init__("pmlint", __version__)
        self.pm = Workspace(Path.cwd())
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.linted: dict[str, tuple[str, list[Problem]]] = {}  # uri -> (text, problems)
        self.facts: dict[str, tuple[str | None, str | None]] = {}
        self.rescan: asyncio.TimerHandle | None = None

    def encoding(self) -> str:
        capabilities = getattr(self.protocol, "server_capabilities", None)
        kind = capabilities.position_encoding if capabilities else None
        return str(kind or lsp.PositionEncodingKind.Utf16)

    def open_texts(self) -> dict[str, str]:
        texts = {}
        for uri, document in self.workspace.text_documents.items():
            path = to_fs_path(uri)
            if path:
                texts[path] = document.source
        return texts

    def problems(self, uri: str) -> tuple[str, list[Problem]]:
        """The document's text and its problems, linted now unless known for this text."""
        text = self.workspace.get_text_document(uri).source
        known = self.linted.get(uri)
        if known is not None and known[0] == text:
            return known
        path = to_fs_path(uri)
        problems: list[Problem] = []
        if path and self.pm.in_scope(path):
            problems = self.pm.lint(path, text, self.open_texts())
        self.linted[uri] = (text, problems)
        return text, problems

    def publish(self, uri: str) -> None:
        """Lint and send the diagnostics; when the file's id or parent changed, the others too."""
        self.pending.pop(uri, None)
        if uri not in self.workspace.text_documents:
            return
        if self.pm.refresh_config():
            self.linted.clear()
            self.schedule_all(exclude=uri)
        text, problems = self.problems(uri)
        lines = convert.Lines(text, self.encoding())
        diagnostics = [convert.diagnostic(problem, lines) for problem in problems]
        version = self.workspace.get_text_document(uri).version
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )
        facts = declared_in(text)
        if self.facts.get(uri) != facts:  # opened, or its id or parent changed
            self.schedule_all(exclude=uri)
        self.facts[uri] = facts
        if self.rescan is None:
            self.rescan = asyncio.get_running_loop().call_later(RESCAN, self._rescan)

    def _rescan(self) -> None:
        """Between keystrokes: notice files changed on disk (a checkout, another editor)."""
        self.rescan = None
        try:
            if self.pm.rescan():
                self.linted.clear()
                self.schedule_all()
        except Exception:  # the next rescan tries again
            log.exception("pmlint could not walk the configured paths")

    def schedule(self, uri: str, delay: float = DEBOUNCE) -> None:
        if (handle := self.pending.pop(uri, None)) is not None:
            handle.cancel()
        self.pending[uri] = asyncio.get_running_loop().call_later(delay, self._safely, uri)

    def schedule_all(self, exclude: str | None = None) -> None:
        for uri in list(self.workspace.text_documents):
            if uri != exclude:
                self.linted.pop(uri, None)
                self.schedule(uri)

    def _safely(self, uri: str) -> None:
        try:
            self.publish(uri)
        except Exception as error:  # a bug must not stop the server: say it and go on
            log.exception("pmlint failed on %s", uri)
            self.window_log_message(
                lsp.LogMessageParams(lsp.MessageType.Error, f"pmlint failed on {uri}: {error!r}")
            )


def create() -> PmlintServer:
    """A server with every feature registered (tests make one per session)."""
    server = PmlintServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: PmlintServer, params: lsp.InitializeParams) -> None:
        folders = params.workspace_folders or []
        root = folders[0].uri if folders else params.root_uri
        path = to_fs_path(root) if root else None
        ls.pm = Workspace(Path(path) if path else Path.cwd())
        ls.pm.refresh_config()
        ls.pm.disk_facts(force=True)  # read once at start: the first diagnostics come sooner
        if ls.pm.config_error:
            ls.window_log_message(lsp.LogMessageParams(lsp.MessageType.Error, ls.pm.config_error))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PmlintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.pm.disk_facts(force=True)
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PmlintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PmlintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.pm.disk_facts(force=True)
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PmlintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        if (handle := ls.pending.pop(uri, None)) is not None:
            handle.cancel()
        ls.linted.pop(uri, None)
        ls.facts.pop(uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        ls.schedule_all(exclude=uri)  # the others now see the file as it is on disk

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(ls: PmlintServer, params: Any) -> None:
        ls.pm.refresh_config()
        ls.schedule_all()

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: PmlintServer, params: Any) -> None:
        ls.pm.refresh_config()
        ls.pm.disk_facts(force=True)
        ls.schedule_all()

    _register_requests(server)
    return server


def _register_requests(server: PmlintServer) -> None:
    kinds = [lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.SourceFixAll]

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(code_action_kinds=kinds))
    def code_action(ls: PmlintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        text, problems = ls.problems(uri)
        lines = convert.Lines(text, ls.encoding())
        fixes = plan(text, problems, ls.pm.config)
        body_start = _body_start(lines.lines)
        wanted = params.context.only
        actions: list[lsp.CodeAction] = []
        if not wanted or lsp.CodeActionKind.QuickFix in wanted:
            for diagnostic in params.context.diagnostics:
                if diagnostic.source != convert.SOURCE:
                    continue
                actions += convert.fix_actions(uri, text, fixes, diagnostic, lines)
                disable = convert.disable_action(uri, diagnostic, lines, body_start, newline(text))
                actions += [disable] if disable else []
        if fixes and (not wanted or any(kind.startswith("source") for kind in wanted)):
            actions.append(convert.fix_all_action(uri, text, fixes, lines))
        return actions

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: PmlintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        text, problems = ls.problems(params.text_document.uri)
        lines = convert.Lines(text, ls.encoding())
        line = params.position.line
        column = lines.characters(line, params.position.character)
        codes = [problem.code for problem in problems if problem.line == line + 1]
        found = knowledge.hover(lines.lines, line, column, ls.pm.config, codes)
        if found is None:
            return None
        return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, found))

    triggers = [" ", "|", "[", ",", "#"]

    @server.feature(
        lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=triggers)
    )
    def completion(ls: PmlintServer, params: lsp.CompletionParams) -> lsp.CompletionList:
        text = ls.workspace.get_text_document(params.text_document.uri).source
        lines = convert.Lines(text, ls.encoding())
        line = params.position.line
        column = lines.characters(line, params.position.character)
        items = []
        for index, found in enumerate(
            knowledge.completions(lines.lines, line, column, ls.pm.config)
        ):
            edit_range = lsp.Range(lines.position(line, found.start), lines.position(line, column))
            items.append(
                lsp.CompletionItem(
                    label=found.label,
                    detail=found.detail,
                    kind=lsp.CompletionItemKind.Value,
                    text_edit=lsp.TextEdit(edit_range, found.label),
                    sort_text=f"{index:03d}",
                )
            )
        return lsp.CompletionList(is_incomplete=False, items=items)


def _body_start(lines: list[str]) -> int:
    try:
        bounds = split(lines)
    except FrontMatterError:
        return 0
    return bounds[1] + 1 if bounds else 0


def run() -> None:
    """Serve over stdio until the client says exit."""
    create().start_io()
