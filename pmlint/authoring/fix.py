"""The safe fixes: text and its problems in, edits out, for ``pmlint fix`` and the editor.

A fix only adds structure or corrects a name the author evidently meant; it
never invents content. Added sections, fields and rows carry the template's
``<hints>``, which pmlint reads as placeholders, so what is left to write is
still reported. Each fix answers one problem (code and line), so the language
server can offer it on that diagnostic, and the kinds let it offer "fix all".
Every fix removes the problem it answers, so running the fixes twice changes
nothing the second time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from pmlint.authoring import hints
from pmlint.authoring.edits import Edit, apply, newline, overlaps
from pmlint.checking import nearmiss
from pmlint.checking.schema import effective_schema, key_misses
from pmlint.config import Config
from pmlint.problem import Problem
from pmlint.reading import document
from pmlint.reading.document import HYPHEN_FIELD, Document, hyphen_separated
from pmlint.reading.frontmatter import FrontMatterError, split
from pmlint.reading.vocabulary import SECTIONS

#: The kinds of fix, as the language server's "fix all of this kind" groups them.
KINDS = (
    "insert-section",
    "rename-heading",
    "rename-key",
    "add-field",
    "follow-up-separators",
    "apparatus-follow-up",
)
_ORDER = {
    f"Add the '## {heading}' section": index for index, heading in enumerate(SECTIONS.values())
}
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-+*]|\d{1,9}[.)])(?:\s|$)")


@dataclass(frozen=True)
class Fix:
    """Edits that make one problem go away."""

    kind: str
    code: str  # the rule of the problem it answers
    line: int  # that problem's 1-based line
    title: str  # what it does, as a person reads it in a menu or a log
    edits: tuple[Edit, ...]


def plan(text: str, problems: Iterable[Problem], config: Config) -> list[Fix]:
    """Every safe fix for ``problems`` (those ``lint_text`` gave for ``text``)."""
    doc = document.build(text, "", config)
    planner = _Planner(doc, text, config)
    fixes: list[Fix] = []
    for problem in problems:
        fixes.extend(planner.fixes_for(problem))
    # Sections inserted at one point go in template order, whatever the problems' order.
    return sorted(fixes, key=lambda fix: _ORDER.get(fix.title, -1))


def apply_fixes(text: str, fixes: Sequence[Fix]) -> tuple[str, list[Fix]]:
    """``text`` with every fix made whose edits overlap no earlier one's; and those made."""
    made: list[Fix] = []
    taken: list[Edit] = []
    for fix in fixes:
        if any(overlaps(edit, other) for edit in fix.edits for other in taken):
            continue
        made.append(fix)
        taken.extend(fix.edits)
    return apply(text, taken), made


class _Planner:
    """Fixes for the problems of one document; knows where its parts are."""

    def __init__(self, doc: Document, text: str, config: Config) -> None:
        self.doc = doc
        self.lines = doc.text_lines
        self.eol = newline(text)
        self.config = config
        self.headings = nearmiss.heading_misses(doc.body, doc.sections, config.heading_aliases)
        self.keys = key_misses(doc, effective_schema(config))

    def fixes_for(self, problem: Problem) -> Iterator[Fix]:
        pointer = problem.pointer
        if problem.code == "PM101" and pointer.startswith("/sections/"):
            yield from self._section(problem, pointer.removeprefix("/sections/"))
        elif problem.code in ("PM010", "PM011") and pointer in self.keys:
            yield self._rename_key(problem, self.keys[pointer])
        elif problem.code == "PM011" and (miss := self._miss_written_at(pointer)) is not None:
            yield self._rename_key(problem, miss)
        elif problem.code == "PM010" and pointer.startswith("/front_matter/"):
            yield from self._add_field(problem, pointer.removeprefix("/front_matter/"))
        elif problem.code == "PM201" and pointer.startswith("/follow_ups/"):
            yield from self._separators(problem)
        elif problem.code == "PM203":
            yield from self._apparatus_row(problem)

    # --- sections --------------------------------------------------------------------------

    def _section(self, problem: Problem, key: str) -> Iterator[Fix]:
        if key not in SECTIONS:
            return
        if miss := self.headings.get(key):
            yield self._rename_heading(problem, miss)
            return
        heading = SECTIONS[key]
        edit = self._section_insertion(key, [f"## {heading}", "", *hints.section(key)])
        yield Fix(
            "insert-section", "PM101", problem.line, f"Add the '## {heading}' section", (edit,)
        )

    def _section_insertion(self, key: str, block: list[str]) -> Edit:
        """``block`` before the next section in the template order, else after the last text.

        Each insertion is whole on its own (the editor may apply just one), and
        several at one point read as sections separated by one blank line.
        """
        order = list(SECTIONS)
        later = [
            section.heading.line
            for other, section in self.doc.sections.items()
            if other in SECTIONS and order.index(other) > order.index(key)
        ]
        eol = self.eol
        if later:
            return Edit.insert(min(later) - 1, 0, eol.join(block) + eol + eol)
        last = max((n for n, line in enumerate(self.lines) if line.strip()), default=0)
        return Edit.insert(last, len(self.lines[last]), eol + eol + eol.join(block))

    def _rename_heading(self, problem: Problem, miss: nearmiss.HeadingMiss) -> Fix:
        index = miss.heading.line - 1
        source = self.lines[index]
        start = source.find(miss.heading.text)
        if start < 0:  # markup inside the heading: the text after the '#'s is replaced
            opening = re.match(r"\s{0,3}#{1,6}[ \t]*", source)
            start = opening.end() if opening else 0
            end = len(source.rstrip(" \t#"))
        else:
            end = start + len(miss.heading.text)
        edit = Edit((index, start), (index, end), miss.meant)
        title = f"Rename '{miss.heading.text}' to '{miss.meant}'"
        return Fix("rename-heading", "PM101", problem.line, title, (edit,))

    # --- front-matter ----------------------------------------------------------------------

    def _miss_written_at(self, pointer: str) -> nearmiss.KeyMiss | None:
        return next((m for m in self.keys.values() if m.written_pointer == pointer), None)

    def _rename_key(self, problem: Problem, miss: nearmiss.KeyMiss) -> Fix:
        index = miss.line - 1
        match = re.match(rf"(\s*){re.escape(miss.written)}(?=\s*:)", self.lines[index])
        edits: tuple[Edit, ...] = ()
        if match:
            edits = (Edit((index, match.end(1)), (index, match.end()), miss.meant),)
        title = f"Rename '{miss.written}' to '{miss.meant}'"
        return Fix("rename-key", problem.code, problem.line, title, edits)

    def _add_field(self, problem: Problem, name: str) -> Iterator[Fix]:
        """A missing top-level field, or ``cause.primary`` under a block ``cause:``, with a hint."""
        closing = self._front_matter_end()
        if closing is None:
            return
        if "/" not in name:
            lines = hints.field(name, self.config)
            at = closing
        elif name == "cause/primary" and (cause := self._block_key_line("cause")) is not None:
            lines = ["  " + line for line in hints.field("primary", self.config)]
            at = cause + 1
        else:
            return
        text = "".join(line + self.eol for line in lines)
        title = f"Add the '{name.replace('/', '.')}' field"
        yield Fix("add-field", "PM010", problem.line, title, (Edit.insert(at, 0, text),))

    def _front_matter_end(self) -> int | None:
        """The 0-based line of the closing '---' of a front-matter block that was read."""
        if self.doc.front_matter is None:
            return None
        bounds = _split(self.lines)
        return bounds[1] if bounds else None

    def _block_key_line(self, key: str) -> int | None:
        closing = self._front_matter_end() or 0
        for index in range(1, closing):
            if re.fullmatch(rf"{key}[ \t]*:[ \t]*(#.*)?", self.lines[index]):
                return index
        return None

    # --- follow-ups ------------------------------------------------------------------------

    def _separators(self, problem: Problem) -> Iterator[Fix]:
        index = problem.pointer.removeprefix("/follow_ups/")
        follow_ups = self.doc.data.get("follow_ups", [])
        if not index.isdigit() or int(index) >= len(follow_ups):
            return
        if self.doc.follow_up_columns[int(index)] is not None:  # a table row
            return
        if not hyphen_separated(follow_ups[int(index)]):
            return
        edits = [
            Edit((index, match.end(1)), (index, match.end(1) + 1), "\u2014")
            for index in self._item_lines(problem.line - 1)
            for match in HYPHEN_FIELD.finditer(self.lines[index])
        ]
        if edits:
            title = "Separate the follow-up's fields with em dashes"
            yield Fix("follow-up-separators", "PM201", problem.line, title, tuple(edits))

    def _item_lines(self, first: int) -> Iterator[int]:
        """The lines of the list item starting at ``first``: up to a blank line or the next item."""
        yield first
        for index in range(first + 1, len(self.lines)):
            line = self.lines[index]
            if not line.strip() or _LIST_ITEM.match(line) or line.lstrip().startswith("#"):
                return
            yield index

    def _apparatus_row(self, problem: Problem) -> Iterator[Fix]:
        section = self.doc.sections.get("follow_up_actions")
        if section is None or not section.items:
            return
        last = section.items[-1]
        kind, action = hints.apparatus_change(self.doc)
        if last.header:
            header = self.lines[last.header_line - 1]
            row = hints.table_row(header, {"action": action, "status": "open", "type": kind})
            at = last.line
        else:
            row = hints.list_item(action, kind)
            at = list(self._item_lines(last.line - 1))[-1] + 1
        title = f"Add a '{kind}' follow-up for the apparatus change"
        edit = Edit.insert(at, 0, row + self.eol)
        yield Fix("apparatus-follow-up", "PM203", problem.line, title, (edit,))


def _split(lines: list[str]) -> tuple[int, int] | None:
    try:
        return split(lines)
    except FrontMatterError:
        return None


def fix_text(text: str, problems: Sequence[Problem], config: Config) -> tuple[str, list[Fix]]:
    """The text with every safe fix for ``problems`` made, and the fixes made."""
    return apply_fixes(text, plan(text, problems, config))
