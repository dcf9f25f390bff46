"""What the cross-file rules read of one file: the facts its own lint yields.

A file's lint is a function of its bytes and the configuration
(``pmlint.checking.lint``). It also yields these facts, cached with its
problems, so the repository pass judges PM601 and PM602 from the facts of
every file in scope, never reading or parsing a file twice.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from pmlint.checking.rules import RULES
from pmlint.debuglog import log
from pmlint.reading import subjects
from pmlint.reading.subjects import NOTHING

if TYPE_CHECKING:
    from pmlint.reading.document import Document


#: The id and the parent a front-matter declares: all the index needs of a file.
Declared = tuple[str | None, str | None]


class Facts(NamedTuple):
    """One file's id and parent with their lines, and what decides how their problems show."""

    id: str | None = None
    parent: str | None = None
    id_line: int = 0
    parent_line: int = 0
    #: The digests of their text (``reading.subjects``), which a baseline entry keys on.
    id_subject: str = NOTHING
    parent_subject: str = NOTHING
    date: str | None = None  # enforce_from compares it
    status: str | None = None  # a draft's problems may be relaxed
    #: (code, line) of each cross-file rule an inline directive silences on those lines.
    silenced: frozenset[tuple[str, int]] = frozenset()
    #: The cross-file rules judge the file (it has front-matter and pmlint read it);
    #: its id counts for the others either way.
    judged: bool = True

    @property
    def declared(self) -> Declared:
        return self.id, self.parent

    def subject(self, pointer: str) -> str:
        """The digest of what ``pointer`` names: the id or the parent, else nothing."""
        if pointer == "/front_matter/id":
            return self.id_subject
        return self.parent_subject if pointer == "/front_matter/parent" else NOTHING


def declared(front: Mapping[str, object]) -> Declared:
    """The id and parent of a front-matter: non-empty strings, or None."""
    found = [front.get(key) for key in ("id", "parent")]
    identifier, parent = (value if isinstance(value, str) and value else None for value in found)
    return identifier, parent


def declared_in(text: str) -> Declared:
    """The id and parent of a postmortem's text, reading its front-matter only."""
    from pmlint.reading import document, frontmatter  # the body is never parsed for this

    try:
        return declared(frontmatter.read(document.split_lines(text)).data or {})
    except Exception:  # a reader bug is reported when the file is linted (PM000)
        log.debug("internal error while reading the id of a file", exc_info=True)
        return None, None


def of(doc: Document, judged: bool) -> Facts:
    """The facts of a parsed postmortem."""
    front = doc.front_matter or {}
    identifier, parent = declared(front)
    id_line = doc.line_of("/front_matter/id") if identifier else 0
    parent_line = doc.line_of("/front_matter/parent") if parent else 0
    silenced = frozenset(
        (code, line)
        for code, rule in RULES.items()
        if rule.cross_file
        for line in {id_line, parent_line} - {0}
        if doc.suppressions.suppressed(code, line)
    )
    date, status = (front.get(key) for key in ("date", "status"))
    return Facts(
        identifier,
        parent,
        id_line,
        parent_line,
        subjects.subject(doc, "/front_matter/id") if identifier else NOTHING,
        subjects.subject(doc, "/front_matter/parent") if parent else NOTHING,
        date if isinstance(date, str) else None,
        status if isinstance(status, str) else None,
        silenced,
        judged,
    )


def to_text(facts: Facts) -> str:
    """Facts as the cache stores them: one JSON text, which a cached run decodes only when
    the cross-file pass must run again (a string costs the garbage collector nothing)."""
    row = [*facts[:8], sorted(map(list, facts.silenced)), facts.judged]
    return json.dumps(row, ensure_ascii=True, separators=(",", ":"))


def from_text(text: str) -> Facts | None:
    """Facts as ``to_text`` stored them, or None if they do not have that shape."""
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if type(value) is not list or len(value) != 10:
        return None
    identifier, parent, id_line, parent_line, *texts, silenced, judged = value
    if not all(item is None or isinstance(item, str) for item in (identifier, parent, *texts)):
        return None
    id_subject, parent_subject, date, status = texts
    if not isinstance(id_subject, str) or not isinstance(parent_subject, str):
        return None
    if type(id_line) is not int or type(parent_line) is not int or type(judged) is not bool:
        return None
    if type(silenced) is not list or not all(map(_silenced, silenced)):
        return None
    pairs = frozenset((code, line) for code, line in silenced)
    return Facts(
        identifier,
        parent,
        id_line,
        parent_line,
        id_subject,
        parent_subject,
        date,
        status,
        pairs,
        judged,
    )


def _silenced(item: object) -> bool:
    return (
        isinstance(item, list)
        and len(item) == 2
        and isinstance(item[0], str)
        and type(item[1]) is int
    )
