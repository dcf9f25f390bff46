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


def _ratio(a: str, b: str) -> float:
    """difflib's ratio, not computed when the lengths alone keep it under the cutoff.

    A hostile heading of 300,000 characters is then one comparison of lengths.
    """
    if 2 * min(len(a), len(b)) < CUTOFF * (len(a) + len(b)):
        return 0.0
    return difflib.SequenceMatcher(None, a, b).ratio()


def _best(word: str, names: Iterable[str]) -> float:
    return max((_ratio(word, name) for name in names), default=0.0)


def heading_misses(
    body: Body | None, present: Iterable[str], aliases: Mapping[str, str]
) -> dict[str, HeadingMiss]:
    """For each absent mandatory section, the closest unrecognised ``##`` heading, if close.

    A heading stands for one section at most (the one it is closest to), and a
    section takes the closest of the headings that chose it.
    """
    if body is None:
        return {}
    absent = [key for key in SECTIONS if key not in set(present)]
    names = {key: _names(key, aliases) for key in absent}
    found: dict[str, tuple[float, Heading]] = {}
    for heading in body.headings:
        if heading.key is not None or heading.level != 2:
            continue
        written = normalise_heading(heading.text)
        scored = [(_best(written, names[key]), key) for key in absent]
        score, key = max(scored, default=(0.0, ""))
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
        scored = [(_ratio(written.lower(), name.lower()), name) for name in absent]
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
