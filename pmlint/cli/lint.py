"""``pmlint lint``: lint postmortems and write the report in one or more formats."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from pmlint.cli.common import (
    CONFIG,
    DEBUG,
    EXIT_OK,
    EXIT_PROBLEMS,
    emit,
    fail,
    guarded,
    load_settings,
    parse_day,
)
from pmlint.formats import FORMATTERS

if TYPE_CHECKING:
    from pmlint.config import Config

#: A check that reads nothing passes nothing: a pull request could exclude every file.
NOTHING_CHECKED = (
    "no file was checked: the paths hold no postmortem, or every one is excluded "
    "(pass --allow-empty if that is expected)"
)


@click.command("lint")
@click.argument("paths", nargs=-1)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(list(FORMATTERS)),
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
@CONFIG
@click.option("--strict", is_flag=True, help="Warnings fail the run too.")
@click.option("--today", callback=parse_day, help="Reference day (YYYY-MM-DD) for PM205 and PM501.")
@click.option("-q", "--quiet", is_flag=True, help="Show errors only; no summary when clean.")
@click.option(
    "--no-baseline", is_flag=True, help="Report every problem, even those in the baseline."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    help="Worker processes for many files (default: the 'jobs' setting; 0 = one per core).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the results cache.")
@click.option(
    "--no-inline-config",
    is_flag=True,
    help="Ignore every <!-- pmlint-disable... --> comment in the files.",
)
@click.option(
    "--allow-empty", is_flag=True, help="Exit 0 when no file is checked (default: exit 1)."
)
@click.option(
    "--staged",
    is_flag=True,
    help="Read the other postmortems' ids from Git's index (what is being committed), "
    "not the working tree; on under pre-commit (PRE_COMMIT=1).",
)
@click.option(
    "--config-at",
    metavar="REV",
    help="Read the configuration, baseline and team schema as committed at this git "
    "revision (e.g. origin/main), not from the working tree.",
)
@DEBUG
def lint(
    paths: tuple[str, ...],
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    config: Path | None,
    strict: bool,
    today: dt.date | None,
    quiet: bool,
    no_baseline: bool,
    jobs: int | None,
    no_cache: bool,
    no_inline_config: bool,
    allow_empty: bool,
    staged: bool,
    config_at: str | None,
    debug: bool,
) -> None:
    """Lint postmortems in PATHS (files or folders; default: the configured paths).

    Exit 0 when there is no error (warnings allowed unless --strict), 1 when
    there are problems that fail the run or no file was checked (unless
    --allow-empty), 2 for usage or configuration errors.
    """
    if len(outputs) > max(len(formats), 1):
        fail("more --output than --format options: pair each --output with a --format")
    formats = formats or ("text",)
    targets = [str(output) for output in outputs] + ["-"] * len(formats)
    pairs = list(zip(formats, targets, strict=False))
    if sum(target == "-" for _, target in pairs) > 1:
        fail("several formats would go to stdout: give each extra --format an --output FILE")

    overrides: dict[str, Any] = {} if jobs is None else {"jobs": jobs}
    if no_cache:
        overrides["cache_dir"] = None
    if no_baseline:
        overrides["baseline"] = None
    if no_inline_config:
        overrides["inline_config"] = False

    def run_it() -> int:
        from pmlint.running.files import same_file
        from pmlint.running.linter import lint_paths

        settings = load_settings(config, config_at, **overrides)
        _snapshot_notices(settings, today)
        under_pre_commit = os.environ.get("PRE_COMMIT") == "1"
        report = lint_paths(paths, settings, today, staged=staged or under_pre_commit)
        for _, target in pairs:
            linted = target != "-" and same_file(Path(target), report.files)
            if linted:
                fail(f"--output {target} would overwrite {linted}, a file being linted")
        for name, target in pairs:
            emit(FORMATTERS[name](report, quiet), Path(target))
        if report.files_checked == 0 and not allow_empty:
            click.echo(f"pmlint: error: {NOTHING_CHECKED}", err=True)
            return EXIT_PROBLEMS
        failing = report.errors or (strict and report.warnings)
        return EXIT_PROBLEMS if failing else EXIT_OK

    guarded(debug, run_it)


def _snapshot_notices(settings: Config, today: dt.date | None) -> None:
    """Say on stderr when the ticket snapshot is unusable or stale (a warning, not a problem)."""
    from pmlint.trackers import snapshot

    day = today or settings.today
    now = dt.datetime.combine(day, dt.time(), dt.UTC) if day else dt.datetime.now(dt.UTC)
    for note in snapshot.notices(settings, now):
        click.echo(f"pmlint: warning: {note}", err=True)
