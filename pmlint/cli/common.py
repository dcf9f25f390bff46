"""What every command shares: loading the configuration, the error wrapper, writing output.

Each command's body runs through :func:`guarded`, so a user's mistake is one line and
exit 2, and a bug in pmlint shows its traceback only under ``--debug``.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from pmlint.errors import UserError

if TYPE_CHECKING:
    from pmlint.config import Config
    from pmlint.reports.records import Loaded, Postmortem

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def fail(message: str) -> NoReturn:
    """One line on stderr and exit 2: a usage, configuration or internal error."""
    click.echo(f"pmlint: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def load_settings(path: Path | None, at: str | None = None, **overrides: Any) -> Config:
    """The configuration a command runs with: the file given or found (as committed at git
    revision ``at``, when given), then the command line's overrides of its settings. Every
    command loads it here."""
    from pmlint import config as config_module

    if at is None:
        settings = config_module.load(path)
    else:
        from pmlint import committed  # git and a temporary folder: only when asked for

        settings = committed.load(at, path)
    return replace(settings, **overrides) if overrides else settings


def guarded(debug: bool, action: Callable[[], int]) -> None:
    """Run a command body, as every command does: what the user gave that cannot
    be used is one line, exit 2; so is a bug in pmlint, with its traceback only
    under --debug."""
    if debug:
        import logging  # only here: a run without --debug shows no debug message

        logging.basicConfig(format="%(message)s", force=True)
        logging.getLogger("pmlint").setLevel(logging.DEBUG)  # not markdown-it's debug chatter
    try:
        code = action()
    except UserError as error:
        fail(str(error))
    except Exception as error:
        if debug:
            raise
        fail(f"internal error: {type(error).__name__}: {error} (rerun with --debug)")
    sys.exit(code)


def parse_day(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """A click callback: ``YYYY-MM-DD`` to a date, or a usage error."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


OUTPUT = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of stdout.",
)
CONFIG = click.option(
    "--config", type=click.Path(path_type=Path), help="Configuration file to use."
)
DEBUG = click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
TODAY = click.option(
    "--today", callback=parse_day, help="Reference day (YYYY-MM-DD); default: the real date."
)


def emit(text: str, output: Path | None, inputs: Sequence[str] = ()) -> None:
    """Print ``text`` or write it to ``output``: never over an input, never through a link."""
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
        return
    from pmlint.running.files import same_file
    from pmlint.safe_write import write_file

    read = same_file(output, inputs)
    if read:
        fail(f"--output {output} would overwrite {read}, a file this command read")
    try:
        write_file(output, text)
    except OSError as error:
        fail(f"{output}: cannot write: {error.strerror or error}")


def load_records(paths: tuple[str, ...], config_path: Path | None) -> tuple[Config, Loaded]:
    """Configuration and the postmortems under ``paths`` (folders, files, .jsonl exports)."""
    from pmlint.reports import records
    from pmlint.running.files import configured_paths
    from pmlint.shown import printable

    settings = load_settings(config_path)
    loaded = records.load(list(paths) or configured_paths(settings), settings)
    for skipped in loaded.skipped:
        shown = printable(f"{skipped.path}: skipped: {skipped.reason}")  # one line, always
        click.echo(f"pmlint: warning: {shown}", err=True)
    return settings, loaded


def files_read(paths: tuple[str, ...], loaded: Loaded) -> list[str]:
    """Every file a report command read: named files and .jsonl exports, postmortems."""
    return [*paths, *(pm.path for pm in loaded.postmortems), *(s.path for s in loaded.skipped)]


def with_tickets(settings: Config, postmortems: list[Postmortem]) -> list[Postmortem]:
    """The follow-ups with their tickets' state, when ``pmlint sync`` wrote a snapshot."""
    from pmlint.reports import tickets
    from pmlint.trackers import snapshot

    return tickets.annotate(postmortems, snapshot.for_lint(settings))
