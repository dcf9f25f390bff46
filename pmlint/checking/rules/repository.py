"""Cross-file rules: ids are unique and parents exist across the repository.

They read one file's facts (``pmlint.checking.facts``), never its document:
the repository pass runs them once every file in scope has been linted.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmlint.checking.facts import Facts
from pmlint.checking.rules import Context, cross_file_check
from pmlint.problem import Finding


@cross_file_check("PM601")
def duplicate_id(facts: Facts, path: str, context: Context) -> Iterator[Finding]:
    """Reports, links and follow-up exports key on the id; two files cannot share one."""
    if facts.id is None:
        return
    others = [other for other in context.ids.get(facts.id, ()) if other != path]
    if others:
        named = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        yield Finding(
            facts.id_line,
            f"Id '{facts.id}' is also used by {named}; ids must be unique",
            "/front_matter/id",
        )


@cross_file_check("PM602")
def unknown_parent(facts: Facts, path: str, context: Context) -> Iterator[Finding]:
    """A sub-postmortem must point at an incident that exists, and not at itself."""
    if facts.parent is None:
        return
    if facts.parent == facts.id:
        yield Finding(
            facts.parent_line,
            f"'parent' is this postmortem's own id '{facts.parent}'",
            "/front_matter/parent",
        )
    elif facts.parent not in context.ids:
        yield Finding(
            facts.parent_line,
            f"'parent' names '{facts.parent}', but no postmortem in the repository has that id",
            "/front_matter/parent",
        )
