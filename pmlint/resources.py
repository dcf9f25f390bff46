"""Find the files pmlint ships: the schemas and the rule pages.

In a wheel they are copied into ``pmlint/_data``; in a source checkout they are
read from the top-level ``schemas/`` and ``docs/rules/`` folders.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).parent
_INSTALLED = _PACKAGE / "_data"
_SOURCE = {"schemas": _PACKAGE.parent / "schemas", "rules": _PACKAGE.parent / "docs" / "rules"}


def folder(kind: str) -> Path:
    """``kind`` is "schemas" or "rules"."""
    installed = _INSTALLED / kind
    return installed if installed.is_dir() else _SOURCE[kind]


@cache
def load_json(name: str) -> Any:
    return json.loads((folder("schemas") / name).read_text(encoding="utf-8"))


def rule_page(code: str) -> Path:
    return folder("rules") / f"{code}.md"
