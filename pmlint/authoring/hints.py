"""The template's ``<hints>`` for one section, field or follow-up, as fixes add them.

Taken from the scaffold ``pmlint new`` writes, so a fixed file reads like a new
one where something was missing, and a hint is a placeholder pmlint reports
until it is replaced.
"""

from __future__ import annotations

import re
from functools import cache

from pmlint.authoring.template import TEMPLATE, TITLE_HINT
from pmlint.config import Config
from pmlint.reading.document import Document
from pmlint.reading.vocabulary import APPARATUS_KINDS, DOCUMENT_STATUSES, SECTIONS, TAXONOMY

#: The hints of the fields whose template line is filled in by ``pmlint new``, or left out
#: (a draft has no ``published`` date yet).
_FILLED = {
    "id": "<id, e.g. INC-2026-0512>",
    "title": TITLE_HINT,
    "date": "<YYYY-MM-DD when the incident started>",
    "published": "<YYYY-MM-DD when this postmortem was completed>",
    "status": f"<{' | '.join(DOCUMENT_STATUSES)}>",
    "primary": f"<{' | '.join(TAXONOMY)}>",
}
APPARATUS_ACTION = "<the alert, runbook, escalation or drill change; set the type to match>"


@cache
def _template_sections() -> dict[str, list[str]]:
    """Section key -> the template's lines under its heading."""
    result: dict[str, list[str]] = {}
    by_heading = {heading: key for key, heading in SECTIONS.items()}
    for block in TEMPLATE.split("\n## ")[1:]:
        heading, _, body = block.partition("\n")
        if heading in by_heading:
            result[by_heading[heading]] = body.strip("\n").split("\n")
    return result


def section(key: str) -> list[str]:
    """The hint lines of a section, as the template has them."""
    return list(_template_sections().get(key, ["<to be written>"]))


def field(name: str, config: Config) -> list[str]:
    """The lines of a front-matter field with its hint (a list field takes two)."""
    if name == "severity":
        return [f"severity: <{' | '.join(config.severities)}>"]
    if name in _FILLED:
        return [f"{name}: {_FILLED[name]}"]
    match = re.search(rf"^{re.escape(name)}:.*(?:\n  .*)*", TEMPLATE, flags=re.MULTILINE)
    if match is None or "{" in match.group(0):
        return [f"{name}: <required by the team schema>"]
    return match.group(0).split("\n")


def apparatus_change(doc: Document) -> tuple[str, str]:
    """(type, action) of the follow-up an apparatus update calls for.

    The first apparatus update that records a change gives both; without one,
    ``alert`` and a hint that says to set the type.
    """
    for update in doc.data.get("apparatus_updates", []):
        if update.get("records_change") and update.get("kind") in APPARATUS_KINDS:
            action = update["text"].split(":", 1)[1].strip()
            return update["kind"], action.replace("|", "\\|")
    return "alert", APPARATUS_ACTION


def table_row(header: str, values: dict[str, str]) -> str:
    """A row for the table whose header line is ``header``, hints in the required columns."""
    cells = [cell.strip().lower() for cell in header.strip().strip("|").split("|")]
    defaults = {"owner": "<owner>", "due": "<YYYY-MM-DD>"}
    row = [values.get(cell) or defaults.get(cell, "") for cell in cells]
    return "| " + " | ".join(row) + " |"


def list_item(action: str, kind: str) -> str:
    fields = ["owner: <owner>", "due: <YYYY-MM-DD>", "status: open", f"type: {kind}"]
    return "- " + " \u2014 ".join([action, *fields])
