"""The ``pmlint`` command: parse arguments, call the library, write reports.

``pmlint PATH...`` is short for ``pmlint lint PATH...``; other subcommands
(``rules``, ``explain``, ...) are named first.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from pmlint import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _LintByDefault(click.Group):
    """Run ``lint`` when the first argument is not a subcommand (``pmlint docs/``)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or args[0] not in (*self.commands, "--help", "-h", "--version"):
            args = ["lint", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_LintByDefault, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pmlint")
def main() -> None:
    """Lint AI incident postmortems (Markdown with YAML front-matter).

    Run 'pmlint PATH...' to lint files and folders, or a subcommand below.
    """


def fail(message: str) -> None:
    """One line on stderr and exit 2: a usage, configuration or internal error."""
    click.echo(f"pmlint: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["text", "json", "github", "sarif"]),
    help="Report format (repeatable; default text).",
)
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report of the --format at the same position to this file ('-' = stdout).",
)
@click.option("--config", type=click.Path(path_type=Path), help="Configuration file to use.")
@click.option("--strict", is_flag=True, help="Warnings fail the run too.")
@click.option("--today", callback=_day, help="Reference day (YYYY-MM-DD) for PM205 and PM501.")
@click.option("-q", "--quiet", is_flag=True, help="Show errors only; no summary when clean.")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def lint(
    paths: tuple[str, ...],
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    config: Path | None,
    strict: bool,
    today: dt.date | None,
    quiet: bool,
    debug: bool,
) -> None:
    """Lint postmortems in PATHS (files or folders; default: the configured paths).

    Exit 0 when there is no error (warnings allowed unless --strict), 1 when
    there are problems that fail the run, 2 for usage or configuration errors.
    """
    if debug:
        logging.basicConfig(level=logging.DEBUG, format="%(message)s")
    if len(outputs) > max(len(formats), 1):
        fail("more --output than --format options: pair each --output with a --format")
    formats = formats or ("text",)
    targets = [str(output) for output in outputs] + ["-"] * len(formats)
    pairs = list(zip(formats, targets, strict=False))
    if sum(target == "-" for _, target in pairs) > 1:
        fail("several formats would go to stdout: give each extra --format an --output FILE")
    try:
        from pmlint import config as config_module
        from pmlint.files import UsageError
        from pmlint.formatters import FORMATTERS
        from pmlint.linter import lint_paths

        try:
            settings = config_module.load(config)
            report = lint_paths(paths, settings, today)
        except (config_module.ConfigError, UsageError) as error:
            fail(str(error))
        for name, target in pairs:
            rendered = FORMATTERS[name](report, quiet)
            if target == "-":
                click.echo(rendered, nl=False)
            else:
                Path(target).parent.mkdir(parents=True, exist_ok=True)
                Path(target).write_text(rendered, encoding="utf-8", newline="\n")
    except Exception as error:
        if debug:
            raise
        fail(f"internal error: {type(error).__name__}: {error} (rerun with --debug)")
    failing = report.errors or (strict and report.warnings)
    sys.exit(EXIT_PROBLEMS if failing else EXIT_OK)


@main.command()
def rules() -> None:
    """List every rule: code, slug, default severity and what it checks."""
    from pmlint.rules import RULES

    width = max(len(rule.slug) for rule in RULES.values())
    for rule in RULES.values():
        click.echo(f"{rule.code}  {rule.slug:<{width}}  {rule.severity!s:<7}  {rule.summary}")


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Print the documentation page of rule CODE (e.g. PM102)."""
    from pmlint import resources
    from pmlint.rules import RULES

    code = code.upper()
    if code not in RULES:
        fail(f"unknown rule '{code}'; 'pmlint rules' lists them")
    page = resources.rule_page(code)
    if not page.is_file():
        fail(f"no documentation page for {code} ({page})")
    click.echo(page.read_text(encoding="utf-8"), nl=False)


def run(argv: Sequence[str] | None = None) -> int:
    """Call the CLI as a function and return its exit code (for tests and embedding)."""
    try:
        main.main(args=list(argv) if argv is not None else None, prog_name="pmlint")
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return EXIT_OK
