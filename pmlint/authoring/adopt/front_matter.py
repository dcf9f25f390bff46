"""Stage 1: split off any front-matter (YAML ``---`` or TOML ``+++``) and keep its keys."""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

from pmlint.authoring.adopt.model import AdoptError
from pmlint.reading import frontmatter


def split_front_matter(lines: list[str], name: str) -> tuple[dict[str, Any], list[str]]:
    """Existing front-matter keys, and the body's lines."""
    if lines and lines[0].strip() == "+++":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "+++"), None)
        if end is not None:
            try:
                data = tomllib.loads("\n".join(lines[1:end]))
            except tomllib.TOMLDecodeError as error:
                raise AdoptError(f"{name}: TOML front-matter cannot be read: {error}") from None
            return _dates_as_text(data), lines[end + 1 :]
    front = frontmatter.read(lines)
    if front.error is not None and front.body_start:  # a closed block that is broken
        raise AdoptError(f"{name}:{front.error.line}: {front.error.message}")
    return dict(front.data or {}), lines[front.body_start :]


def _dates_as_text(value: Any) -> Any:
    """TOML dates and times as the strings YAML front-matter holds."""
    if isinstance(value, dict):
        return {key: _dates_as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(item) for item in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value
