"""Cross-file rules: ids are unique and parents exist across the repository."""

from __future__ import annotations

from collections.abc import Iterator

from pmlint.checking.rules import Context, check
from pmlint.problem import Finding
from pmlint.reading.document import Document


def _text(doc: Document, key: str) -> str | None:
    value = (doc.front_matter or {}).get(key)
    return value if isinstance(value, str) and value else None


@check("PM601")
def duplicate_id(doc: Document, context: Context) -> Iterator[Finding]:
    """Reports, links and follow-up exports key on the id; two files cannot share one."""
    identifier = _text(doc, "id")
    if identifier is None:
        return
    others = [path for path in context.ids.get(identifier, ()) if path != doc.path]
    if others:
        named = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        yield Finding(
            doc.line_of("/front_matter/id"),
            f"Id '{identifier}' is also used by {named}; ids must be unique",
            "/front_matter/id",
        )


@check("PM602")
def unknown_parent(doc: Document, context: Context) -> Iterator[Finding]:
    """A sub-postmortem must point at an incident that exists, and not at itself."""
    parent = _text(doc, "parent")
    if parent is None:
        return
    line = doc.line_of("/front_matter/parent")
    if parent == _text(doc, "id"):
        yield Finding(
            line, f"'parent' is this postmortem's own id '{parent}'", "/front_matter/parent"
        )
    elif parent not in context.ids:
        yield Finding(
            line,
            f"'parent' names '{parent}', but no postmortem in the repository has that id",
            "/front_matter/parent",
        )
