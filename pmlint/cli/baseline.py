"""``pmlint baseline``: record today's problems so that only new ones fail a run."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from pmlint.cli.common import CONFIG, DEBUG, EXIT_OK, fail, guarded, load_settings


@click.command("baseline")
@click.argument("paths", nargs=-1)
@CONFIG
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Baseline file to write (default: the configured 'baseline', else "
    ".pmlint-baseline.json beside the configuration).",
)
@DEBUG
def write_baseline(
    paths: tuple[str, ...], config: Path | None, output: Path | None, debug: bool
) -> None:
    """Record today's problems in PATHS so that only new problems fail a run.

    With PATHS, the entries of other files already in the baseline are kept.
    Rerun it after fixing problems: their entries go, the file shrinks.
    """

    def run_it() -> int:
        from pmlint.running import baseline
        from pmlint.running.files import same_file
        from pmlint.running.linter import lint_paths
        from pmlint.safe_write import write_file

        settings = load_settings(config)
        target = output or settings.baseline or settings.root / baseline.DEFAULT_FILE
        report = lint_paths(paths, replace(settings, baseline=None))
        linted = same_file(target, report.files)
        if linted:
            fail(f"--output {target} would overwrite {linted}, a file being linted")
        old = baseline.load(target) if paths and target.is_file() else []
        known = baseline.record(report, target.resolve().parent, old)
        try:
            write_file(target, baseline.render(known))
        except OSError as error:
            fail(f"{target}: cannot write the baseline: {error.strerror or error}")
        shown = baseline.relative(str(target), Path.cwd())
        files = len({entry.path for entry in known})
        problems = "known problem" if len(known) == 1 else "known problems"
        click.echo(f"{shown}: {len(known)} {problems} in {files} file{'s' * (files != 1)}")
        if settings.baseline is None or settings.baseline.resolve() != target.resolve():
            source = settings.source
            where = source.name if source and source.name != "pyproject.toml" else "[tool.pmlint]"
            click.echo(f'Add  baseline = "{shown}"  to {where} so that lint uses it.')
        return EXIT_OK

    guarded(debug, run_it)
