"""Stage 3: bold-label paragraphs and list items (``**Root Causes**:``) become nodes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from markdown_it.token import Token

from pmlint.authoring.adopt.keys import label_key
from pmlint.authoring.adopt.model import Node, walk
from pmlint.reading.body import markdown

_LABEL_LINE = re.compile(
    r"^(?P<prefix>\s*(?:[-*+]|\d{1,9}[.)])?\s*)(?P<mark>\*\*|__)(?P<label>[^*_\n]+?)"
    r"(?P=mark)\s*:?[ \t]*"
)


_ITEM_MARKER = re.compile(r"^(\s*(?:[-*+]|\d{1,9}[.)])[ \t]+)")


@dataclass(frozen=True)
class _Label:
    start: int  # line index in the node's lines
    end: int  # end of the list item (labels in lists), else the start
    text: str
    in_list: bool


def label_nodes(root: Node, aliases: Mapping[str, str]) -> None:
    """Bold labels that name sections or metadata become nodes of their own.

    A node's labels are split off only when at least one names a section or a
    metadata field, so bold timestamps or questions in prose stay prose.
    """
    for node in list(walk(root)):
        labels = _labels(node.lines)
        if not any(label_key(label.text, aliases) for label in labels):
            continue
        pseudo = []
        for label, following in zip(labels, [*labels[1:], None], strict=True):
            stop = following.start if following else len(node.lines)
            lines = node.lines[label.start : stop]
            first = _LABEL_LINE.sub("", lines[0], count=1)
            if label.in_list:
                span = label.end - label.start
                lines = [*_dedent([first, *lines[1:span]], lines[0]), *lines[span:]]
            else:
                lines = [first, *lines[1:]]
            pseudo.append(Node(node.level + 1, label.text, lines))
        node.lines = node.lines[: labels[0].start]
        node.children[:0] = pseudo


def _labels(lines: list[str]) -> list[_Label]:
    """Bold-label paragraphs, and items of lists whose every item starts with one."""
    tokens = markdown().parse("\n".join(lines))
    found: list[_Label] = []
    for index, token in enumerate(tokens):
        if token.level != 0 or token.map is None:
            continue
        if token.type == "paragraph_open":
            text = _label_text(tokens[index + 1])
            if text is not None:
                found.append(_Label(token.map[0], token.map[0], text, False))
        elif token.type == "bullet_list_open":
            items = _list_labels(tokens, index)
            if items:
                found.extend(items)
    return found


def _list_labels(tokens: list[Token], index: int) -> list[_Label]:
    items: list[_Label] = []
    for position in range(index + 1, len(tokens)):
        token = tokens[position]
        if token.type == "bullet_list_close" and token.level == 0:
            break
        if token.type != "list_item_open" or token.level != 1 or token.map is None:
            continue
        inline = tokens[position + 2] if tokens[position + 1].type == "paragraph_open" else None
        text = _label_text(inline) if inline is not None else None
        if text is None:
            return []
        items.append(_Label(token.map[0], token.map[1], text, True))
    return items


def _label_text(inline: Token) -> str | None:
    """The label of ``**Label**: text``, ``**Label:** text`` or a lone ``**Label?**``."""
    children = [c for c in inline.children or [] if c.type != "text" or c.content]
    if len(children) < 3 or children[0].type != "strong_open" or children[1].type != "text":
        return None
    if children[2].type != "strong_close" or "\n" in children[1].content:
        return None
    label = children[1].content.strip()
    rest = "".join(c.content for c in children[3:] if c.type == "text")
    alone = all(c.type in ("text", "softbreak") and not c.content.strip() for c in children[3:])
    closes = label.endswith((":", "?")) or rest.startswith(":")
    if not label or len(label) > 60 or not (closes or alone):
        return None
    if not _LABEL_LINE.match(inline.content):
        return None
    return label.rstrip(":").strip()


def _dedent(lines: list[str], first: str) -> list[str]:
    """A list item's lines as they read outside the list."""
    marker = _ITEM_MARKER.match(first)
    width = len(marker.group(1)) if marker else 0
    result = [lines[0].strip()]
    for line in lines[1:]:
        spaces = len(line) - len(line.lstrip(" "))
        result.append(line[min(spaces, width) :])
    return result
