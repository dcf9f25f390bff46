"""The commands that read postmortems as records: ``followups``, ``report`` and ``export``.

The ``--format`` and ``--what`` choices are written out here rather than imported, so that
``pmlint lint`` does not load the reports at start; tests/test_cli.py holds them equal to
the renderers' registries.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import click

from pmlint.cli.common import (
    CONFIG,
    DEBUG,
    EXIT_OK,
    EXIT_PROBLEMS,
    OUTPUT,
    TODAY,
    emit,
    fail,
    files_read,
    guarded,
    load_records,
    parse_day,
    with_tickets,
)

#: The width a table is fitted to when it is not printed to a terminal and COLUMNS is unset.
DEFAULT_WIDTH = 100


def terminal_width() -> int:
    """The terminal's width: COLUMNS if set, else the terminal's, else DEFAULT_WIDTH."""
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns


@click.command("followups")
@click.argument("paths", nargs=-1)
@click.option("--open", "open_only", is_flag=True, help="Only open follow-ups.")
@click.option("--overdue", is_flag=True, help="Only open follow-ups past their due date.")
@TODAY
@click.option("--owner", "owners", multiple=True, help="Only this owner (repeatable).")
@click.option("--team", "teams", multiple=True, help="Only this team (repeatable).")
@click.option("--type", "types", multiple=True, help="Only this type, e.g. eval (repeatable).")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "markdown"]),
    default="table",
    show_default=True,
)
@OUTPUT
@click.option("--fail", "fail_on_any", is_flag=True, help="Exit 1 when any follow-up is listed.")
@CONFIG
@DEBUG
def followups_command(
    paths: tuple[str, ...],
    open_only: bool,
    overdue: bool,
    today: dt.date | None,
    owners: tuple[str, ...],
    teams: tuple[str, ...],
    types: tuple[str, ...],
    fmt: str,
    output: Path | None,
    fail_on_any: bool,
    config: Path | None,
    debug: bool,
) -> None:
    """List follow-ups across postmortems in PATHS: owner, due, status, days overdue.

    With --overdue --fail, exit 1 when any follow-up is overdue, so a
    scheduled CI job goes red.
    """

    def run_it() -> int:
        from pmlint.reports import followups

        settings, loaded = load_records(paths, config)
        day = today or settings.today or dt.date.today()
        rows = followups.select(
            followups.rows(with_tickets(settings, loaded.postmortems), day),
            open_only=open_only,
            overdue_only=overdue,
            owners=owners,
            teams=teams,
            types=types,
        )
        width = terminal_width() if output is None or str(output) == "-" else None
        emit(followups.render(rows, fmt, day, width), output, files_read(paths, loaded))
        return EXIT_PROBLEMS if fail_on_any and rows else EXIT_OK

    guarded(debug, run_it)


@click.command("report")
@click.argument("paths", nargs=-1)
@click.option("--since", callback=parse_day, help="First incident date included (YYYY-MM-DD).")
@click.option("--until", callback=parse_day, help="Last incident date included (YYYY-MM-DD).")
@click.option(
    "--group", type=click.Choice(["quarter", "month"]), default="quarter", show_default=True
)
@TODAY
@click.option("--closure-days", type=click.IntRange(1, 365), help="Default: config, else 30.")
@click.option("--target", type=click.FloatRange(0, 1), help="Closure target, e.g. 0.8.")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv", "markdown", "html"]),
    default="text",
    show_default=True,
)
@OUTPUT
@CONFIG
@DEBUG
def report(
    paths: tuple[str, ...],
    since: dt.date | None,
    until: dt.date | None,
    group: str,
    today: dt.date | None,
    closure_days: int | None,
    target: float | None,
    fmt: str,
    output: Path | None,
    config: Path | None,
    debug: bool,
) -> None:
    """Report follow-up closure, the postmortem SLO, causes, apparatus updates, severity.

    PATHS are folders, Markdown files and .jsonl exports ('pmlint export
    --what postmortems --format jsonl'), so exports of many repositories can
    be reported together.
    """
    if since and until and since > until:
        fail(f"--since {since} is after --until {until}")

    def run_it() -> int:
        from pmlint.reports import metrics, selection
        from pmlint.reports.renderers import RENDERERS, render_html

        settings, loaded = load_records(paths, config)
        options = selection.Settings(
            today=today or settings.today or dt.date.today(),
            since=since,
            until=until,
            group="month" if group == "month" else "quarter",
            closure_days=closure_days or settings.closure_days,
            closure_target=settings.closure_target if target is None else target,
            slo_business_days=settings.slo_business_days,
            slo_business_days_by_severity=dict(settings.slo_business_days_by_severity),
            holidays=settings.holidays,
            severities=settings.severities,
        )
        skipped = [{"path": s.path, "reason": s.reason} for s in loaded.skipped]
        computed = metrics.compute(with_tickets(settings, loaded.postmortems), options, skipped)
        if fmt == "html":  # links to postmortems are relative to the page's folder
            where = output.parent if output is not None and str(output) != "-" else Path(".")
            emit(render_html(computed, where), output, files_read(paths, loaded))
        else:
            emit(RENDERERS[fmt](computed), output, files_read(paths, loaded))
        return EXIT_OK

    guarded(debug, run_it)


@click.command("export")
@click.argument("paths", nargs=-1)
@click.option(
    "--what", type=click.Choice(["drills", "evals", "followups", "postmortems"]), required=True
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "csv"]),
    default="json",
    show_default=True,
)
@TODAY
@OUTPUT
@CONFIG
@DEBUG
def export(
    paths: tuple[str, ...],
    what: str,
    fmt: str,
    today: dt.date | None,
    output: Path | None,
    config: Path | None,
    debug: bool,
) -> None:
    """Export drills, eval expansions, follow-ups or whole postmortems for other tools."""

    def run_it() -> int:
        from pmlint.reports import exports
        from pmlint.shown import printable

        settings, loaded = load_records(paths, config)
        day = today or settings.today or dt.date.today()
        emit(exports.render(what, loaded.postmortems, day, fmt), output, files_read(paths, loaded))
        for line in exports.without_action(what, loaded.postmortems):
            click.echo(f"pmlint: warning: {printable(line)}", err=True)
        return EXIT_OK

    guarded(debug, run_it)
