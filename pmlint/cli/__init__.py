"""The ``pmlint`` command: parse arguments, call the library, write reports.

``pmlint PATH...`` is short for ``pmlint lint PATH...``; other subcommands
(``rules``, ``explain``, ...) are named first. Each group of commands has its module
here; what they share (the configuration, the error wrapper, writing output) is in
``common``. Nothing in the library imports this package.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from pmlint.cli import authoring, baseline, lint, lsp, reference, reports, sync
from pmlint.cli.common import EXIT_OK
from pmlint.version import __version__


class _LintByDefault(click.Group):
    """Run ``lint`` when the first argument is not a subcommand (``pmlint docs/``)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or args[0] not in (*self.commands, "--help", "-h", "--version"):
            args = ["lint", *args]
        return super().parse_args(ctx, args)


#: Every subcommand; ``pmlint --help`` lists them by name.
COMMANDS = (
    lint.lint,
    reference.rules,
    reference.explain,
    reference.schema,
    reports.followups_command,
    reports.report,
    reports.export,
    sync.sync,
    baseline.write_baseline,
    authoring.new,
    authoring.adopt,
    authoring.fix_command,
    lsp.lsp_command,
)


@click.group(
    cls=_LintByDefault,
    commands=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="pmlint")
def main() -> None:
    """Lint AI incident postmortems (Markdown with YAML front-matter).

    Run 'pmlint PATH...' to lint files and folders, or a subcommand below.
    """


def run(argv: Sequence[str] | None = None) -> int:
    """Call the CLI as a function and return its exit code (for tests and embedding)."""
    try:
        main.main(args=list(argv) if argv is not None else None, prog_name="pmlint")
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return EXIT_OK
