"""pmlint's problems and fixes in the Language Server Protocol's terms.

Lines are counted as pmlint counts them (CRLF, CR and LF end a line, as the
protocol says too); columns are converted to the client's units (UTF-16 unless
the client and server agreed on another encoding).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lsprotocol import types as lsp

from pmlint import resources
from pmlint.authoring.edits import Edit
from pmlint.authoring.fix import Fix, apply_fixes
from pmlint.problem import Problem, Severity
from pmlint.reading.document import split_lines

SOURCE = "pmlint"
_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
}


def rule_href(code: str) -> str:
    """The rule's page as shipped with the installed pmlint (works offline, matches its version)."""
    return resources.rule_page(code).resolve().as_uri()


class Lines:
    """A text's lines as pmlint reads them, and column conversion to the client's units."""

    def __init__(self, text: str, encoding: str = lsp.PositionEncodingKind.Utf16) -> None:
        self.lines = split_lines(text)
        self.encoding = encoding

    def units(self, line: int, column: int) -> int:
        """Column ``column`` (in characters) of 0-based ``line``, in client units."""
        if line >= len(self.lines):
            return 0
        prefix = self.lines[line][:column]
        if self.encoding == lsp.PositionEncodingKind.Utf8:
            return len(prefix.encode("utf-8", "surrogatepass"))
        if self.encoding == lsp.PositionEncodingKind.Utf32:
            return len(prefix)
        return len(prefix.encode("utf-16-le", "surrogatepass")) // 2

    def characters(self, line: int, units: int) -> int:
        """The character column of a client position (the inverse of ``units``)."""
        if line >= len(self.lines):
            return 0
        text = self.lines[line]
        for column in range(len(text) + 1):
            if self.units(line, column) >= units:
                return column
        return len(text)

    def position(self, line: int, column: int) -> lsp.Position:
        """A client position; past the last line is the end of the text, as an editor clamps."""
        if line >= len(self.lines):
            last = len(self.lines) - 1
            return lsp.Position(last, self.units(last, len(self.lines[last])))
        return lsp.Position(line, self.units(line, column))

    def text_edit(self, edit: Edit) -> lsp.TextEdit:
        start, end = self.position(*edit.start), self.position(*edit.end)
        return lsp.TextEdit(lsp.Range(start, end), edit.text)


def diagnostic(problem: Problem, lines: Lines) -> lsp.Diagnostic:
    """A problem on its line, from its column to the end of the line."""
    line = min(max(problem.line - 1, 0), len(lines.lines) - 1)
    length = len(lines.lines[line])
    start = lines.position(line, min(problem.column - 1, length))
    return lsp.Diagnostic(
        range=lsp.Range(start, lines.position(line, length)),
        message=problem.message,
        severity=_SEVERITY[problem.severity],
        code=problem.code,
        code_description=lsp.CodeDescription(href=rule_href(problem.code)),
        source=SOURCE,
        data={"slug": problem.slug, "pointer": problem.pointer},
    )


def _workspace_edit(uri: str, edits: Iterable[Edit], lines: Lines) -> lsp.WorkspaceEdit:
    return lsp.WorkspaceEdit(changes={uri: [lines.text_edit(edit) for edit in edits]})


def fix_actions(
    uri: str, text: str, fixes: Sequence[Fix], diagnostic: lsp.Diagnostic, lines: Lines
) -> list[lsp.CodeAction]:
    """The fixes of this diagnostic, each also as "fix all of this kind in the file"."""
    line = diagnostic.range.start.line + 1
    actions: list[lsp.CodeAction] = []
    for fix in fixes:
        if fix.code != diagnostic.code or fix.line != line or not fix.edits:
            continue
        actions.append(_action(fix.title, uri, fix.edits, lines, [diagnostic], preferred=True))
        same_kind = [other for other in fixes if other.kind == fix.kind]
        if len(same_kind) > 1:
            _, made = apply_fixes(text, same_kind)
            edits = [edit for other in made for edit in other.edits]
            title = f"Fix all in this file: {_KIND_TITLES[fix.kind]} ({len(made)})"
            actions.append(_action(title, uri, edits, lines, [diagnostic]))
    return actions


_KIND_TITLES = {
    "insert-section": "add the missing sections",
    "rename-heading": "rename the misspelt headings",
    "rename-key": "rename the misspelt front-matter keys",
    "add-field": "add the missing front-matter fields",
    "follow-up-separators": "separate follow-up fields with em dashes",
    "apparatus-follow-up": "add an apparatus follow-up",
}


def fix_all_action(uri: str, text: str, fixes: Sequence[Fix], lines: Lines) -> lsp.CodeAction:
    """Every safe fix in the file at once, as ``pmlint fix`` makes them."""
    _, made = apply_fixes(text, fixes)
    edits = [edit for fix in made for edit in fix.edits]
    action = _action(f"pmlint fix: make the {len(made)} safe fixes", uri, edits, lines, [])
    action.kind = lsp.CodeActionKind.SourceFixAll
    return action


def disable_action(
    uri: str, diagnostic: lsp.Diagnostic, lines: Lines, body_start: int, eol: str
) -> lsp.CodeAction | None:
    """Insert ``<!-- pmlint-disable-next-line PMxxx -->`` above a body line's problem.

    Not in the front-matter (directives are Markdown comments) nor above a table
    row, where a comment line would cut the table in two.
    """
    line = diagnostic.range.start.line
    if line < body_start or diagnostic.code is None or lines.lines[line].lstrip().startswith("|"):
        return None
    text = f"<!-- pmlint-disable-next-line {diagnostic.code} -->{eol}"
    title = f"Disable {diagnostic.code} for the next line"
    return _action(title, uri, [Edit.insert(line, 0, text)], lines, [diagnostic])


def _action(
    title: str,
    uri: str,
    edits: Iterable[Edit],
    lines: Lines,
    diagnostics: list[lsp.Diagnostic],
    preferred: bool = False,
) -> lsp.CodeAction:
    return lsp.CodeAction(
        title=title,
        kind=lsp.CodeActionKind.QuickFix,
        diagnostics=diagnostics or None,
        edit=_workspace_edit(uri, edits, lines),
        is_preferred=preferred or None,
    )
