"""Writing a converted file: a new copy beside it, or in place with the original kept."""

from __future__ import annotations

import stat
from pathlib import Path

from pmlint import safe_write
from pmlint.authoring.adopt.model import AdoptError


def target(source: Path, out: Path | None) -> Path:
    """Where the converted copy goes: ``--out DIR/NAME.md``, else ``NAME.pmlint.md`` beside it."""
    if out is not None:
        return out / source.name
    stem = source.name[:-3] if source.name.endswith(".md") else source.name
    return source.with_name(f"{stem}.pmlint.md")


def write_new(path: Path, text: str) -> None:
    """Create ``path``; an existing file (or link) is never overwritten or followed."""
    try:
        safe_write.write_file(path, text, new=True)
    except FileExistsError:
        raise AdoptError(f"{path}: already exists; not overwritten") from None


def replace_keeping_original(path: Path, text: str) -> Path:
    """Write ``text`` over ``path`` after saving its bytes as ``path.orig``, never lost."""
    backup = path.with_name(path.name + ".orig")
    try:
        safe_write.write_file(backup, path.read_bytes(), new=True)
    except FileExistsError:
        raise AdoptError(f"{backup}: already exists; remove it to convert {path} again") from None
    safe_write.write_file(path, text, mode=stat.S_IMODE(path.stat().st_mode))
    return backup
