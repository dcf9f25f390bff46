"""What pmlint checks, for a reader: ``rules``, ``explain`` a rule, the ``schema`` in force."""

from __future__ import annotations

from pathlib import Path

import click

from pmlint.cli.common import CONFIG, DEBUG, EXIT_OK, fail, guarded, load_settings


@click.command("rules")
@DEBUG
def rules(debug: bool) -> None:
    """List every rule: code, slug, default severity and what it checks."""

    def run_it() -> int:
        from pmlint.checking.rules import RULES

        width = max(len(rule.slug) for rule in RULES.values())
        for rule in RULES.values():
            click.echo(f"{rule.code}  {rule.slug:<{width}}  {rule.severity!s:<7}  {rule.summary}")
        return EXIT_OK

    guarded(debug, run_it)


@click.command("explain")
@click.argument("code")
@DEBUG
def explain(code: str, debug: bool) -> None:
    """Print the documentation page of rule CODE (e.g. PM102 or empty-section)."""

    def run_it() -> int:
        from pmlint import resources

        known = _rule_code(code)
        page = resources.rule_page(known)
        if not page.is_file():
            fail(f"no documentation page for {known} ({page})")
        click.echo(page.read_text(encoding="utf-8"), nl=False)
        return EXIT_OK

    guarded(debug, run_it)


def _rule_code(name: str) -> str:
    """The code of the rule named by its code or its slug, as ``pmlint rules`` prints them,
    in any case; an unknown name is echoed as typed, with the nearest rule."""
    from pmlint.checking.rules import RULES
    from pmlint.shown import printable

    codes = {spelling: rule.code for rule in RULES.values() for spelling in (rule.code, rule.slug)}
    by_case = {spelling.lower(): spelling for spelling in codes}
    if name.lower() in by_case:
        return codes[by_case[name.lower()]]
    import difflib  # only for an unknown code

    close = difflib.get_close_matches(name.lower(), list(by_case), n=1, cutoff=0.75)
    guess = f"did you mean '{by_case[close[0]]}'? " if close else ""
    fail(f"unknown rule '{printable(name)}'; {guess}'pmlint rules' lists them")


@click.command("schema")
@CONFIG
@DEBUG
def schema(config: Path | None, debug: bool) -> None:
    """Print the JSON Schema in force (the shipped one with the team's extension merged)."""

    def run_it() -> int:
        import json

        from pmlint.checking.schema import effective_schema

        settings = load_settings(config)
        click.echo(json.dumps(effective_schema(settings), indent=2, ensure_ascii=False))
        return EXIT_OK

    guarded(debug, run_it)
