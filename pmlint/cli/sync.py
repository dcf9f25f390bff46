"""``pmlint sync``: read the state of linked tickets into the snapshot the reports use."""

from __future__ import annotations

from pathlib import Path

import click

from pmlint.cli.common import CONFIG, DEBUG, guarded, load_records


@click.command("sync")
@click.argument("paths", nargs=-1)
@click.option(
    "--write",
    is_flag=True,
    help="Also set each follow-up's status and closed cells to its ticket's.",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="HOST[:PORT]",
    help="A host tokens may be sent to besides api.github.com and gitlab.com (repeatable; "
    "also PMLINT_ALLOW_HOSTS, comma-separated).",
)
@CONFIG
@DEBUG
def sync(
    paths: tuple[str, ...],
    write: bool,
    allow_hosts: tuple[str, ...],
    config: Path | None,
    debug: bool,
) -> None:
    """Read the state of every ticket linked from a follow-up in PATHS into the snapshot.

    Exit 0 when every ticket was read, 1 when some could not be (the rest are
    still written), 2 on a configuration error or refused credentials.
    """

    def run_it() -> int:
        import os

        from pmlint.trackers import command

        settings, loaded = load_records(paths, config)
        allowed = command.allow_list(allow_hosts, os.environ)
        result = command.sync(settings, loaded.postmortems, allowed, os.environ, write)
        for line in result.warnings:
            click.echo(f"pmlint: warning: {line}", err=True)
        for line in result.errors:
            click.echo(f"pmlint: error: {line}", err=True)
        click.echo(result.summary)
        return result.exit_code

    guarded(debug, run_it)
