"""Rules about the section structure: order and duplicates."""

from __future__ import annotations

from collections.abc import Iterator

from pmlint.checking.rules import Context, check
from pmlint.problem import Finding
from pmlint.reading.document import Document, section_heading
from pmlint.reading.vocabulary import SECTIONS

_ORDER = list(SECTIONS)


@check("PM103")
def section_order(doc: Document, context: Context) -> Iterator[Finding]:
    """A reader who knows the template finds each section where they expect it."""
    latest: str | None = None
    for key, section in doc.sections.items():
        if key not in SECTIONS:
            continue
        if latest is not None and _ORDER.index(key) < _ORDER.index(latest):
            yield Finding(
                section.heading.line,
                f"Section '{section_heading(key)}' should come before "
                f"'{section_heading(latest)}', as in the template",
                f"/sections/{key}",
            )
        else:
            latest = key


@check("PM104")
def duplicate_section(doc: Document, context: Context) -> Iterator[Finding]:
    """Two sections for one field split the answer and let one of them go stale."""
    if doc.body is None:
        return
    for section in doc.body.sections:
        key = section.heading.key
        if key is None or doc.sections.get(key) is section:
            continue
        first = doc.sections[key].heading
        yield Finding(
            section.heading.line,
            f"Section '{section_heading(key)}' appears again as '{section.heading.text}' "
            f"(first as '{first.text}' at line {first.line}); merge the two",
            f"/sections/{key}",
        )
