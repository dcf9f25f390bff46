"""The ``pmlint`` command: parse arguments, call the library, write reports.

``pmlint PATH...`` is short for ``pmlint lint PATH...``; other subcommands
(``rules``, ``explain``, ...) are named first.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from pmlint.errors import UserError
from pmlint.formats import FORMATTERS
from pmlint.version import __version__

if TYPE_CHECKING:
    from pmlint.config import Config
    from pmlint.reports.records import Loaded, Postmortem

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
#: A check that reads nothing passes nothing: a pull request could exclude every file.
NOTHING_CHECKED = (
    "no file was checked: the paths hold no postmortem, or every one is excluded "
    "(pass --allow-empty if that is expected)"
)


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


def fail(message: str) -> NoReturn:
    """One line on stderr and exit 2: a usage, configuration or internal error."""
    click.echo(f"pmlint: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _settings(path: Path | None, at: str | None = None, **overrides: Any) -> Config:
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


def _guarded(debug: bool, action: Callable[[], int]) -> None:
    """Run a command body, as every command does: what the user gave that cannot
    be used is one line, exit 2; so is a bug in pmlint, with its traceback only
    under --debug."""
    if debug:
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


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


_OUTPUT = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of stdout.",
)
_CONFIG = click.option(
    "--config", type=click.Path(path_type=Path), help="Configuration file to use."
)
_DEBUG = click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
_TODAY = click.option(
    "--today", callback=_day, help="Reference day (YYYY-MM-DD); default: the real date."
)


@main.command()
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
@_CONFIG
@click.option("--strict", is_flag=True, help="Warnings fail the run too.")
@click.option("--today", callback=_day, help="Reference day (YYYY-MM-DD) for PM205 and PM501.")
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
    "--config-at",
    metavar="REV",
    help="Read the configuration, baseline and team schema as committed at this git "
    "revision (e.g. origin/main), not from the working tree.",
)
@_DEBUG
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

        settings = _settings(config, config_at, **overrides)
        _snapshot_notices(settings, today)
        report = lint_paths(paths, settings, today)
        for _, target in pairs:
            linted = target != "-" and same_file(Path(target), report.files)
            if linted:
                fail(f"--output {target} would overwrite {linted}, a file being linted")
        for name, target in pairs:
            _emit(FORMATTERS[name](report, quiet), Path(target))
        if report.files_checked == 0 and not allow_empty:
            click.echo(f"pmlint: error: {NOTHING_CHECKED}", err=True)
            return EXIT_PROBLEMS
        failing = report.errors or (strict and report.warnings)
        return EXIT_PROBLEMS if failing else EXIT_OK

    _guarded(debug, run_it)


def _snapshot_notices(settings: Config, today: dt.date | None) -> None:
    """Say on stderr when the ticket snapshot is unusable or stale (a warning, not a problem)."""
    from pmlint.trackers import snapshot

    day = today or settings.today
    now = dt.datetime.combine(day, dt.time(), dt.UTC) if day else dt.datetime.now(dt.UTC)
    for note in snapshot.notices(settings, now):
        click.echo(f"pmlint: warning: {note}", err=True)


@main.command()
@_DEBUG
def rules(debug: bool) -> None:
    """List every rule: code, slug, default severity and what it checks."""

    def run_it() -> int:
        from pmlint.checking.rules import RULES

        width = max(len(rule.slug) for rule in RULES.values())
        for rule in RULES.values():
            click.echo(f"{rule.code}  {rule.slug:<{width}}  {rule.severity!s:<7}  {rule.summary}")
        return EXIT_OK

    _guarded(debug, run_it)


@main.command()
@click.argument("code")
@_DEBUG
def explain(code: str, debug: bool) -> None:
    """Print the documentation page of rule CODE (e.g. PM102)."""

    def run_it() -> int:
        from pmlint import resources
        from pmlint.checking.rules import RULES

        known = code.upper()
        if known not in RULES:
            fail(f"unknown rule '{known}'; 'pmlint rules' lists them")
        page = resources.rule_page(known)
        if not page.is_file():
            fail(f"no documentation page for {known} ({page})")
        click.echo(page.read_text(encoding="utf-8"), nl=False)
        return EXIT_OK

    _guarded(debug, run_it)


def _read(paths: tuple[str, ...], loaded: Loaded) -> list[str]:
    """Every file a report command read: named files and .jsonl exports, postmortems."""
    return [*paths, *(pm.path for pm in loaded.postmortems), *(s.path for s in loaded.skipped)]


def _records(paths: tuple[str, ...], config_path: Path | None) -> tuple[Config, Loaded]:
    """Configuration and the postmortems under ``paths`` (folders, files, .jsonl exports)."""
    from pmlint.reports import records
    from pmlint.running.linter import configured_paths
    from pmlint.shown import printable

    settings = _settings(config_path)
    loaded = records.load(list(paths) or configured_paths(settings), settings)
    for skipped in loaded.skipped:
        shown = printable(f"{skipped.path}: skipped: {skipped.reason}")  # one line, always
        click.echo(f"pmlint: warning: {shown}", err=True)
    return settings, loaded


def _with_tickets(settings: Config, postmortems: list[Postmortem]) -> list[Postmortem]:
    """The follow-ups with their tickets' state, when ``pmlint sync`` wrote a snapshot."""
    from pmlint.reports import tickets
    from pmlint.trackers import snapshot

    return tickets.annotate(postmortems, snapshot.for_lint(settings))


def _emit(text: str, output: Path | None, inputs: Sequence[str] = ()) -> None:
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


@main.command("followups")
@click.argument("paths", nargs=-1)
@click.option("--open", "open_only", is_flag=True, help="Only open follow-ups.")
@click.option("--overdue", is_flag=True, help="Only open follow-ups past their due date.")
@_TODAY
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
@_OUTPUT
@click.option("--fail", "fail_on_any", is_flag=True, help="Exit 1 when any follow-up is listed.")
@_CONFIG
@_DEBUG
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

        settings, loaded = _records(paths, config)
        day = today or settings.today or dt.date.today()
        rows = followups.select(
            followups.rows(_with_tickets(settings, loaded.postmortems), day),
            open_only=open_only,
            overdue_only=overdue,
            owners=owners,
            teams=teams,
            types=types,
        )
        _emit(followups.render(rows, fmt, day), output, _read(paths, loaded))
        return EXIT_PROBLEMS if fail_on_any and rows else EXIT_OK

    _guarded(debug, run_it)


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--since", callback=_day, help="First incident date included (YYYY-MM-DD).")
@click.option("--until", callback=_day, help="Last incident date included (YYYY-MM-DD).")
@click.option(
    "--group", type=click.Choice(["quarter", "month"]), default="quarter", show_default=True
)
@_TODAY
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
@_OUTPUT
@_CONFIG
@_DEBUG
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
        from pmlint.reports import metrics
        from pmlint.reports.renderers import RENDERERS, render_html

        settings, loaded = _records(paths, config)
        options = metrics.Settings(
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
        computed = metrics.compute(_with_tickets(settings, loaded.postmortems), options, skipped)
        if fmt == "html":  # links to postmortems are relative to the page's folder
            where = output.parent if output is not None and str(output) != "-" else Path(".")
            _emit(render_html(computed, where), output, _read(paths, loaded))
        else:
            _emit(RENDERERS[fmt](computed), output, _read(paths, loaded))
        return EXIT_OK

    _guarded(debug, run_it)


@main.command()
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
@_TODAY
@_OUTPUT
@_CONFIG
@_DEBUG
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

        settings, loaded = _records(paths, config)
        day = today or settings.today or dt.date.today()
        _emit(exports.render(what, loaded.postmortems, day, fmt), output, _read(paths, loaded))
        return EXIT_OK

    _guarded(debug, run_it)


@main.command()
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
@_CONFIG
@_DEBUG
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

        settings, loaded = _records(paths, config)
        allowed = command.allow_list(allow_hosts, os.environ)
        result = command.sync(settings, loaded.postmortems, allowed, os.environ, write)
        for line in result.warnings:
            click.echo(f"pmlint: warning: {line}", err=True)
        for line in result.errors:
            click.echo(f"pmlint: error: {line}", err=True)
        click.echo(result.summary)
        return result.exit_code

    _guarded(debug, run_it)


@main.command("baseline")
@click.argument("paths", nargs=-1)
@_CONFIG
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Baseline file to write (default: the configured 'baseline', else "
    ".pmlint-baseline.json beside the configuration).",
)
@_DEBUG
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

        settings = _settings(config)
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
        click.echo(f"{shown}: {len(known)} known problems in {files} files")
        if settings.baseline is None or settings.baseline.resolve() != target.resolve():
            click.echo(f'Add  baseline = "{shown}"  to [tool.pmlint] so that lint uses it.')
        return EXIT_OK

    _guarded(debug, run_it)


@main.command()
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
@_CONFIG
@_DEBUG
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
        settings = _settings(config)
        converted = [(source, _converted(source, settings, debug)) for source in files]
        for source, text in converted:
            _write_adopted(source, text, out, in_place)
        return EXIT_OK

    _guarded(debug, run_it)


def _converted(source: Path, settings: Config, debug: bool) -> str:
    """One file in the format; a converter bug names the file, a traceback only with --debug."""
    from pmlint.authoring import adopt as adopt_module
    from pmlint.running.linter import Unreadable, read_text

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


@main.command()
@click.option("--id", "identifier", help="Incident id (default INC-YYYY-MMDD from --date).")
@click.option("--title", help="One-line title (default: a hint to replace).")
@click.option("--severity", help="Severity, e.g. P2 (default: a hint to replace).")
@click.option(
    "--date",
    "day",
    callback=_day,
    help="Day the incident started, YYYY-MM-DD (default: today).",
)
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write to (default: the first configured path, else the current folder).",
)
@_CONFIG
@_DEBUG
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
        from pmlint.running.linter import configured_paths

        settings = _settings(config)
        started = day or dt.date.today()
        name = identifier or template.default_id(started)
        text = template.render(name, started, title, severity, settings)
        path = template.create(folder or Path(configured_paths(settings)[0]), name, text)
        click.echo(f"Wrote {path}: replace every <hint>, then run 'pmlint {path}'.")
        return EXIT_OK

    _guarded(debug, run_it)


@main.command()
@_CONFIG
@_DEBUG
def schema(config: Path | None, debug: bool) -> None:
    """Print the JSON Schema in force (the shipped one with the team's extension merged)."""

    def run_it() -> int:
        import json

        from pmlint.checking.schema import effective_schema

        click.echo(json.dumps(effective_schema(_settings(config)), indent=2, ensure_ascii=False))
        return EXIT_OK

    _guarded(debug, run_it)


def run(argv: Sequence[str] | None = None) -> int:
    """Call the CLI as a function and return its exit code (for tests and embedding)."""
    try:
        main.main(args=list(argv) if argv is not None else None, prog_name="pmlint")
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return EXIT_OK


@main.command("fix")
@click.argument("paths", nargs=-1)
@click.option("--diff", is_flag=True, help="Print a unified diff and write nothing.")
@_CONFIG
@_DEBUG
def fix_command(paths: tuple[str, ...], diff: bool, config: Path | None, debug: bool) -> None:
    """Make the safe fixes in PATHS (default: the configured paths) and print them.

    Renames a near-miss heading or front-matter key, adds missing sections and
    fields with <hints>, puts em dashes between a follow-up's fields and adds an
    apparatus follow-up. Never writes through a link. With --diff, exit 1 when
    something would change.
    """

    def run_it() -> int:
        from pmlint.authoring import fix_files
        from pmlint.running.linter import configured_paths

        settings = _settings(config)
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

    _guarded(debug, run_it)


@main.command("lsp")
@_DEBUG
def lsp_command(debug: bool) -> None:
    """Serve the Language Server Protocol over stdio (for editors; see docs/editors.md).

    Diagnostics as 'pmlint lint' gives them, quick fixes as 'pmlint fix' makes
    them, hover and completion, for the Markdown files under the configured paths.
    """

    def run_it() -> int:
        from pmlint.editor import server

        server.run()
        return EXIT_OK

    _guarded(debug, run_it)
