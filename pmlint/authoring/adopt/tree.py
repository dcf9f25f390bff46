"""Stage 2: build the heading tree (ATX and setext alike) from the Markdown parse."""

from __future__ import annotations

from pmlint.authoring.adopt.model import Node
from pmlint.reading.body import markdown


def build_tree(lines: list[str]) -> Node:
    """Nest the top-level headings; every line lands in exactly one node."""
    tokens = markdown().parse("\n".join(lines))
    root = Node(0, "")
    stack = [root]
    position = 0
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.level != 0 or token.map is None:
            continue
        start, end = token.map
        stack[-1].lines.extend(lines[position:start])
        level = int(token.tag[1])
        while stack[-1].level >= level:
            stack.pop()
        node = Node(level, " ".join(tokens[index + 1].content.split()))
        stack[-1].children.append(node)
        stack.append(node)
        position = end
    stack[-1].lines.extend(lines[position:])
    return root
