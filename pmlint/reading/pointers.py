"""JSON pointers (RFC 6901) into the document model: how problems name the node they are about.

A key holding ``~`` or ``/`` is escaped as ``~0`` and ``~1``; these are the only
places that write or read that escaping.
"""

from __future__ import annotations

from collections.abc import Iterable


def child(pointer: str, key: object) -> str:
    """The pointer to ``key`` under the node at ``pointer``."""
    return f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}"


def from_path(path: Iterable[object]) -> str:
    """The pointer to the node reached by following ``path`` (keys and indexes) from the root."""
    pointer = ""
    for part in path:
        pointer = child(pointer, part)
    return pointer


def unescape(token: str) -> str:
    """A pointer's reference token as the key it names."""
    return token.replace("~1", "/").replace("~0", "~")
