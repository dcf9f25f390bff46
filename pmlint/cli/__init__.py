"""The ``pmlint`` command: parse arguments, call the library, write reports.

``pmlint PATH...`` is short for ``pmlint lint PATH...``; other subcommands
(``rules``, ``explain``, ...) are named first. Each group of commands has its module
here; what they share (the configuration, the error wrapper, writing output) is in
``common``. Nothing in the library imports this package.
"""

from __future__ import annotations

import inspect
import os
import re
from collections.abc import Sequence
from typing import IO, Any

import click

from pmlint.cli import authoring, baseline, lint, lsp, reference, reports, sync
from pmlint.cli.common import EXIT_OK, EXIT_USAGE
from pmlint.version import __version__


class _UsageLine(click.ClickException):
    """A usage error as the README promises it: one line on stderr, exit 2 (click's own
    take four: usage, a hint, a blank line and the error)."""

    exit_code = EXIT_USAGE

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"pmlint: error: {self.message}", err=True)

    @classmethod
    def of(cls, error: click.UsageError) -> _UsageLine:
        """Click's message on one line (a choice list spans several), with where help is."""
        message = " ".join(error.format_message().split()).rstrip(".")
        command = error.ctx.command_path.split()[1:] if error.ctx is not None else []
        where = " ".join(["pmlint", *command])  # however it was started (python -m, a test)
        return cls(f"{message[:1].lower()}{message[1:]} (see '{where} --help')")


#: A first argument that may be a misspelt command: a plain word, not a path.
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


def _refuse_a_misspelt_command(argument: str, commands: Sequence[str]) -> None:
    """``pmlint reprot``: no such path and close to a command is a typo, not a path."""
    if not _WORD.fullmatch(argument) or os.path.lexists(argument):
        return
    import difflib  # only for a first argument that is neither a path nor a command

    close = difflib.get_close_matches(argument.lower(), commands, n=1, cutoff=0.75)
    if close:
        raise _UsageLine(
            f"'{argument}' is not a file, a folder or a command; did you mean '{close[0]}'?"
        )


def _summary(command: click.Command) -> str:
    """The first paragraph of a command's help, whole."""
    text = command.short_help or inspect.cleandoc(command.help or "").split("\n\n")[0]
    return " ".join(text.split())


class _LintByDefault(click.Group):
    """Run ``lint`` when the first argument is not a subcommand (``pmlint docs/``)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or args[0] not in (*self.commands, "--help", "-h", "--version"):
            if args:
                _refuse_a_misspelt_command(args[0], list(self.commands))
            args = ["lint", *args]
        return super().parse_args(ctx, args)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as error:
            raise _UsageLine.of(error) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as error:  # a subcommand's options and arguments
            raise _UsageLine.of(error) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Each command with its description whole: click cuts it to fit one line, or at
        the first period, even the one in "e.g."."""
        rows = [(name, _summary(command)) for name, command in sorted(self.commands.items())]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


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
