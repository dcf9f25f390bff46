"""What a problem's JSON pointer names in the source, as a short digest.

A baseline entry is keyed by its pointer, which stays the same across edits
elsewhere in the file; but a follow-up rewritten from "Fix X" to "Fix X —
owner: <owner>" is still ``/follow_ups/0``. Keying the entry also by a digest
of the text the pointer names (the item's line, the section, the field's value,
whitespace-normalised) makes it stop matching once that text changes.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from pmlint.reading.pointers import unescape

if TYPE_CHECKING:  # a run answered from the cache reads no Markdown or YAML
    from pmlint.reading.document import Document

#: Model lists read from a section's items: the section whose items they index.
_ITEM_LISTS = {
    "follow_ups": "follow_up_actions",
    "timeline": "timeline",
    "apparatus_updates": "apparatus_updates",
}


def digest(text: str) -> str:
    """The digest of ``text`` with its whitespace collapsed, so re-wrapping changes nothing."""
    normalised = " ".join(text.split()).encode("utf-8", "surrogateescape")
    return hashlib.blake2b(normalised, digest_size=8).hexdigest()


#: The digest of a pointer that names nothing in the file (an absent section or key).
NOTHING = digest("")


def subject(doc: Document, pointer: str) -> str:
    """The digest of the text ``pointer`` names in ``doc``."""
    return digest(pointed_text(doc, pointer))


def pointed_text(doc: Document, pointer: str) -> str:
    """The source text of the node at ``pointer``: an item as written (placeholders
    included, which the model leaves out), a section's heading and text, or the
    front-matter value; "" for the whole file or a node that is absent."""
    parts = [unescape(part) for part in pointer.split("/")[1:]]
    if not parts:
        return ""
    if parts[0] == "sections" and len(parts) > 1:
        section = doc.sections.get(parts[1])
        return f"{section.heading.text}\n{section.text}" if section else ""
    if parts[0] in _ITEM_LISTS and (section := doc.sections.get(_ITEM_LISTS[parts[0]])):
        if len(parts) > 1 and parts[1].isdigit():
            index = int(parts[1])
            return section.items[index].text if index < len(section.items) else ""
        return f"{section.heading.text}\n{section.text}"
    return _value_text(doc.data, parts)


def _value_text(data: Any, parts: list[str]) -> str:
    """The model's value at ``parts`` as JSON, or "" if there is none."""
    value = data
    for part in parts:
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return ""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
