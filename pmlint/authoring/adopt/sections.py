"""Stage 5: place nodes in the template's sections; a node it cannot place keeps its heading."""

from __future__ import annotations

from pmlint.authoring.adopt.keys import SectionKeys
from pmlint.authoring.adopt.model import Line, Node, Part
from pmlint.reading.vocabulary import OPTIONAL_SECTIONS, SECTIONS

_PLACEABLE = (*SECTIONS, *OPTIONAL_SECTIONS)


def place(nodes: list[Node], keys: SectionKeys) -> list[Part]:
    """One part per top-level node, and per nested node that names another section."""
    parts: list[Part] = []

    def collect(node: Node, part: Part, base: int) -> None:
        part.content.extend(node.lines)
        for child in node.children:
            key = keys(child)
            if key in _PLACEABLE and key != part.key:
                start(child, key)
            else:
                part.content.append((max(child.level - base, 1), child.title))
                collect(child, part, base)

    def start(node: Node, key: str | None) -> None:
        part = Part(key, node.title, keys.is_exact(node))
        parts.append(part)
        collect(node, part, node.level)

    for node in nodes:
        key = keys(node)
        start(node, key if key in _PLACEABLE else None)
    return parts


def merge(parts: list[Part]) -> list[Part]:
    """Parts naming the same section become one, the later ones as its sub-sections.

    The part whose heading lint already recognises leads ("Root causes" before
    "Root cause identification: The Five Whys").
    """
    groups: dict[str, list[Part]] = {}
    for part in parts:
        if part.key is not None:
            groups.setdefault(part.key, []).append(part)
    result: list[Part] = []
    for part in parts:
        if part.key is None:
            result.append(part)
            continue
        group = groups[part.key]
        if part is not group[0]:
            continue
        lead = next((p for p in group if p.exact), group[0])
        for other in group:
            if other is not lead:
                lead.content.append((1, other.title))
                lead.content.extend(_deeper(line) for line in other.content)
        result.append(lead)
    return result


def _deeper(line: Line) -> Line:
    return (line[0] + 1, line[1]) if isinstance(line, tuple) else line
