"""What adopt works on: the heading tree's nodes and the parts that become sections."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from pmlint.errors import UserError


class AdoptError(UserError):
    """The file cannot be converted or written; the message names the file."""


@dataclass
class Node:
    """A heading and what it holds: its own lines, then the headings under it."""

    level: int  # 0 for the document itself
    title: str  # the heading as written (inline Markdown)
    lines: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)


#: A part's content: a line of text, or a sub-heading (depth below the part, text).
Line = str | tuple[int, str]


@dataclass
class Part:
    """What becomes one ``##`` section of the output."""

    key: str | None
    title: str
    exact: bool = False  # lint recognises the heading as it is
    content: list[Line] = field(default_factory=list)


def walk(node: Node) -> Iterator[Node]:
    """The node and every node under it, depth first, in document order."""
    yield node
    for child in node.children:
        yield from walk(child)
