"""Convert a postmortem written in another style into pmlint's format, losing nothing.

Teams have years of postmortems with setext headings, "Root Cause" and "Action
Items" headings, bold labels instead of headings and no front-matter. ``convert``
rewrites one into the format in small steps, each reading the Markdown parse
(the same markdown-it parser lint uses), not regular expressions over the file:

1. split off any front-matter (YAML ``---`` or TOML ``+++``) and keep its keys
   (``front_matter``);
2. build the heading tree, ATX and setext alike (``tree``);
3. turn bold-label paragraphs and list items (``**Root Causes**:``) into nodes (``labels``);
4. move metadata lines (``**Date**:``, ``Owner: @x``) and the title to front-matter
   (``metadata``);
5. place nodes in the template's sections through the aliases (``keys``); a node it
   cannot place keeps its heading and goes after the nine (``sections``);
6. give every follow-up item the fields of the format, keeping owners and tickets
   (``follow_ups``);
7. render, with placeholders where the original holds nothing to infer (``render``);
   ``files`` writes the result.

Text is copied line by line from the source; only headings, labels turned into
headings and appended follow-up fields differ, so every word of the original
stays (renamed words are kept in a comment).
"""

from __future__ import annotations

from pmlint.authoring.adopt.files import replace_keeping_original, target, write_new
from pmlint.authoring.adopt.follow_ups import follow_ups
from pmlint.authoring.adopt.front_matter import split_front_matter
from pmlint.authoring.adopt.keys import SectionKeys
from pmlint.authoring.adopt.labels import label_nodes
from pmlint.authoring.adopt.metadata import (
    find_title,
    front_matter_lines,
    take_metadata,
    without_emphasis,
)
from pmlint.authoring.adopt.model import AdoptError
from pmlint.authoring.adopt.render import SECTION_HINTS, render
from pmlint.authoring.adopt.sections import merge, place
from pmlint.authoring.adopt.tree import build_tree
from pmlint.config import Config
from pmlint.reading.document import split_lines

__all__ = [
    "SECTION_HINTS",
    "AdoptError",
    "convert",
    "replace_keeping_original",
    "target",
    "write_new",
]


def convert(text: str, name: str, config: Config) -> str:
    """The postmortem ``text`` (from a file called ``name``) in pmlint's format."""
    lines = split_lines(text)
    existing, body = split_front_matter(lines, name)
    root = build_tree(body)
    label_nodes(root, config.heading_aliases)
    keys = SectionKeys(root, config.heading_aliases)
    title_node = find_title(root, keys)
    metadata = take_metadata(root, title_node, keys)
    preamble = [*root.lines, *(title_node.lines if title_node else [])]
    tops = [*(title_node.children if title_node else []), *root.children[1 if title_node else 0 :]]
    parts = merge(place(tops, keys))
    for part in parts:
        if part.key == "follow_up_actions":
            part.content = follow_ups(part.content)
    title = existing.get("title") or (without_emphasis(title_node.title) if title_node else None)
    front = front_matter_lines(existing, metadata, title, name, config)
    return render(front, title_node, preamble, parts, config.heading_aliases)
