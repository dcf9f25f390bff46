"""What the author probably meant: a heading or a front-matter key one typo away.

``## Blast Radious`` is not a section pmlint knows, so the section reads as
missing; ``serverity: P2`` is an unknown key, allowed, so ``severity`` reads as
missing. Both are better reported at the line the author wrote, naming the
name they meant. Closeness is difflib's ratio on the normalised names, the
measure ``pmlint`` uses for every "did you mean" (``pmlint fix`` renames what
is found here).
"""

from __future__ import annotations

import difflib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pmlint.reading.body import Body, Heading
from pmlint.reading.vocabulary import BUILTIN_ALIASES, SECTIONS, normalise_heading

#: How close a name must be (difflib ratio) to be offered: "titel" is 0.8 from "title".
CUTOFF = 0.8


@dataclass(frozen=True)
class HeadingMiss:
    """An unrecognised heading that is most likely a missing section's."""

    key: str  # the section key it stands for
    heading: Heading

    @property
    def meant(self) -> str:
        return SECTIONS[self.key]


@dataclass(frozen=True)
class KeyMiss:
    """An unknown front-matter key that is most likely a known one, misspelt."""

    pointer: str  # the known key's pointer, e.g. "/front_matter/severity"
    written: str  # the key as written
    meant: str  # the known key's name
    line: int

    @property
    def written_pointer(self) -> str:
        return self.pointer.rsplit("/", 1)[0] + "/" + self.written

    def dotted(self) -> tuple[str, str]:
        """The written and the meant names as messages show fields ("cause.primary")."""
        parent = self.pointer.rsplit("/", 1)[0].removeprefix("/front_matter").strip("/")
        prefix = parent.replace("/", ".") + "." if parent else ""
        return prefix + self.written, prefix + self.meant


class _Name:
    """A name to compare words with, indexed once for all of them."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.absent_from_it = {ord(char): None for char in set(name)}  # str.translate deletes them
        self.matcher = difflib.SequenceMatcher(None, "", name)

    def closeness(self, word: str) -> float:
        """difflib's ratio of ``word`` to the name where it can reach the cutoff; else 0.0.

        No caller tells a score under the cutoff from 0.0, so upper bounds of the
        ratio go first, each cheaper than the next: the lengths (a hostile heading
        of 300,000 characters is one comparison), then the word's characters that
        the name holds at all (counted in C by ``str.translate``), then difflib's
        own ``quick_ratio``; a file of 60,000 distinct headings is then checked in
        a fraction of a second.
        """
        total = len(word) + len(self.name)
        if 2 * min(len(word), len(self.name)) < CUTOFF * total:
            return 0.0
        shared = len(word) - len(word.translate(self.absent_from_it))
        if 2.0 * min(shared, len(self.name)) / total < CUTOFF:  # as difflib computes ratios
            return 0.0
        self.matcher.set_seq1(word)
        if self.matcher.quick_ratio() < CUTOFF:
            return 0.0
        return self.matcher.ratio()


class _Names:
    """Every name of the absent sections, by length: a word is only compared with those
    whose length alone leaves its ratio able to reach the cutoff."""

    def __init__(self, absent: Iterable[str], aliases: Mapping[str, str]) -> None:
        pairs = [(key, name) for key in absent for name in _names(key, aliases)]
        pairs.sort(key=lambda pair: len(pair[1]))
        self.lengths = [len(name) for _, name in pairs]
        self.named = [(key, _Name(name)) for key, name in pairs]
        self.in_no_name = {ord(char): None for _, name in pairs for char in name}

    def closest(self, word: str) -> tuple[float, str]:
        """The best (score, section key) of ``word``; (0.0, "") when none reaches the cutoff.

        Among scores at the cutoff or above, the order is that of ``max`` over
        (score, key) pairs, which is all a caller reads.
        """
        size = len(word)
        # Characters no name holds can match nothing: with s of the word's characters in
        # some name, no ratio exceeds 2s / (size + s), whatever the name's length.
        shared = size - len(word.translate(self.in_no_name))
        if 2.0 * shared / (size + shared or 1) < CUTOFF:
            return 0.0, ""
        # One more each way than the bound: closeness compares the lengths exactly.
        low = bisect_left(self.lengths, size * CUTOFF / (2 - CUTOFF) - 1)
        high = bisect_right(self.lengths, size * (2 - CUTOFF) / CUTOFF + 1)
        best = (0.0, "")
        for key, name in self.named[low:high]:
            score = name.closeness(word)
            if score >= CUTOFF and (score, key) > best:
                best = (score, key)
        return best


def heading_misses(
    body: Body | None, present: Iterable[str], aliases: Mapping[str, str]
) -> dict[str, HeadingMiss]:
    """For each absent mandatory section, the closest unrecognised ``##`` heading, if close.

    A heading stands for one section at most (the one it is closest to), and a
    section takes the closest of the headings that chose it.
    """
    if body is None:
        return {}
    written_sections = set(present)
    names = _Names((key for key in SECTIONS if key not in written_sections), aliases)
    found: dict[str, tuple[float, Heading]] = {}
    closest: dict[str, tuple[float, str]] = {}  # by heading as written: a file may repeat one
    for heading in body.headings:
        if heading.key is not None or heading.level != 2:
            continue
        written = normalise_heading(heading.text)
        if written not in closest:
            closest[written] = names.closest(written)
        score, key = closest[written]
        if score >= CUTOFF and (key not in found or score > found[key][0]):
            found[key] = (score, heading)
    return {key: HeadingMiss(key, heading) for key, (_, heading) in found.items()}


def _names(key: str, aliases: Mapping[str, str]) -> list[str]:
    """Every normalised heading that names ``key``: canonical, built-in and team aliases."""
    aliased = [
        name for table in (BUILTIN_ALIASES, aliases) for name, k in table.items() if k == key
    ]
    return [SECTIONS[key].lower(), *aliased]


def key_misses(
    mapping: Mapping[str, Any],
    known: Iterable[str],
    pointer: str,
    lines: Mapping[str, int],
) -> dict[str, KeyMiss]:
    """Known keys absent from ``mapping`` -> the unknown key written in their place.

    ``pointer`` is the mapping's own ("/front_matter", "/front_matter/cause");
    ``lines`` maps pointers to lines, as the document model does.
    """
    known = set(known)
    absent = sorted(name for name in known if name not in mapping)
    unknown = [name for name in mapping if isinstance(name, str) and name not in known]
    found: dict[str, tuple[float, str]] = {}
    for written in unknown:
        scored = [(_Name(name.lower()).closeness(written.lower()), name) for name in absent]
        score, meant = max(scored, default=(0.0, ""))
        if score >= CUTOFF and (meant not in found or score > found[meant][0]):
            found[meant] = (score, written)
    return {
        f"{pointer}/{meant}": KeyMiss(
            f"{pointer}/{meant}", written, meant, lines.get(f"{pointer}/{written}", 1)
        )
        for meant, (_, written) in found.items()
    }


def known_keys(schema: Mapping[str, Any], path: Iterable[str]) -> set[str]:
    """The property names a schema declares at ``path`` (through ``allOf`` and ``properties``).

    A team's schema is merged with ``allOf``, so its own fields count as known.
    """
    nodes: list[Any] = [schema]
    for part in path:
        nodes = [child for node in _flatten(nodes) if (child := _property(node, part)) is not None]
    return {
        name
        for node in _flatten(nodes)
        if isinstance(node, dict)
        for name in node.get("properties", {})
    }


def _property(node: Any, name: str) -> Any:
    properties = node.get("properties") if isinstance(node, dict) else None
    return properties.get(name) if isinstance(properties, dict) else None


def _flatten(nodes: list[Any]) -> list[Any]:
    """Nodes and everything they ``allOf`` (depth-first), the places properties may be declared."""
    result: list[Any] = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        result.append(node)
        if isinstance(node, dict) and isinstance(node.get("allOf"), list):
            stack.extend(reversed(node["allOf"]))
    return result


def message_for_key(miss: KeyMiss) -> str:
    return f"found '{miss.written}' at line {miss.line}: did you mean '{miss.meant}'?"


def message_for_heading(miss: HeadingMiss) -> str:
    heading = miss.heading
    return f"found '{heading.text}' at line {heading.line}: did you mean '{miss.meant}'?"
