"""The commands that write postmortems: ``new`` from the template, ``adopt`` other styles,
``fix`` the safe fixes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pmlint.cli.common import (
    CONFIG,
    DEBUG,
    EXIT_OK,
    EXIT_PROBLEMS,
    fail,
    guarded,
    load_settings,
    parse_day,
)
from pmlint.errors import UserError

if TYPE_CHECKING:
    from pmlint.config import Config


@click.command("new")
@click.option("--id", "identifier", help="Incident id (default INC-YYYY-MMDD from --date).")
@click.option("--title", help="One-line title (default: a hint to replace).")
@click.option("--severity", help="Severity, e.g. P2 (default: a hint to replace).")
@click.option(
    "--date",
    "day",
    callback=parse_day,
    help="Day the incident started, YYYY-MM-DD (default: today).",
)
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write to (default: the first configured path, else postmortems/ or "
    "docs/postmortems/ if there is one, else the current folder).",
)
@CONFIG
@DEBUG
def new(
    identifier: str | None,
    title: str | None,
    severity: str | None,
    day: dt.date | None,
    folder: Path | None,
    config: Path | None,
    debug: bool,
) -> None:
    """Write a new postmortem from the template; it fails lint until every hint is filled.

    The file is <dir>/<id>.md; an existing file is never overwritten.
    """

    def run_it() -> int:
        from pmlint.authoring import template

        settings = load_settings(config)
        started = day or dt.date.today()
        name = identifier or template.default_id(started)
        text = template.render(name, started, title, severity, settings)
        path = template.create(folder or template.default_folder(settings), name, text, settings)
        click.echo(f"Wrote {path}: replace every <hint>, then run 'pmlint {path}'.")
        if day is None:
            click.echo(
                f"Its date is today, {started}: for an incident that started another day, "
                "edit 'date' (pmlint new --date YYYY-MM-DD sets it)."
            )
        return EXIT_OK

    guarded(debug, run_it)


@click.command("adopt")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the converted copies into this folder (default: NAME.pmlint.md beside each).",
)
@click.option(
    "--in-place",
    is_flag=True,
    help="Replace each file, after keeping its original content as FILE.orig.",
)
@CONFIG
@DEBUG
def adopt(
    files: tuple[Path, ...], out: Path | None, in_place: bool, config: Path | None, debug: bool
) -> None:
    """Convert postmortems in other styles into the format, keeping every word.

    Fields that cannot be inferred are left as placeholders, so linting the
    result lists exactly what the author still has to write. An existing file
    is never overwritten.
    """
    if out is not None and in_place:
        fail("--out and --in-place exclude each other")

    def run_it() -> int:
        settings = load_settings(config)
        converted = [(source, _converted(source, settings, debug)) for source in files]
        for source, text in converted:
            _write_adopted(source, text, out, in_place)
        return EXIT_OK

    guarded(debug, run_it)


def _converted(source: Path, settings: Config, debug: bool) -> str:
    """One file in the format; a converter bug names the file, a traceback only with --debug."""
    from pmlint.authoring import adopt as adopt_module
    from pmlint.reading.source import Unreadable, read_text

    try:
        return adopt_module.convert(
            read_text(source, settings.max_file_size), source.name, settings
        )
    except Unreadable as error:
        fail(f"{source}: {error}")
    except UserError:
        raise
    except Exception as error:  # a converter bug must not show a traceback
        if debug:
            raise
        fail(f"{source}: internal error: {type(error).__name__}: {error} (rerun with --debug)")


def _write_adopted(source: Path, text: str, out: Path | None, in_place: bool) -> None:
    from pmlint.authoring import adopt as adopt_module

    try:
        if in_place:
            backup = adopt_module.replace_keeping_original(source, text)
            click.echo(f"{source}: converted in place; the original is in {backup}")
        else:
            target = adopt_module.target(source, out)
            adopt_module.write_new(target, text)
            click.echo(f"{source}: converted to {target}")
    except OSError as error:
        fail(f"{source}: cannot write: {error.strerror or error}")


@click.command("fix")
@click.argument("paths", nargs=-1)
@click.option("--diff", is_flag=True, help="Print a unified diff and write nothing.")
@CONFIG
@DEBUG
def fix_command(paths: tuple[str, ...], diff: bool, config: Path | None, debug: bool) -> None:
    """Make the safe fixes in PATHS (default: the configured paths) and print them.

    Renames a near-miss heading or front-matter key, adds missing sections and
    fields with <hints>, puts em dashes between a follow-up's fields and adds an
    apparatus follow-up. Never writes through a link. With --diff, exit 1 when
    something would change.
    """

    def run_it() -> int:
        from pmlint.authoring import fix_files
        from pmlint.running.files import configured_paths

        settings = load_settings(config)
        results = []
        for result in fix_files.fix_paths(
            paths or configured_paths(settings), settings, write=not diff
        ):
            results.append(result)
            if result.skipped:
                click.echo(f"{result.display}: {result.skipped}", err=True)
            elif diff:
                click.echo(result.diff(), nl=False)
            else:
                for line in fix_files.describe(result):
                    click.echo(line)
        click.echo(fix_files.summary(results, written=not diff), err=diff)
        return EXIT_PROBLEMS if diff and any(r.changed for r in results) else EXIT_OK

    guarded(debug, run_it)
