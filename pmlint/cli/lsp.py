"""``pmlint lsp``: the language server for editors."""

from __future__ import annotations

import click

from pmlint.cli.common import DEBUG, EXIT_OK, guarded


@click.command("lsp")
@DEBUG
def lsp_command(debug: bool) -> None:
    """Serve the Language Server Protocol over stdio (for editors; see docs/editors.md).

    Diagnostics as 'pmlint lint' gives them, quick fixes as 'pmlint fix' makes
    them, hover and completion, for the Markdown files under the configured paths.
    """

    def run_it() -> int:
        from pmlint.editor import server

        server.run()
        return EXIT_OK

    guarded(debug, run_it)
